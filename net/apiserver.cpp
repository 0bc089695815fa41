#include "apiserver.h"

#include "httpworker.h"
#include "servermetrics.h"

#include "storage/ingestwriter.h"

#include <QTcpServer>
#include <QThread>

#include <unistd.h>

/** The listening socket: passes each accepted connection on, as a descriptor, to a worker thread. */
class Acceptor : public QTcpServer
{
public:
    explicit Acceptor(std::function<HttpWorker *()> chooseWorker)
        : m_chooseWorker(std::move(chooseWorker))
    { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        HttpWorker *worker = m_chooseWorker();
        worker->reserveConnection();
        QMetaObject::invokeMethod(
            worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
    }

private:
    std::function<HttpWorker *()> m_chooseWorker;
};

ApiServer::ApiServer(
    std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_repositories(std::move(repositories))
    , m_clock(std::move(clock))
    , m_writer(std::make_shared<IngestWriter>(m_repositories))
    , m_metrics(std::make_shared<ServerMetrics>())
{ }

ApiServer::~ApiServer()
{
    stop();
}

HttpWorker *ApiServer::leastBusyWorker() const
{
    HttpWorker *best = m_workers.front().second;
    for (const auto &[thread, worker] : m_workers) {
        if (worker->connectionCount() < best->connectionCount())
            best = worker;
    }
    return best;
}

bool ApiServer::start(const ServerConfig &config, QString *error)
{
    if (auto failure = m_writer->start()) {
        *error = failure->message;
        return false;
    }
    m_acceptorThread = new QThread(this);
    m_acceptorThread->setObjectName(QStringLiteral("http-acceptor"));
    m_acceptorThread->start();
    m_acceptor = new Acceptor([this] { return leastBusyWorker(); });
    m_acceptor->moveToThread(m_acceptorThread);
    connect(m_acceptorThread, &QThread::finished, m_acceptor, &QObject::deleteLater);

    // The workers exist before the first connection can be accepted.
    bool listening = false;
    QMetaObject::invokeMethod(
        m_acceptor,
        [&] {
            listening = m_acceptor->listen(config.address, config.port);
            if (listening)
                m_acceptor->pauseAccepting();
            else
                *error = QStringLiteral("Cannot listen on %1:%2: %3")
                             .arg(config.address.toString())
                             .arg(config.port)
                             .arg(m_acceptor->errorString());
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        return false;
    }
    m_address = m_acceptor->serverAddress();
    m_port = m_acceptor->serverPort();

    const HttpWorker::Shared shared { m_repositories, m_clock, m_writer, m_metrics, config.limits, config.pdfWriter,
        config.cors };
    for (int i = 0; i < std::max(1, config.threads); ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("http-%1").arg(i));
        auto *worker = new HttpWorker(shared);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_workers.emplace_back(thread, worker);
        bool initialized = false;
        const qintptr listener = m_acceptor->socketDescriptor();
        QMetaObject::invokeMethod(
            worker, [&] { initialized = worker->initialize(listener, error); }, Qt::BlockingQueuedConnection);
        if (!initialized) {
            stop();
            return false;
        }
    }
    QMetaObject::invokeMethod(
        m_acceptor, [this] { m_acceptor->resumeAccepting(); }, Qt::BlockingQueuedConnection);
    return true;
}

void ApiServer::stop()
{
    if (m_acceptorThread) {
        QMetaObject::invokeMethod(
            m_acceptor, [this] { m_acceptor->close(); }, Qt::BlockingQueuedConnection);
    }
    // Everything accepted is committed; its answers are queued to the workers, behind which a flush
    // runs before each worker stops.
    m_writer->stop();
    for (const auto &[thread, worker] : m_workers) {
        QMetaObject::invokeMethod(
            worker, [worker = worker] { worker->flush(); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
    }
    m_workers.clear();
    if (m_acceptorThread) {
        m_acceptorThread->quit();
        m_acceptorThread->wait();
        m_acceptorThread = nullptr;
        m_acceptor = nullptr;
    }
}
