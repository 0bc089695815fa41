#pragma once

#include "host/hostsample.h"

#include <QWidget>

class QLabel;
class TrendChart;

/** Console health: the host's CPU, memory and network, the console's own memory and ingestion, over the last half hour.
 */
class HealthPage : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPage(QWidget *parent = nullptr);
    ~HealthPage() override;

    void addSample(const HostSample &sample);
    QString figureText(int row) const;

    // Samples kept for the charts: half an hour at one every 5 s.
    static constexpr qsizetype HistoryLength = 360;

private:
    QList<QLabel *> m_figures;
    TrendChart *m_host;
    TrendChart *m_ingestion;
    QList<HostSample> m_history;
};
