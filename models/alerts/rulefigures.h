#pragma once

#include "alerts/alertrule.h"
#include "host/hostsample.h"
#include "storage/samplequery.h"

#include <optional>

/** The figure each rule type watches, computed from a group's sums, and its words for messages. */
namespace RuleFigures {

// Whether the figure comes from the stored samples (groupTotals); NoData comes from the time of the
// latest sample (minutesWithoutData), the others from the console's HostSamples.
bool fromSamples(RuleType type);
// Nothing when the group has fewer samples of the kind the figure is made of than the rule asks for.
std::optional<double> figureOf(const AlertRule &rule, const GroupTotals &totals);
// The rejected share of the ingestion requests within the window ending at the latest sample;
// nothing below `minimumRequests` requests.
struct IngestErrors
{
    double percent = 0;
    qint64 requests = 0;
};
std::optional<IngestErrors> ingestErrors(
    const QList<HostSample> &history, qint64 windowSeconds, qint64 minimumRequests);
double minutesWithoutData(const QDateTime &latestSample, const QDateTime &now);
// The samples the figure of this type is made of.
qint64 samplesBehind(RuleType type, const GroupTotals &totals);

QString nameOf(RuleType type); // "Average latency"
QString unitOf(RuleType type); // "ms"
// A figure of this type as text with its unit, '.' as decimal point: "312.4 ms", "3.61".
QString withUnit(RuleType type, double value);
// "Average latency 312.4 ms for session s1 over the last 5 min (raised at 250 ms, clears at 200 ms)".
QString messageFor(const AlertRule &rule, const QString &scopeKey, double value);

} // namespace RuleFigures
