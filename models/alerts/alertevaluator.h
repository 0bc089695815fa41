#pragma once

#include "alerts/alerttracker.h"
#include "alerts/anomalywatch.h"
#include "alerts/predictionwatch.h"
#include "analytics/clock.h"
#include "host/hostsample.h"
#include "storage/alertstore.h"
#include "storage/analyticsrepository.h"

#include <QHash>

#include <memory>

/** What one evaluation changed. */
struct EvaluationResult
{
    QList<Alert> raised;
    QList<Alert> resolved;
    qsizetype active = 0; // unresolved alerts after the pass
};

/**
 * One pass of the alert rules over the stored samples: computes each rule's figure for each key of
 * its scope over the rule's window ending now, lets the AlertTracker decide, and writes the outcome
 * to the AlertStore; the AnomalyWatch and PredictionWatch add their findings about the fleet's figures.
 * Like its repository, an instance belongs to one thread; AlertEngine runs it on a timer. Alerts of
 * rules that are gone or disabled are resolved.
 */
class AlertEvaluator
{
public:
    AlertEvaluator(std::shared_ptr<AnalyticsRepository> samples, std::shared_ptr<AlertStore> alerts,
        std::shared_ptr<const Clock> clock);

    void setRules(const RuleSet &rules);
    // The console's latest look at its host and server, for HostCpu, HostMemory and IngestErrors.
    void addHostSample(const HostSample &sample);
    StorageResult<EvaluationResult> evaluate();

private:
    struct Observed
    {
        AlertTracker::Observation observation;
        double value = 0;
        qint64 samples = 0;
    };
    StorageResult<QHash<QString, Observed>> observe(const AlertRule &rule, const QDateTime &now);
    std::optional<Observed> observeHost(const AlertRule &rule) const;
    StorageResult<std::optional<GroupTotals>> fleetTotals(qint64 windowSeconds, const QDateTime &now);
    static Finding findingOf(const AlertRule &rule, const QString &key, const Observed &observed);
    std::optional<StorageError> apply(const Finding &finding, const QDateTime &now, EvaluationResult &result);
    std::optional<StorageError> resolveUnruled(
        const QSet<QString> &ruled, const QDateTime &now, EvaluationResult &result);

    std::shared_ptr<AnalyticsRepository> m_samples;
    std::shared_ptr<AlertStore> m_alerts;
    std::shared_ptr<const Clock> m_clock;
    RuleSet m_rules;
    AlertTracker m_tracker;
    AnomalyWatch m_anomalies;
    PredictionWatch m_predictions;
    std::optional<QHash<QString, Alert>> m_unresolved; // by identity; read from the store at the first pass
    QHash<std::pair<qint64, int>, QHash<QString, GroupTotals>> m_totalsOfPass; // by window and scope
    QList<HostSample> m_hostHistory; // oldest first, as long as the longest rule window
};
