#pragma once

#include "analytics/figures.h"

#include <QWidget>

class TrendChart;

/** The seed's four trends (latency, bandwidth, sessions, success rate) over the chosen window. */
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

private:
    TrendChart *m_latency;
    TrendChart *m_bandwidth;
    TrendChart *m_sessions;
    TrendChart *m_successRate;
};
