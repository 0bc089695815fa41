#pragma once

#include "analytics/figures.h"

#include <QWidget>

class TrendChart;

/**
 * The seed's four trends (latency, bandwidth, sessions, success rate) over the chosen window, with the
 * latency's 95th percentile, active users and streams beside the sessions, packet loss and jitter.
 */
class TrendsPage : public QWidget
{
    Q_OBJECT
public:
    explicit TrendsPage(QWidget *parent = nullptr);
    ~TrendsPage() override;

    void setTrends(const Trends &trends, const QDateTime &from, const QDateTime &to);

    const TrendChart *latency() const { return m_latency; }
    const TrendChart *bandwidth() const { return m_bandwidth; }
    const TrendChart *activity() const { return m_activity; }
    const TrendChart *successRate() const { return m_successRate; }
    const TrendChart *packetLoss() const { return m_packetLoss; }
    const TrendChart *jitter() const { return m_jitter; }

private:
    TrendChart *m_latency;
    TrendChart *m_bandwidth;
    TrendChart *m_activity;
    TrendChart *m_successRate;
    TrendChart *m_packetLoss;
    TrendChart *m_jitter;
};
