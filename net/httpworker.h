#pragma once

#include "apilimits.h"

#include <QObject>

#include <atomic>
#include <memory>

class AnalyticsService;
class ApiHttpServer;
class Clock;
class GroupCommitter;
class HandoffTcpServer;
class RepositoryFactory;
class ServerMetrics;

/**
 * One HTTP thread: a QHttpServer of its own with its own repository connection and AnalyticsService.
 * It does not accept connections itself; the ApiServer's acceptor hands it sockets (adopt()), so
 * that connections go to the least busy thread. Everything here runs in the worker's thread.
 */
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    struct Shared
    {
        std::shared_ptr<RepositoryFactory> repositories;
        std::shared_ptr<const Clock> clock;
        std::shared_ptr<GroupCommitter> committer;
        std::shared_ptr<ServerMetrics> metrics;
        ApiLimits limits;
    };

    explicit HttpWorker(Shared shared);
    ~HttpWorker() override;

    // Opens the worker's repository and server on a copy of the listening socket; false and *error if not.
    bool initialize(qintptr listenerDescriptor, QString *error);
    // Serves a connection the acceptor took.
    void adopt(qintptr socketDescriptor);
    int connectionCount() const { return m_connections.load(std::memory_order_relaxed); }

private:
    Shared m_shared;
    std::unique_ptr<AnalyticsService> m_service;
    ApiHttpServer *m_server = nullptr;
    HandoffTcpServer *m_tcpServer = nullptr;
    std::atomic<int> m_connections { 0 };
};
