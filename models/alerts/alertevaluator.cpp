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

QString AlertEvaluator::identityOf(RuleType type, AlertScope scope, const QString &key)
{
    return spelling(type) + u'/' + spelling(scope) + u'/' + key;
}

StorageResult<QHash<QString, AlertEvaluator::Observed>> AlertEvaluator::observe(
    const AlertRule &rule, const QDateTime &now)
{
    QHash<QString, Observed> observed;
    if (rule.type == RuleType::IngestErrors || rule.type == RuleType::HostCpu || rule.type == RuleType::HostMemory) {
        if (const std::optional<Observed> host = observeHost(rule))
            observed.insert(QString(), *host);
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

Alert AlertEvaluator::evidenceOf(Alert alert, const AlertRule &rule, const Observed &observed)
{
    alert.lastValue = observed.value;
    alert.peakValue
        = rule.highIsBad() ? std::max(alert.peakValue, observed.value) : std::min(alert.peakValue, observed.value);
    alert.message = RuleFigures::messageFor(rule, alert.scopeKey, observed.value);
    alert.details = QJsonObject {
        { QStringLiteral("rule"), spelling(rule.type) },
        { QStringLiteral("scope"), spelling(rule.scope) },
        { QStringLiteral("scope_key"), alert.scopeKey },
        { QStringLiteral("value"), observed.value },
        { QStringLiteral("peak_value"), alert.peakValue },
        { QStringLiteral("unit"), RuleFigures::unitOf(rule.type) },
        { QStringLiteral("raise_threshold"), rule.raiseAt },
        { QStringLiteral("clear_threshold"), rule.clearAt },
        { QStringLiteral("window_seconds"), rule.windowSeconds },
        { QStringLiteral("minimum_duration_seconds"), rule.minimumDurationSeconds },
        { QStringLiteral("samples"), observed.samples },
    };
    return alert;
}

std::optional<StorageError> AlertEvaluator::apply(
    const AlertRule &rule, const QString &key, const Observed &observed, const QDateTime &now, EvaluationResult &result)
{
    const QString identity = identityOf(rule.type, rule.scope, key);
    const auto active = m_unresolved->find(identity);
    const bool isActive = active != m_unresolved->end();
    switch (m_tracker.observe(rule, key, observed.observation, isActive, now)) {
    case AlertTracker::Decision::None:
        return std::nullopt;
    case AlertTracker::Decision::Raise: {
        Alert alert;
        alert.id = newSortableId(now);
        alert.type = spelling(rule.type);
        alert.severity = rule.severity;
        alert.scope = rule.scope;
        alert.scopeKey = key;
        alert.peakValue = observed.value;
        alert.firstSeen = now;
        alert.lastSeen = now;
        auto stored = m_alerts->raise(evidenceOf(alert, rule, observed));
        if (!stored.ok())
            return stored.error();
        m_unresolved->insert(identity, stored.value());
        result.raised.append(stored.value());
        return std::nullopt;
    }
    case AlertTracker::Decision::Update: {
        Alert updated = evidenceOf(*active, rule, observed);
        updated.lastSeen = now;
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

StorageResult<EvaluationResult> AlertEvaluator::evaluate()
{
    const QDateTime now = m_clock->now();
    if (!m_unresolved) {
        TRY_STORAGE(unresolved, m_alerts->alerts(AlertSelection::Unresolved, UnresolvedLimit));
        m_unresolved.emplace();
        for (const Alert &alert : unresolved) {
            if (const auto type = enumFromString<RuleType>(alert.type))
                m_unresolved->insert(identityOf(*type, alert.scope, alert.scopeKey), alert);
        }
    }
    m_totalsOfPass.clear();
    EvaluationResult result;
    QSet<QString> ruled; // the identities of the rules in force, for the keys they watch
    for (const AlertRule &rule : std::as_const(m_rules.rules)) {
        if (!rule.enabled)
            continue;
        TRY_STORAGE(observed, observe(rule, now));
        const QString prefix = identityOf(rule.type, rule.scope, QString());
        ruled.insert(prefix);
        for (auto it = observed.cbegin(); it != observed.cend(); ++it) {
            if (auto error = apply(rule, it.key(), it.value(), now, result))
                return *error;
        }
        // A key with an alert and no samples any more has nothing wrong left to show: it clears.
        const QList<QString> alerted = m_unresolved->keys();
        for (const QString &identity : alerted) {
            if (identity.startsWith(prefix)) {
                const QString key = identity.mid(prefix.size());
                if (!observed.contains(key) && RuleFigures::fromSamples(rule.type)) {
                    if (auto error = apply(rule, key, { AlertTracker::Observation::Clear, 0, 0 }, now, result))
                        return *error;
                }
            }
        }
    }
    // The alerts of rules removed or disabled since they were raised.
    const QList<QString> alerted = m_unresolved->keys();
    for (const QString &identity : alerted) {
        const QString prefix = identity.section(u'/', 0, 1) + u'/';
        if (ruled.contains(prefix))
            continue;
        Alert alert = m_unresolved->take(identity);
        if (auto error = m_alerts->resolve(alert.id, now))
            return *error;
        alert.resolvedAt = now;
        result.resolved.append(alert);
    }
    result.active = m_unresolved->size();
    return result;
}
