#include "alertevaluator.h"

#include "alerts/rulefigures.h"
#include "storage/sortableid.h"

#include <QJsonObject>

namespace {

// Unresolved alerts a pass keeps track of: far more than any fleet raises at once.
constexpr qsizetype UnresolvedLimit = 100'000;

} // namespace

AlertEvaluator::AlertEvaluator(std::shared_ptr<AnalyticsRepository> samples, std::shared_ptr<AlertStore> alerts,
    std::shared_ptr<const Clock> clock)
    : m_samples(std::move(samples))
    , m_alerts(std::move(alerts))
    , m_clock(std::move(clock))
{ }

void AlertEvaluator::setRules(const RuleSet &rules)
{
    m_rules = rules;
}

void AlertEvaluator::addHostSample(const HostSample &sample)
{
    m_hostHistory.append(sample);
    qint64 longestWindow = 0;
    for (const AlertRule &rule : std::as_const(m_rules.rules))
        longestWindow = std::max(longestWindow, rule.windowSeconds);
    // Keep one sample older than the longest window: it is where that window's counts start.
    const QDateTime oldestNeeded = sample.at.addSecs(-longestWindow);
    while (m_hostHistory.size() > 2 && m_hostHistory.at(1).at <= oldestNeeded)
        m_hostHistory.removeFirst();
}

std::optional<AlertEvaluator::Observed> AlertEvaluator::observeHost(const AlertRule &rule) const
{
    if (m_hostHistory.isEmpty())
        return std::nullopt;
    const HostSample &latest = m_hostHistory.constLast();
    std::optional<double> figure;
    qint64 samples = 1;
    switch (rule.type) {
    case RuleType::HostCpu:
        figure = latest.cpuPercent;
        break;
    case RuleType::HostMemory:
        figure = latest.memoryPercent;
        break;
    case RuleType::IngestErrors:
        if (const auto errors = RuleFigures::ingestErrors(m_hostHistory, rule.windowSeconds, rule.minimumSamples)) {
            figure = errors->percent;
            samples = errors->requests;
        }
        break;
    default:
        return std::nullopt;
    }
    if (!figure)
        return std::nullopt;
    return Observed { AlertTracker::observationOf(rule, figure), *figure, samples };
}

StorageResult<QHash<QString, AlertEvaluator::Observed>> AlertEvaluator::observe(
    const AlertRule &rule, const QDateTime &now)
{
    QHash<QString, Observed> observed;
    if (rule.type == RuleType::IngestErrors || rule.type == RuleType::HostCpu || rule.type == RuleType::HostMemory) {
        if (const std::optional<Observed> host = observeHost(rule))
            observed.insert(m_hostHistory.constLast().host, *host);
        return observed;
    }
    if (rule.type == RuleType::NoData) {
        TRY_STORAGE(latest, m_samples->latestSampleTime());
        // Before the first sample there is nothing to miss.
        if (latest) {
            const double minutes = RuleFigures::minutesWithoutData(*latest, now);
            observed.insert(QString(), { AlertTracker::observationOf(rule, minutes), minutes, 0 });
        }
        return observed;
    }
    const auto cacheKey = std::make_pair(rule.windowSeconds, int(rule.scope));
    if (!m_totalsOfPass.contains(cacheKey)) {
        TRY_STORAGE(groups,
            m_samples->groupTotals(
                { TimeWindow::endingAt(now, rule.windowSeconds), QString(), QString() }, rule.scope));
        QHash<QString, GroupTotals> byKey;
        for (const GroupTotals &totals : groups)
            byKey.insert(totals.key, totals);
        m_totalsOfPass.insert(cacheKey, byKey);
    }
    const QHash<QString, GroupTotals> &groups = m_totalsOfPass.value(cacheKey);
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        const std::optional<double> figure = RuleFigures::figureOf(rule, it.value());
        observed.insert(it.key(),
            { AlertTracker::observationOf(rule, figure), figure.value_or(0),
                RuleFigures::samplesBehind(rule.type, it.value()) });
    }
    return observed;
}

StorageResult<std::optional<GroupTotals>> AlertEvaluator::fleetTotals(qint64 windowSeconds, const QDateTime &now)
{
    const auto cacheKey = std::make_pair(windowSeconds, int(AlertScope::Global));
    if (!m_totalsOfPass.contains(cacheKey)) {
        TRY_STORAGE(groups,
            m_samples->groupTotals(
                { TimeWindow::endingAt(now, windowSeconds), QString(), QString() }, AlertScope::Global));
        QHash<QString, GroupTotals> byKey;
        for (const GroupTotals &totals : groups)
            byKey.insert(totals.key, totals);
        m_totalsOfPass.insert(cacheKey, byKey);
    }
    const QHash<QString, GroupTotals> &fleet = m_totalsOfPass.value(cacheKey);
    return fleet.isEmpty() ? std::optional<GroupTotals>() : std::optional<GroupTotals>(fleet.constBegin().value());
}

Finding AlertEvaluator::findingOf(const AlertRule &rule, const QString &key, const Observed &observed)
{
    Finding finding;
    finding.type = spelling(rule.type);
    finding.scope = rule.scope;
    finding.key = key;
    finding.severity = rule.severity;
    finding.minimumDurationSeconds = rule.minimumDurationSeconds;
    finding.highIsBad = rule.highIsBad();
    finding.observation = observed.observation;
    finding.value = observed.value;
    finding.message = RuleFigures::messageFor(rule, key, observed.value);
    finding.evidence = QJsonObject {
        { QStringLiteral("rule"), spelling(rule.type) },
        { QStringLiteral("value"), observed.value },
        { QStringLiteral("unit"), RuleFigures::unitOf(rule.type) },
        { QStringLiteral("raise_threshold"), rule.raiseAt },
        { QStringLiteral("clear_threshold"), rule.clearAt },
        { QStringLiteral("window_seconds"), rule.windowSeconds },
        { QStringLiteral("minimum_duration_seconds"), rule.minimumDurationSeconds },
        { QStringLiteral("samples"), observed.samples },
    };
    return finding;
}

