#include "httpworker.h"

#include "apirouter.h"
#include "connectionguard.h"
#include "responsequeue.h"
#include "servermetrics.h"

#include "analytics/analyticsservice.h"
#include "storage/alertstore.h"
#include "storage/repositoryfactory.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>

#include <unistd.h>

/**
 * The QTcpServer an HTTP thread's QAbstractHttpServer takes its connections from. QAbstractHttpServer
 * only binds a listening QTcpServer, so this one holds a copy of the shared listening socket with
 * accepting paused, and is handed the connections the acceptor chose for this thread. Every
 * connection, handed or (should accepting resume) accepted here, gets its ConnectionGuard first.
 */
class HandoffTcpServer : public QTcpServer
{
public:
    HandoffTcpServer(const ApiLimits &limits, std::atomic<int> &connections, QObject *parent)
        : QTcpServer(parent)
        , m_limits(limits)
        , m_connections(connections)
    { }

    // Takes a connection counted in `connections` already; uncounts it when it closes.
    void adopt(qintptr socketDescriptor)
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            ::close(int(socketDescriptor));
            delete socket;
            m_connections.fetch_sub(1, std::memory_order_relaxed);
            return;
        }
        connect(socket, &QObject::destroyed, this, [this] { m_connections.fetch_sub(1, std::memory_order_relaxed); });
        // Connected to readyRead before QAbstractHttpServer is, so that it sees each byte first.
        new ConnectionGuard(socket, m_limits);
        addPendingConnection(socket);
        emit newConnection();
    }

protected:
    void incomingConnection(qintptr socketDescriptor) override
    {
        m_connections.fetch_add(1, std::memory_order_relaxed);
        adopt(socketDescriptor);
    }

private:
    const ApiLimits m_limits;
    std::atomic<int> &m_connections;
};

/** Hands every request to the ApiRouter and its answer, now or after COMMIT, to the ResponseQueue. */
class ApiHttpServer : public QAbstractHttpServer
{
public:
    ApiHttpServer(AnalyticsService &service, AlertStore &alerts, ReportExporter &reports,
        std::shared_ptr<const Clock> clock, ServerMetrics &metrics, const IngestWriter &writer, const ApiLimits &limits,
        const CorsPolicy &cors, QObject *parent)
        : QAbstractHttpServer(parent)
        , m_responses(new ResponseQueue(this))
        , m_router(service, alerts, reports, std::move(clock), metrics, writer, limits, cors, this)
    { }

    ResponseQueue *responses() const { return m_responses; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const ApiRequest apiRequest { methodName(request.method()), request.url().path(QUrl::FullyEncoded).toUtf8(),
            request.query(), request.headers(), request.body() };
        const bool closeAfter = request.value("Connection").trimmed().toLower() == "close";
        const ResponseQueue::Ticket ticket = m_responses->reserve(socket, closeAfter);
        m_router.handle(
            apiRequest, [this, ticket](const ApiResponse &response) { m_responses->fulfil(ticket, response); });
        return true;
    }

    // Never reached: handleRequest() answers every request, unknown routes included.
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    static QByteArray methodName(QHttpServerRequest::Method method)
    {
        switch (method) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Head:
            return "HEAD";
        case QHttpServerRequest::Method::Options:
            return "OPTIONS";
        case QHttpServerRequest::Method::Patch:
            return "PATCH";
        default:
            return "UNKNOWN";
        }
    }

    ResponseQueue *m_responses;
    ApiRouter m_router;
};

HttpWorker::HttpWorker(Shared shared)
    : m_shared(std::move(shared))
{ }

HttpWorker::~HttpWorker()
{
    // The server (and its sockets) go before the service their router refers to.
    delete m_server;
}

bool HttpWorker::initialize(qintptr listenerDescriptor, QString *error)
{
    auto stores = m_shared.repositories->openStores();
    if (!stores.ok()) {
        *error = stores.error().message;
        return false;
    }
    m_service = std::make_unique<AnalyticsService>(stores.value().samples, m_shared.clock);
    m_service->setIngestWriter(m_shared.writer);
    m_alerts = stores.value().alerts;
    m_reports = std::make_unique<ReportExporter>(*m_service, *stores.value().samples, *m_alerts, m_shared.pdfWriter);

    m_server = new ApiHttpServer(*m_service, *m_alerts, *m_reports, m_shared.clock, *m_shared.metrics, *m_shared.writer,
        m_shared.limits, m_shared.cors, nullptr);
    m_tcpServer = new HandoffTcpServer(m_shared.limits, m_connections, m_server);
    const int copy = ::dup(int(listenerDescriptor));
    if (copy < 0 || !m_tcpServer->setSocketDescriptor(copy)) {
        *error = QStringLiteral("Cannot share the listening socket with an HTTP thread");
        return false;
    }
    m_server->bind(m_tcpServer);
    // After bind(), which would otherwise leave it accepting on its own.
    m_tcpServer->pauseAccepting();
    return true;
}

void HttpWorker::adopt(qintptr socketDescriptor)
{
    m_tcpServer->adopt(socketDescriptor);
}

void HttpWorker::reserveConnection()
{
    m_connections.fetch_add(1, std::memory_order_relaxed);
}

void HttpWorker::flush()
{
    const QList<QTcpSocket *> sockets = m_tcpServer->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->flush();
}
