#include "alertrule.h"

#include "alert.h"

#include "domain/spellings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {

constexpr Spellings<RuleType, 15> s_ruleTypes { { "HighLatency", "HighJitter", "HighPacketLoss", "LowBandwidth",
    "LowMos", "PoorQualityShare", "ConnectionFailures", "LowSuccessRate", "Rebuffering", "HighDroppedFrames",
    "FrequentQualitySwitches", "NoData", "IngestErrors", "HostCpu", "HostMemory" } };
constexpr Spellings<AlertScope, 4> s_scopes { { "global", "user", "session", "peer" } };
constexpr Spellings<AlertState, 3> s_states { { "active", "acknowledged", "resolved" } };
constexpr Spellings<AlertSelection, 5> s_selections { { "active", "acknowledged", "resolved", "unresolved", "all" } };

// Reads one rule, appending a message to `errors` for each fault; `where` names the rule in them.
AlertRule ruleFrom(const QJsonObject &object, const QString &where, QStringList &errors)
{
    AlertRule rule;
    auto fail = [&](const QString &message) { errors.append(where + u": " + message); };
    const auto type = enumFromString<RuleType>(object.value(u"type").toString());
    if (!type)
        fail(u"type must be one of " + enumSpellings<RuleType>().join(u", "));
    else
        rule.type = *type;
    const auto scope = enumFromString<AlertScope>(object.value(u"scope").toString(QStringLiteral("global")));
    if (!scope)
        fail(u"scope must be one of " + enumSpellings<AlertScope>().join(u", "));
    else
        rule.scope = *scope;
    if (isGlobalOnly(rule.type) && rule.scope != AlertScope::Global)
        fail(spelling(rule.type) + u" watches the whole fleet or console: its scope must be global");
    const auto severity = enumFromString<Severity>(object.value(u"severity").toString());
    if (!severity)
        fail(u"severity must be one of " + enumSpellings<Severity>().join(u", "));
    else
        rule.severity = *severity;

    auto number = [&](const char *key, double fallback, double lowest) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined())
            return fallback;
        if (!value.isDouble() || value.toDouble() < lowest) {
            fail(QStringLiteral("%1 must be a number of at least %2").arg(QLatin1String(key)).arg(lowest));
            return fallback;
        }
        return value.toDouble();
    };
    if (!object.value(u"raise").isDouble() || !object.value(u"clear").isDouble())
        fail(QStringLiteral("raise and clear thresholds are required numbers"));
    rule.raiseAt = number("raise", 0, 0);
    rule.clearAt = number("clear", 0, 0);
    if (rule.raiseAt == rule.clearAt)
        fail(QStringLiteral("raise and clear must differ: their order says whether high or low values are bad"));
    rule.windowSeconds = qint64(number("window_seconds", 300, 10));
    rule.minimumDurationSeconds = qint64(number("minimum_duration_seconds", 60, 0));
    rule.minimumSamples = qint64(number("minimum_samples", 1, 1));
    const QJsonValue enabled = object.value(u"enabled");
    if (!enabled.isUndefined() && !enabled.isBool())
        fail(QStringLiteral("enabled must be true or false"));
    rule.enabled = enabled.toBool(true);
    return rule;
}

// Reads an optional settings object: every field optional, each fault named under `where`.
class SettingsReader
{
public:
    SettingsReader(const QJsonObject &object, const QString &where, QStringList &errors)
        : m_object(object)
        , m_where(where)
        , m_errors(errors)
    { }

