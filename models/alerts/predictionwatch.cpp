#include "predictionwatch.h"

#include "alerts/rulefigures.h"

#include <QLocale>

namespace {

// Once raised, a prediction stays until the crossing is half a horizon further away than that.
constexpr double ClearHorizonFactor = 1.5;

} // namespace

std::optional<Finding> PredictionWatch::observe(
    const PredictionSettings &settings, const AlertRule &rule, std::optional<double> figure, const QDateTime &now)
{
    if (settings.windowSeconds != m_windowSeconds) {
        m_projections.clear();
        m_windowSeconds = settings.windowSeconds;
    }
    if (!figure)
        return std::nullopt;
    const QString type = alertTypeOf(rule.type);
    TrendProjection &projection
        = m_projections.try_emplace(type, settings.windowSeconds, settings.minimumPoints).first->second;
    projection.add(now, *figure);
    const std::optional<double> eta = projection.secondsUntil(rule.raiseAt);

    Finding finding;
    finding.type = type;
    finding.severity = settings.severity;
    finding.minimumDurationSeconds = settings.minimumDurationSeconds;
    finding.highIsBad = rule.highIsBad();
    finding.value = *figure;
    const double horizon = double(settings.horizonSeconds);
    // Once the rule itself is bad, the prediction has come true: the rule's alert takes over.
    if (rule.isBad(*figure) || !eta || *eta > ClearHorizonFactor * horizon)
        finding.observation = AlertTracker::Observation::Clear;
    else if (*eta <= horizon)
        finding.observation = AlertTracker::Observation::Bad;
    const QLocale c = QLocale::c();
    const QString unit = RuleFigures::unitOf(rule.type);
    auto number = [&](double v) { return RuleFigures::withUnit(rule.type, v); };
    finding.message
        = QStringLiteral("%1 %2 is heading for %3: about %4 min away at its pace of the last %5 min")
              .arg(RuleFigures::nameOf(rule.type), number(*figure), number(rule.raiseAt),
                  c.toString(eta.value_or(0) / 60, 'f', 0), c.toString(double(settings.windowSeconds) / 60, 'g', 4));
    finding.evidence = QJsonObject {
        { QStringLiteral("rule"), spelling(rule.type) },
        { QStringLiteral("value"), *figure },
        { QStringLiteral("unit"), unit },
        { QStringLiteral("raise_threshold"), rule.raiseAt },
        { QStringLiteral("seconds_until_crossing"), eta ? QJsonValue(*eta) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("horizon_seconds"), settings.horizonSeconds },
        { QStringLiteral("window_seconds"), settings.windowSeconds },
    };
    return finding;
}
