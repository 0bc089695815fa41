#include "alertengine.h"

#include "logging.h"
#include "storage/repositoryfactory.h"

#include <QTimer>

// Lives in the engine's thread; owns its connection and timer there.
class AlertEngine::Runner : public QObject
{
public:
    Runner(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, AlertEngine *owner)
        : m_repositories(std::move(repositories))
        , m_clock(std::move(clock))
        , m_owner(owner)
    { }

    void setRules(const RuleSet &rules)
    {
        m_rules = rules;
        if (m_evaluator)
            m_evaluator->setRules(rules);
        if (!m_timer) {
            m_timer = new QTimer(this);
            connect(m_timer, &QTimer::timeout, this, &Runner::evaluate);
        }
        m_timer->start(int(rules.evaluationIntervalSeconds * 1000));
    }

    void evaluate()
    {
        if (auto error = ensureOpen())
            return fail(*error);
        auto result = m_evaluator->evaluate();
        if (!result.ok())
            return fail(result.error());
        emit m_owner->evaluated(result.value());
        announce();
    }

    void addHostSample(const HostSample &sample)
    {
        if (m_evaluator)
            return m_evaluator->addHostSample(sample);
        // Kept (the last hour's) until the database opens, so that the first pass has them too.
        m_hostSamples.append(sample);
        if (m_hostSamples.size() > PendingHostSamples)
            m_hostSamples.removeFirst();
    }

    void acknowledge(const QString &id, const QString &by, const QString &note)
    {
        if (auto error = ensureOpen())
            return fail(*error);
        auto acknowledged = m_alerts->acknowledge(id, by, note, m_clock->now());
        if (!acknowledged.ok())
            return fail(acknowledged.error());
        announce();
    }

private:
    std::optional<StorageError> ensureOpen()
    {
        if (m_evaluator)
            return std::nullopt;
        auto stores = m_repositories->openStores();
        if (!stores.ok())
            return stores.error();
        m_alerts = stores.value().alerts;
        m_evaluator = std::make_unique<AlertEvaluator>(stores.value().samples, m_alerts, m_clock);
        m_evaluator->setRules(m_rules);
        for (const HostSample &sample : std::as_const(m_hostSamples))
            m_evaluator->addHostSample(sample);
        m_hostSamples.clear();
        return std::nullopt;
    }

    void announce()
    {
        auto alerts = m_alerts->alerts(AlertSelection::All, ListedAlerts);
        if (!alerts.ok())
            return fail(alerts.error());
        emit m_owner->alertsChanged(alerts.value());
    }

    void fail(const StorageError &error)
    {
        qCWarning(lcAlerts) << "Alert evaluation failed:" << error.message;
        emit m_owner->failed(error.message);
    }

    std::shared_ptr<RepositoryFactory> m_repositories;
    std::shared_ptr<const Clock> m_clock;
    AlertEngine *m_owner;
    RuleSet m_rules;
    QTimer *m_timer = nullptr;
    std::shared_ptr<AlertStore> m_alerts;
    std::unique_ptr<AlertEvaluator> m_evaluator;
    static constexpr qsizetype PendingHostSamples = 720;
    QList<HostSample> m_hostSamples;
};

AlertEngine::AlertEngine(
    std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(std::move(repositories), std::move(clock), this))
{
    qRegisterMetaType<EvaluationResult>();
    qRegisterMetaType<QList<Alert>>();
    m_thread.setObjectName(QStringLiteral("alert-rules"));
    m_runner->moveToThread(&m_thread);
    // The runner (its timer and connections) is destroyed in its own thread.
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start();
}

AlertEngine::~AlertEngine()
{
    m_thread.quit();
    m_thread.wait();
}

void AlertEngine::start(const RuleSet &rules)
{
    setRules(rules);
    evaluateNow();
}

void AlertEngine::setRules(const RuleSet &rules)
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, rules] { runner->setRules(rules); }, Qt::QueuedConnection);
}

void AlertEngine::evaluateNow()
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner] { runner->evaluate(); }, Qt::QueuedConnection);
}

void AlertEngine::acknowledge(const QString &id, const QString &by, const QString &note)
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, id, by, note] { runner->acknowledge(id, by, note); }, Qt::QueuedConnection);
}

void AlertEngine::addHostSample(const HostSample &sample)
{
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, sample] { runner->addHostSample(sample); }, Qt::QueuedConnection);
}