    template<typename T> void number(const char *key, T &into, double lowest, double highest)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        if (!value.isDouble() || value.toDouble() < lowest || value.toDouble() > highest)
            m_errors.append(QStringLiteral("%1.%2 must be a number from %3 to %4")
                                .arg(m_where, QLatin1String(key))
                                .arg(lowest)
                                .arg(highest));
        else
            into = T(value.toDouble());
    }
    void flag(const char *key, bool &into)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isBool())
            into = value.toBool();
        else if (!value.isUndefined())
            m_errors.append(QStringLiteral("%1.%2 must be true or false").arg(m_where, QLatin1String(key)));
    }
    void severity(Severity &into)
    {
        const QJsonValue value = m_object.value(u"severity");
        if (value.isUndefined())
            return;
        if (const auto parsed = enumFromString<Severity>(value.toString()))
            into = *parsed;
        else
            m_errors.append(m_where + u".severity must be one of " + enumSpellings<Severity>().join(u", "));
    }

private:
    const QJsonObject &m_object;
    QString m_where;
    QStringList &m_errors;
};

AnomalySettings anomalyFrom(const QJsonObject &object, QStringList &errors)
{
    AnomalySettings settings;
    SettingsReader read(object, QStringLiteral("anomaly"), errors);
    read.flag("enabled", settings.enabled);
    read.number("k", settings.k, 1, 20);
    read.number("window_seconds", settings.windowSeconds, 10, 86400);
    read.number("minimum_duration_seconds", settings.minimumDurationSeconds, 0, 86400);
    read.number("minimum_samples", settings.minimumSamples, 1, 1e9);
    read.severity(settings.severity);
    return settings;
}

PredictionSettings predictionFrom(const QJsonObject &object, QStringList &errors)
{
    PredictionSettings settings;
    SettingsReader read(object, QStringLiteral("prediction"), errors);
    read.flag("enabled", settings.enabled);
    read.number("horizon_seconds", settings.horizonSeconds, 60, 86400);
    read.number("window_seconds", settings.windowSeconds, 60, 86400);
    read.number("minimum_points", settings.minimumPoints, 3, 10000);
    read.number("minimum_duration_seconds", settings.minimumDurationSeconds, 0, 86400);
    read.severity(settings.severity);
    return settings;
}

} // namespace

bool isGlobalOnly(RuleType type)
{
    return type == RuleType::NoData || type == RuleType::IngestErrors || type == RuleType::HostCpu
        || type == RuleType::HostMemory;
}

QString spelling(RuleType type)
{
    return s_ruleTypes.name(type);
}

QString spelling(AlertState state)
{
    return s_states.name(state);
}

QString spelling(AlertSelection selection)
{
    return s_selections.name(selection);
}

template<> std::optional<AlertSelection> enumFromString<AlertSelection>(const QString &text)
{
    return s_selections.parse(text);
}

template<> QStringList enumSpellings<AlertSelection>()
{
    return s_selections.all();
}

bool selects(AlertSelection selection, AlertState state)
{
    switch (selection) {
    case AlertSelection::Unresolved:
        return state != AlertState::Resolved;
    case AlertSelection::All:
        return true;
    default:
        // The first three selections name one state each, in AlertState's order.
        return int(selection) == int(state);
    }
}

QString spelling(AlertScope scope)
{
    return s_scopes.name(scope);
}

template<> std::optional<RuleType> enumFromString<RuleType>(const QString &text)
{
    return s_ruleTypes.parse(text);
}

template<> std::optional<AlertScope> enumFromString<AlertScope>(const QString &text)
{
    return s_scopes.parse(text);
}

template<> QStringList enumSpellings<RuleType>()
{
    return s_ruleTypes.all();
}

template<> QStringList enumSpellings<AlertScope>()
{
    return s_scopes.all();
}

