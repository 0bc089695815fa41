#pragma once

#include "analytics/queryworker.h"

#include <QDialog>

class QLabel;
class QTableView;
class SampleTableModel;
class TrendChart;
class QStandardItemModel;

/**
 * One session in full: its figures, every connection and streaming sample as tables, latency and
 * video quality over time, and the ICE/DTLS state changes. Loaded through the QueryWorker.
 */
class SessionDetailDialog : public QDialog
{
    Q_OBJECT
public:
    SessionDetailDialog(QueryWorker *queries, const QString &sessionId, QWidget *parent = nullptr);
    ~SessionDetailDialog() override;

    const SampleTableModel *connectionSamples() const { return m_connections; }
    const SampleTableModel *streamingSamples() const { return m_streaming; }
    const QStandardItemModel *stateChanges() const { return m_stateChanges; }
    QString summaryText() const;

signals:
    void loaded();

private:
    void showDetail(const SessionDetail &detail);

    QString m_sessionId;
    QLabel *m_summary;
    SampleTableModel *m_connections;
    SampleTableModel *m_streaming;
    QStandardItemModel *m_stateChanges;
    TrendChart *m_latency;
    TrendChart *m_qualityLevel;
    TrendChart *m_switches;
};
