#pragma once

#include "domain/enums.h"
#include "storage/samplequery.h"

#include <QList>
#include <QString>

#include <optional>

// What a rule watches; its spelling is the alert_type of the alerts it raises.
enum class RuleType {
    HighLatency, // mean latency_ms
    HighJitter, // mean jitter_ms
    HighPacketLoss, // mean packet_loss_percent
    LowBandwidth, // mean bandwidth_mbps
    LowMos, // mean E-model MOS of the connection samples
    PoorQualityShare, // % of connection samples reported Poor or Unusable
    ConnectionFailures, // % of connection samples with ICE failed/disconnected or DTLS failed/closed
    LowSuccessRate, // the contract's success rate, %
    Rebuffering, // % of streaming samples with buffer_level_seconds < 0.5
    HighDroppedFrames, // 100 x sum of dropped_frames / sum of total_frames
    FrequentQualitySwitches, // sum of adaptive_switches per minute of the window
    NoData, // minutes since the last sample of any kind, once there has been one (global only; no window)
    IngestErrors, // % of ingestion requests this console rejected in the window (global, one per host)
    HostCpu, // the console host's CPU busy %, latest sample (global, one per host; no window)
    HostMemory, // the console host's memory in use %, latest sample (global, one per host; no window)
};

// Whether a rule type watches the whole fleet or console only, so that its scope must be global.
bool isGlobalOnly(RuleType type);

// Whose figures a rule compares: everything at once, or each user, session or peer on its own.
using AlertScope = SampleGroup;

QString spelling(RuleType type);
QString spelling(AlertScope scope);
template<> std::optional<RuleType> enumFromString<RuleType>(const QString &text);
template<> std::optional<AlertScope> enumFromString<AlertScope>(const QString &text);
template<> QStringList enumSpellings<RuleType>();
template<> QStringList enumSpellings<AlertScope>();

/**
 * One alert rule. Its figure is computed over the last `windowSeconds` for each key of its scope. The
 * thresholds give the direction: with raiseAt above clearAt a high figure is bad (HighLatency), with
 * raiseAt below clearAt a low one is (LowMos). An alert is raised once the figure has stayed at or
 * beyond raiseAt for `minimumDurationSeconds`, and resolved once it has stayed at or within clearAt as
 * long; between the two thresholds nothing changes (hysteresis), so a figure hovering at one threshold
 * cannot make an alert flap.
 */
struct AlertRule
{
    RuleType type = RuleType::HighLatency;
    AlertScope scope = AlertScope::Global;
    double raiseAt = 0;
    double clearAt = 0;
    qint64 windowSeconds = 300;
    qint64 minimumDurationSeconds = 60;
    // Fewer samples than this in the window say nothing either way (one bad sample is no trend).
    qint64 minimumSamples = 1;
    Severity severity = Severity::Medium;
    bool enabled = true;

    bool highIsBad() const { return raiseAt > clearAt; }
    bool isBad(double value) const { return highIsBad() ? value >= raiseAt : value <= raiseAt; }
    bool isClear(double value) const { return highIsBad() ? value <= clearAt : value >= clearAt; }

    friend bool operator==(const AlertRule &, const AlertRule &) = default;
};

/**
 * Anomalies without thresholds: each fleet figure (latency, jitter, packet loss, bandwidth, MOS,
 * success rate) over the last `windowSeconds`, against a robust baseline of its recent past; raised
 * as "Anomaly" once it has stayed more than `k` deviations away for `minimumDurationSeconds`.
 */
struct AnomalySettings
{
    bool enabled = true;
    double k = 4;
    qint64 windowSeconds = 60;
    qint64 minimumDurationSeconds = 60;
    qint64 minimumSamples = 10;
    Severity severity = Severity::Medium;

    friend bool operator==(const AnomalySettings &, const AnomalySettings &) = default;
};

/**
 * Predictions: each enabled global rule's figure over the last `windowSeconds`, projected forward;
 * raised as "Predicted<Rule>" when it will cross the rule's raise threshold within `horizonSeconds`.
 */
struct PredictionSettings
{
    bool enabled = true;
    qint64 horizonSeconds = 900;
    qint64 windowSeconds = 600;
    int minimumPoints = 10;
    qint64 minimumDurationSeconds = 30;
    Severity severity = Severity::Low;

    friend bool operator==(const PredictionSettings &, const PredictionSettings &) = default;
};

/** The rules in force, anomaly and prediction settings, and how often they are evaluated. */
struct RuleSet
{
    qint64 evaluationIntervalSeconds = 10;
    QList<AlertRule> rules;
    AnomalySettings anomaly;
    PredictionSettings prediction;

    friend bool operator==(const RuleSet &, const RuleSet &) = default;
};

/**
 * Rule sets as JSON (resources/alerts/default-rules.json is the default, and operators' changes are
 * kept the same way). Reading validates every rule and names each fault.
 */
namespace RuleSetJson {

struct Parsed
{
    RuleSet ruleSet;
    QStringList errors; // empty when the rule set is valid
};

Parsed parse(const QByteArray &json);
QByteArray serialize(const RuleSet &ruleSet);
// The rule set shipped in the resources.
RuleSet defaults();

} // namespace RuleSetJson
