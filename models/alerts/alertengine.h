#pragma once

#include "alerts/alertevaluator.h"

#include <QObject>
#include <QThread>

#include <memory>

class RepositoryFactory;

Q_DECLARE_METATYPE(EvaluationResult)

/**
 * Runs the alert rules on a thread of its own, with connections of its own, every
 * evaluationIntervalSeconds of the rule set: the GUI and the HTTP threads never wait for it.
 * Results come back as signals in the thread that owns the engine. Acknowledgements go through it
 * too, so that the list it announces is always the store's.
 */
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    AlertEngine(
        std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~AlertEngine() override;

    // How many alerts (newest first) alertsChanged() carries.
    static constexpr qsizetype ListedAlerts = 500;

    // Evaluates at once, then on the rule set's interval; a new rule set applies from the next pass.
    void start(const RuleSet &rules);
    void setRules(const RuleSet &rules);
    void evaluateNow();
    void addHostSample(const HostSample &sample);
    void acknowledge(const QString &id, const QString &by, const QString &note);

signals:
    void evaluated(const EvaluationResult &result);
    // After every pass and acknowledgement: the newest ListedAlerts alerts.
    void alertsChanged(const QList<Alert> &alerts);
    void failed(const QString &message);

private:
    class Runner;
    QThread m_thread;
    Runner *m_runner;
};
