#pragma once

#include "analytics/figures.h"

#include <QWidget>

class TrendChart;

/** The seed's four trends (latency, bandwidth, sessions, success rate), with packet loss and jitter, over the chosen
 * window. */
class TrendsPage : public QWidget
{
    Q_OBJECT
public:
    explicit TrendsPage(QWidget *parent = nullptr);
    ~TrendsPage() override;

    void setTrends(const Trends &trends, const QDateTime &from, const QDateTime &to);

    const TrendChart *latency() const { return m_latency; }
    const TrendChart *bandwidth() const { return m_bandwidth; }
    const TrendChart *sessions() const { return m_sessions; }
    const TrendChart *successRate() const { return m_successRate; }
    const TrendChart *packetLoss() const { return m_packetLoss; }
    const TrendChart *jitter() const { return m_jitter; }

private:
    TrendChart *m_latency;
    TrendChart *m_bandwidth;
    TrendChart *m_sessions;
    TrendChart *m_successRate;
    TrendChart *m_packetLoss;
    TrendChart *m_jitter;
};
