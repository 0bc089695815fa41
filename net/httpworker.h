#pragma once

#include "apilimits.h"
#include "corspolicy.h"
#include "reports/reportexporter.h"

#include <QObject>

#include <atomic>
#include <memory>

class AlertStore;
class AnalyticsService;
class ApiHttpServer;
class Clock;
class IngestWriter;
class ResponseQueue;
class HandoffTcpServer;
class RepositoryFactory;
class ServerMetrics;

/**
 * One HTTP thread: a QHttpServer of its own with its own read connection and AnalyticsService. Its
 * writes go to the shared IngestWriter without blocking the thread; answers are written through its
 * ResponseQueue. It does not accept connections itself; the ApiServer's acceptor hands it sockets
 * (adopt()), so that connections go to the least busy thread. Everything here runs in the worker's
 * thread.
 */
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    struct Shared
    {
        std::shared_ptr<RepositoryFactory> repositories;
        std::shared_ptr<const Clock> clock;
        std::shared_ptr<IngestWriter> writer;
        std::shared_ptr<ServerMetrics> metrics;
        ApiLimits limits;
        ReportExporter::PdfWriter pdfWriter;
        CorsPolicy cors;
    };

    explicit HttpWorker(Shared shared);
    ~HttpWorker() override;

    // Opens the worker's repository and server on a copy of the listening socket; false and *error if not.
    bool initialize(qintptr listenerDescriptor, QString *error);
    // Counts a connection the acceptor is about to hand over (from the acceptor's thread), so that the
    // next choice of the least busy worker already sees it.
    void reserveConnection();
    // Serves a connection the acceptor took (in the worker's thread).
    void adopt(qintptr socketDescriptor);
    int connectionCount() const { return m_connections.load(std::memory_order_relaxed); }
    // Sends what the response queue holds for its connections (at shutdown, after the writer stopped).
    void flush();

private:
    Shared m_shared;
    std::unique_ptr<AnalyticsService> m_service;
    std::shared_ptr<AlertStore> m_alerts;
    std::unique_ptr<ReportExporter> m_reports;
    ApiHttpServer *m_server = nullptr;
    HandoffTcpServer *m_tcpServer = nullptr;
    std::atomic<int> m_connections { 0 };
};
