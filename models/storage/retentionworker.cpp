#include "retentionworker.h"

#include "logging.h"
#include "storage/repositoryfactory.h"

#include <QTimer>

// Lives in the worker's thread; owns its connection and timers there.
class RetentionWorker::Runner : public QObject
{
public:
    Runner(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, RetentionWorker *owner)
        : m_repositories(std::move(repositories))
        , m_clock(std::move(clock))
        , m_owner(owner)
    { }

    void start(const RetentionPolicy &policy, int passIntervalMs)
    {
        m_policy = policy;
        m_passes = new QTimer(this);
        connect(m_passes, &QTimer::timeout, this, &Runner::beginPass);
        m_passes->start(passIntervalMs);
        beginPass();
    }

    void setPolicy(const RetentionPolicy &policy) { m_policy = policy; }

private:
    void beginPass()
    {
        if (m_passing)
            return;
        if (!m_repository) {
            auto opened = m_repositories->open();
            if (!opened.ok())
                return fail(opened.error());
            m_repository = opened.value();
        }
        m_passing = true;
        m_samples = 0;
        m_rollupRows = 0;
        step();
    }

    // One batch of each; the pass goes on after a pause while batches come back full.
    void step()
    {
        const QDateTime now = m_clock->now();
        auto samples = m_repository->deleteSamplesBefore(now.addDays(-m_policy.rawDays), BatchRows);
        if (!samples.ok())
            return fail(samples.error());
        auto rollups = m_repository->deleteRollupsBefore(now.addDays(-m_policy.rollupDays), BatchRows);
        if (!rollups.ok())
            return fail(rollups.error());
        m_samples += samples.value();
        m_rollupRows += rollups.value();
        if (auto error = m_repository->reclaimSpace())
            return fail(*error);
        if (samples.value() > 0 || rollups.value() > 0) {
            QTimer::singleShot(PauseMs, this, &Runner::step);
            return;
        }
        m_passing = false;
        if (m_samples > 0 || m_rollupRows > 0)
            qCInfo(lcStorage) << "Retention deleted" << m_samples << "samples and" << m_rollupRows << "rollup rows";
        emit m_owner->passFinished(m_samples, m_rollupRows);
    }

    void fail(const StorageError &error)
    {
        m_passing = false;
        qCWarning(lcStorage) << "Retention failed:" << error.message;
        emit m_owner->failed(error.message);
    }

    std::shared_ptr<RepositoryFactory> m_repositories;
    std::shared_ptr<const Clock> m_clock;
    RetentionWorker *m_owner;
    RetentionPolicy m_policy;
    std::shared_ptr<AnalyticsRepository> m_repository;
    QTimer *m_passes = nullptr;
    bool m_passing = false;
    qint64 m_samples = 0;
    qint64 m_rollupRows = 0;
};

RetentionWorker::RetentionWorker(
    std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(std::move(repositories), std::move(clock), this))
{
    m_thread.setObjectName(QStringLiteral("retention"));
    m_runner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

RetentionWorker::~RetentionWorker()
{
    m_thread.quit();
    m_thread.wait();
}

void RetentionWorker::start(const RetentionPolicy &policy, int passIntervalMs)
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, policy, passIntervalMs] { runner->start(policy, passIntervalMs); });
}

void RetentionWorker::setPolicy(const RetentionPolicy &policy)
{
    QMetaObject::invokeMethod(m_runner, [runner = m_runner, policy] { runner->setPolicy(policy); });
}