namespace RuleSetJson {

Parsed parse(const QByteArray &json)
{
    Parsed parsed;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject()) {
        parsed.errors.append(u"Not a JSON object: " + error.errorString());
        return parsed;
    }
    const QJsonObject root = document.object();
    const QJsonValue interval = root.value(u"evaluation_interval_seconds");
    if (!interval.isUndefined() && (!interval.isDouble() || interval.toDouble() < 1 || interval.toDouble() > 3600))
        parsed.errors.append(QStringLiteral("evaluation_interval_seconds must be a number from 1 to 3600"));
    else
        parsed.ruleSet.evaluationIntervalSeconds = qint64(interval.toDouble(10));
    parsed.ruleSet.anomaly = anomalyFrom(root.value(u"anomaly").toObject(), parsed.errors);
    parsed.ruleSet.prediction = predictionFrom(root.value(u"prediction").toObject(), parsed.errors);
    if (!root.value(u"rules").isArray()) {
        parsed.errors.append(QStringLiteral("rules must be an array"));
        return parsed;
    }
    const QJsonArray rules = root.value(u"rules").toArray();
    QSet<QString> seen;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString where = QStringLiteral("rules[%1]").arg(i);
        if (!rules.at(i).isObject()) {
            parsed.errors.append(where + u": must be an object");
            continue;
        }
        const AlertRule rule = ruleFrom(rules.at(i).toObject(), where, parsed.errors);
        // One active alert per rule type and scope key: two rules of one type and scope would fight over it.
        const QString identity = spelling(rule.type) + u'/' + spelling(rule.scope);
        if (seen.contains(identity))
            parsed.errors.append(where + u": a second " + identity + u" rule");
        seen.insert(identity);
        parsed.ruleSet.rules.append(rule);
    }
    return parsed;
}

QByteArray serialize(const RuleSet &ruleSet)
{
    QJsonArray rules;
    for (const AlertRule &rule : ruleSet.rules) {
        rules.append(QJsonObject {
            { QStringLiteral("type"), spelling(rule.type) },
            { QStringLiteral("scope"), spelling(rule.scope) },
            { QStringLiteral("raise"), rule.raiseAt },
            { QStringLiteral("clear"), rule.clearAt },
            { QStringLiteral("window_seconds"), rule.windowSeconds },
            { QStringLiteral("minimum_duration_seconds"), rule.minimumDurationSeconds },
            { QStringLiteral("minimum_samples"), rule.minimumSamples },
            { QStringLiteral("severity"), spelling(rule.severity) },
            { QStringLiteral("enabled"), rule.enabled },
        });
    }
    const AnomalySettings &a = ruleSet.anomaly;
    const PredictionSettings &p = ruleSet.prediction;
    const QJsonObject anomaly { { QStringLiteral("enabled"), a.enabled }, { QStringLiteral("k"), a.k },
        { QStringLiteral("window_seconds"), a.windowSeconds },
        { QStringLiteral("minimum_duration_seconds"), a.minimumDurationSeconds },
        { QStringLiteral("minimum_samples"), a.minimumSamples }, { QStringLiteral("severity"), spelling(a.severity) } };
    const QJsonObject prediction { { QStringLiteral("enabled"), p.enabled },
        { QStringLiteral("horizon_seconds"), p.horizonSeconds }, { QStringLiteral("window_seconds"), p.windowSeconds },
        { QStringLiteral("minimum_points"), p.minimumPoints },
        { QStringLiteral("minimum_duration_seconds"), p.minimumDurationSeconds },
        { QStringLiteral("severity"), spelling(p.severity) } };
    return QJsonDocument(
        QJsonObject { { QStringLiteral("evaluation_interval_seconds"), ruleSet.evaluationIntervalSeconds },
            { QStringLiteral("rules"), rules }, { QStringLiteral("anomaly"), anomaly },
            { QStringLiteral("prediction"), prediction } })
        .toJson();
}

RuleSet defaults()
{
    QFile file(QStringLiteral(":/alerts/default-rules.json"));
    [[maybe_unused]] const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT_X(opened, "RuleSetJson::defaults", "the default rules are compiled into the binary");
    const Parsed parsed = parse(file.readAll());
    // The shipped file is checked by the tests; a fault there is a build mistake, not an input error.
    Q_ASSERT_X(parsed.errors.isEmpty(), "RuleSetJson::defaults", qPrintable(parsed.errors.join(u'\n')));
    return parsed.ruleSet;
}

} // namespace RuleSetJson