std::optional<StorageError> AlertEvaluator::apply(
    const Finding &finding, const QDateTime &now, EvaluationResult &result)
{
    const QString identity = finding.identity();
    const auto active = m_unresolved->find(identity);
    const bool isActive = active != m_unresolved->end();
    auto withEvidence = [&](Alert alert) {
        alert.lastValue = finding.value;
        alert.peakValue
            = finding.highIsBad ? std::max(alert.peakValue, finding.value) : std::min(alert.peakValue, finding.value);
        alert.message = finding.message;
        alert.details = finding.evidence;
        alert.details.insert(QStringLiteral("peak_value"), alert.peakValue);
        alert.lastSeen = now;
        return alert;
    };
    switch (m_tracker.observe(identity, finding.minimumDurationSeconds, finding.observation, isActive, now)) {
    case AlertTracker::Decision::None:
        return std::nullopt;
    case AlertTracker::Decision::Raise: {
        Alert alert;
        alert.id = newSortableId(now);
        alert.type = finding.type;
        alert.severity = finding.severity;
        alert.scope = finding.scope;
        alert.scopeKey = finding.key;
        alert.peakValue = finding.value;
        alert.firstSeen = now;
        auto stored = m_alerts->raise(withEvidence(alert));
        if (!stored.ok())
            return stored.error();
        m_unresolved->insert(identity, stored.value());
        result.raised.append(stored.value());
        return std::nullopt;
    }
    case AlertTracker::Decision::Update: {
        const Alert updated = withEvidence(*active);
        if (auto error = m_alerts->update(updated))
            return error;
        *active = updated;
        return std::nullopt;
    }
    case AlertTracker::Decision::Resolve:
        if (auto error = m_alerts->resolve(active->id, now))
            return error;
        active->resolvedAt = now;
        result.resolved.append(*active);
        m_unresolved->erase(active);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<StorageError> AlertEvaluator::resolveUnruled(
    const QSet<QString> &ruled, const QDateTime &now, EvaluationResult &result)
{
    const QList<QString> alerted = m_unresolved->keys();
    for (const QString &identity : alerted) {
        if (ruled.contains(identity.section(u'/', 0, 1) + u'/'))
            continue;
        Alert alert = m_unresolved->take(identity);
        if (auto error = m_alerts->resolve(alert.id, now))
            return error;
        alert.resolvedAt = now;
        result.resolved.append(alert);
    }
    return std::nullopt;
}

StorageResult<EvaluationResult> AlertEvaluator::evaluate()
{
    const QDateTime now = m_clock->now();
    if (!m_unresolved) {
        TRY_STORAGE(unresolved, m_alerts->alerts(AlertSelection::Unresolved, UnresolvedLimit));
        m_unresolved.emplace();
        for (const Alert &alert : unresolved)
            m_unresolved->insert(Finding::identityOf(alert.type, alert.scope, alert.scopeKey), alert);
    }
    m_totalsOfPass.clear();
    EvaluationResult result;
    QSet<QString> ruled; // "type/scope/" of everything in force; the other alerts resolve
    QList<Finding> findings;
    for (const AlertRule &rule : std::as_const(m_rules.rules)) {
        if (!rule.enabled)
            continue;
        TRY_STORAGE(observed, observe(rule, now));
        const QString prefix = Finding::identityOf(spelling(rule.type), rule.scope, QString());
        ruled.insert(prefix);
        for (auto it = observed.cbegin(); it != observed.cend(); ++it)
            findings.append(findingOf(rule, it.key(), it.value()));
        // A key with an alert and no samples any more has nothing wrong left to show: it clears.
        if (RuleFigures::fromSamples(rule.type)) {
            const QList<QString> alerted = m_unresolved->keys();
            for (const QString &identity : alerted) {
                const QString key = identity.mid(prefix.size());
                if (identity.startsWith(prefix) && !observed.contains(key))
                    findings.append(findingOf(rule, key, { AlertTracker::Observation::Clear, 0, 0 }));
            }
        }
        const PredictionSettings &prediction = m_rules.prediction;
        if (prediction.enabled && rule.scope == AlertScope::Global && RuleFigures::fromSamples(rule.type)) {
            const QString type = PredictionWatch::alertTypeOf(rule.type);
            ruled.insert(Finding::identityOf(type, AlertScope::Global, QString()));
            const auto fleet = observed.constFind(QString());
            const std::optional<double> figure
                = fleet != observed.cend() && fleet->observation != AlertTracker::Observation::Neither
                ? std::optional<double>(fleet->value)
                : std::nullopt;
            if (auto finding = m_predictions.observe(prediction, rule, figure, now))
                findings.append(*finding);
        }
    }
    if (m_rules.anomaly.enabled) {
        ruled.insert(Finding::identityOf(AnomalyWatch::AlertType, AlertScope::Global, QString()));
        TRY_STORAGE(fleet, fleetTotals(m_rules.anomaly.windowSeconds, now));
        findings.append(m_anomalies.observe(m_rules.anomaly, fleet));
    }
    for (const Finding &finding : std::as_const(findings)) {
        if (auto error = apply(finding, now, result))
            return *error;
    }
    if (auto error = resolveUnruled(ruled, now, result))
        return *error;
    result.active = m_unresolved->size();
    return result;
}
