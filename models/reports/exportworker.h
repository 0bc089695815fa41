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

    void start(const ExportRequest &request);
    // Stops the running export at its next page of rows; it finishes with ReportExporter::Cancelled
    // and leaves no file.
    void cancel();

signals:
    void progressed(qint64 done, qint64 total);
    // An empty error when the export was written.
    void finished(const QString &error);

private:
    class Runner;
    QThread m_thread;
    Runner *m_runner;
    std::atomic<bool> m_cancelled { false };
};
