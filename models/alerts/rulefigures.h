#pragma once

#include "alerts/alertrule.h"
#include "storage/samplequery.h"

#include <optional>

/** The figure each rule type watches, computed from a group's sums, and its words for messages. */
namespace RuleFigures {

// Nothing when the group has fewer samples of the kind the figure is made of than the rule asks for.
// NoData's figure comes from the time of the latest sample instead: see minutesWithoutData.
std::optional<double> figureOf(const AlertRule &rule, const GroupTotals &totals);
double minutesWithoutData(const QDateTime &latestSample, const QDateTime &now);
// The samples the figure of this type is made of.
qint64 samplesBehind(RuleType type, const GroupTotals &totals);

QString nameOf(RuleType type); // "Average latency"
QString unitOf(RuleType type); // "ms"
// "Average latency 312.4 ms for session s1 over the last 5 min (raised at 250 ms, clears at 200 ms)".
QString messageFor(const AlertRule &rule, const QString &scopeKey, double value);

} // namespace RuleFigures
