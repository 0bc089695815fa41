#pragma once

#include "apilimits.h"
#include "corspolicy.h"
#include "reports/reportexporter.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <vector>

class Acceptor;
class Clock;
class IngestWriter;
class HttpWorker;
class QThread;
class RepositoryFactory;
class ServerMetrics;

/** Where and how the API listens. */
struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080; // 0 picks a free port
    int threads = 4; // HTTP threads: they never wait for a commit, so a few serve many connections
    ApiLimits limits;
    // Prints the PDF reports (performance-report?format=pdf); from the views, which net does not know.
    ReportExporter::PdfWriter pdfWriter;
    // Who may post metrics (and load reporter.js) from pages of other origins.
    CorsPolicy cors;
};

/**
 * The HTTP API off the GUI thread: an acceptor thread takes connections on one listening socket and
 * hands each to the HTTP worker thread with the fewest connections. Workers validate and answer
 * queries; their records go to one IngestWriter thread that commits whatever has arrived in one
 * transaction, after which the workers answer.
 */
class ApiServer : public QObject
{
    Q_OBJECT
public:
    ApiServer(
        std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~ApiServer() override;

    bool start(const ServerConfig &config, QString *error);
    // Stops accepting, commits and answers every record already accepted, and joins the threads.
    void stop();

    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    const ServerMetrics &metrics() const { return *m_metrics; }
    const IngestWriter &writer() const { return *m_writer; }

private:
    HttpWorker *leastBusyWorker() const;

    std::shared_ptr<RepositoryFactory> m_repositories;
    std::shared_ptr<const Clock> m_clock;
    std::shared_ptr<IngestWriter> m_writer;
    std::shared_ptr<ServerMetrics> m_metrics;
    QThread *m_acceptorThread = nullptr;
    Acceptor *m_acceptor = nullptr;
    std::vector<std::pair<QThread *, HttpWorker *>> m_workers;
    QHostAddress m_address;
    quint16 m_port = 0;
};
