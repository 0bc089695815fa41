#pragma once

#include "analytics/clock.h"
#include "reports/reportexporter.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

class RepositoryFactory;

/**
 * Runs exports on a thread of its own with a database connection of its own, so that a long export
 * (millions of rows) never stalls the console. One export at a time: start() it, follow progressed(),
 * cancel() it if need be, and finished() comes back in the thread that owns the worker.
 */
class ExportWorker : public QObject
{
    Q_OBJECT
public:
    ExportWorker(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock,
        ReportExporter::PdfWriter pdfWriter, QObject *parent = nullptr);
    ~ExportWorker() override;

    // The export's number, which its signals carry.
    quint64 start(const ExportRequest &request);
    // Stops the running export (and any queued behind it) at its next page of rows; it finishes with
    // ReportExporter::Cancelled and leaves no file.
    void cancel();

signals:
    void progressed(quint64 exportNumber, qint64 done, qint64 total);
    // An empty error when the export was written.
    void finished(quint64 exportNumber, const QString &error);

private:
    class Runner;
    QThread m_thread;
    Runner *m_runner;
    // Exports are numbered as they start; cancel() stops every one started so far, and only those.
    std::atomic<quint64> m_started { 0 };
    std::atomic<quint64> m_cancelledThrough { 0 };
};
