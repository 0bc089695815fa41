#include "queryworker.h"

#include "analytics/analyticsservice.h"
#include "storage/repositoryfactory.h"

// Lives in the worker thread; owns the read connection there.
class QueryWorker::Runner : public QObject
{
public:
    Runner(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QueryWorker *owner)
        : m_repositories(std::move(repositories))
        , m_clock(std::move(clock))
        , m_owner(owner)
    { }

    void refresh(const RefreshRequest &request)
    {
        if (auto error = ensureOpen())
            return fail(*error);
        ConsoleSnapshot snapshot;
        auto dashboard = m_service->dashboard(request.dashboardWindowSeconds);
        if (!dashboard.ok())
            return fail(dashboard.error());
        auto trends = m_service->trendsOver(request.chartWindowSeconds, chartBucketSeconds(request.chartWindowSeconds));
        if (!trends.ok())
            return fail(trends.error());
        auto sessions = m_service->sessionsActiveIn(request.dashboardWindowSeconds);
        if (!sessions.ok())
            return fail(sessions.error());
        snapshot.dashboard = std::move(dashboard).value();
        snapshot.sessions = std::move(sessions).value();
        snapshot.trends = std::move(trends).value();
        snapshot.refreshedAt = m_clock->now();
        emit m_owner->refreshed(snapshot);
    }

    void loadSession(const QString &sessionId)
    {
        auto failed = [&](const StorageError &error) { emit m_owner->sessionFailed(sessionId, error.message); };
        if (auto error = ensureOpen())
            return failed(*error);
        SessionDetail detail;
        detail.sessionId = sessionId;
        auto analytics = m_service->sessionAnalytics(sessionId);
        if (!analytics.ok())
            return failed(analytics.error());
        const SampleFilter session { std::nullopt, QString(), sessionId };
        auto connections = m_repository->samples(MetricKind::Connection, session);
        auto streaming = m_repository->samples(MetricKind::Streaming, session);
        if (!connections.ok() || !streaming.ok())
            return failed(connections.ok() ? streaming.error() : connections.error());
        detail.analytics = analytics.value();
        detail.connectionSamples = std::move(connections).value();
        detail.streamingSamples = std::move(streaming).value();
        detail.stateChanges = stateChangesOf(detail.connectionSamples);
        emit m_owner->sessionLoaded(detail);
    }

private:
    std::optional<StorageError> ensureOpen()
    {
        if (m_service)
            return std::nullopt;
        auto repository = m_repositories->open();
        if (!repository.ok())
            return repository.error();
        m_repository = repository.value();
        m_service = std::make_unique<AnalyticsService>(m_repository, m_clock);
        return std::nullopt;
    }

    void fail(const StorageError &error) { emit m_owner->refreshFailed(error.message); }

    std::shared_ptr<RepositoryFactory> m_repositories;
    std::shared_ptr<const Clock> m_clock;
    QueryWorker *m_owner;
    std::shared_ptr<AnalyticsRepository> m_repository;
    std::unique_ptr<AnalyticsService> m_service;
};

QueryWorker::QueryWorker(
    std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(std::move(repositories), std::move(clock), this))
{
    qRegisterMetaType<ConsoleSnapshot>();
    qRegisterMetaType<SessionDetail>();
    m_thread.setObjectName(QStringLiteral("console-queries"));
    m_runner->moveToThread(&m_thread);
    // The runner (and the connection it holds) is destroyed in its own thread.
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start();
}

QueryWorker::~QueryWorker()
{
    m_thread.quit();
    m_thread.wait();
}

qint64 QueryWorker::chartBucketSeconds(qint64 windowSeconds)
{
    return std::max<qint64>(60, windowSeconds / 120);
}

void QueryWorker::refresh(const RefreshRequest &request)
{
    // Signals emitted by the runner cross back to this object's thread as queued calls.
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, request] { runner->refresh(request); }, Qt::QueuedConnection);
}

void QueryWorker::loadSession(const QString &sessionId)
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, sessionId] { runner->loadSession(sessionId); }, Qt::QueuedConnection);
}
