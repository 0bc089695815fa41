#include "rulefigures.h"

#include <QLocale>

#include <algorithm>

namespace RuleFigures {

namespace {

double ratio(double part, double whole)
{
    return whole > 0 ? part / whole : 0;
}

} // namespace

qint64 samplesBehind(RuleType type, const GroupTotals &t)
{
    switch (type) {
    case RuleType::Rebuffering:
    case RuleType::FrequentQualitySwitches:
    case RuleType::HighDroppedFrames:
        return t.streamingSamples;
    case RuleType::NoData:
    case RuleType::IngestErrors:
    case RuleType::HostCpu:
    case RuleType::HostMemory:
        return t.connectionSamples + t.streamingSamples;
    default:
        return t.connectionSamples;
    }
}

std::optional<double> figureOf(const AlertRule &rule, const GroupTotals &t)
{
    if (!fromSamples(rule.type) || samplesBehind(rule.type, t) < rule.minimumSamples)
        return std::nullopt;
    const double connections = double(t.connectionSamples);
    switch (rule.type) {
    case RuleType::HighLatency:
        return ratio(t.latencySum, connections);
    case RuleType::HighJitter:
        return ratio(t.jitterSum, connections);
    case RuleType::HighPacketLoss:
        return ratio(t.packetLossSum, connections);
    case RuleType::LowBandwidth:
        return ratio(t.bandwidthSum, connections);
    case RuleType::LowMos:
        return ratio(t.mosSum, connections);
    case RuleType::PoorQualityShare:
        return 100 * ratio(double(t.poorSamples), connections);
    case RuleType::ConnectionFailures:
        return 100 * ratio(double(t.failedSamples), connections);
    case RuleType::LowSuccessRate:
        return 100 * ratio(double(t.successfulSamples), connections);
    case RuleType::Rebuffering:
        return 100 * ratio(double(t.bufferingSamples), double(t.streamingSamples));
    case RuleType::HighDroppedFrames:
        // No frames counted says nothing about dropping them.
        if (t.totalFrames == 0)
            return std::nullopt;
        return 100 * ratio(double(t.droppedFrames), double(t.totalFrames));
    case RuleType::FrequentQualitySwitches:
        return ratio(double(t.adaptiveSwitches), double(rule.windowSeconds) / 60);
    case RuleType::NoData:
    case RuleType::IngestErrors:
    case RuleType::HostCpu:
    case RuleType::HostMemory:
        break;
    }
    return std::nullopt;
}

bool fromSamples(RuleType type)
{
    return type != RuleType::NoData && type != RuleType::IngestErrors && type != RuleType::HostCpu
        && type != RuleType::HostMemory;
}

std::optional<IngestErrors> ingestErrors(const QList<HostSample> &history, qint64 windowSeconds, qint64 minimumRequests)
{
    if (history.isEmpty())
        return std::nullopt;
    const HostSample &latest = history.constLast();
    const QDateTime from = latest.at.addSecs(-windowSeconds);
    // Counts start at the newest sample taken when the window began (or the oldest kept, if younger).
    auto start = history.cbegin();
    for (auto it = history.cbegin(); it != history.cend() && it->at <= from; ++it)
        start = it;
    const qint64 requests = latest.ingestRequests - start->ingestRequests;
    if (requests < minimumRequests || requests <= 0)
        return std::nullopt;
    return IngestErrors {
        100.0 * double(latest.rejectedIngestRequests - start->rejectedIngestRequests) / double(requests), requests
    };
}

double minutesWithoutData(const QDateTime &latestSample, const QDateTime &now)
{
    return double(latestSample.msecsTo(now)) / 60000.0;
}

QString nameOf(RuleType type)
{
    switch (type) {
    case RuleType::HighLatency:
        return QStringLiteral("Average latency");
    case RuleType::HighJitter:
        return QStringLiteral("Average jitter");
    case RuleType::HighPacketLoss:
        return QStringLiteral("Average packet loss");
    case RuleType::LowBandwidth:
        return QStringLiteral("Average bandwidth");
    case RuleType::LowMos:
        return QStringLiteral("Average MOS");
    case RuleType::PoorQualityShare:
        return QStringLiteral("Share of Poor or Unusable samples");
    case RuleType::ConnectionFailures:
        return QStringLiteral("Share of failed connection samples");
    case RuleType::LowSuccessRate:
        return QStringLiteral("Success rate");
    case RuleType::Rebuffering:
        return QStringLiteral("Share of samples with under 0.5 s buffered");
    case RuleType::HighDroppedFrames:
        return QStringLiteral("Dropped frames");
    case RuleType::FrequentQualitySwitches:
        return QStringLiteral("Quality switches");
    case RuleType::NoData:
        return QStringLiteral("Time without any sample");
    case RuleType::IngestErrors:
        return QStringLiteral("Rejected ingestion requests");
    case RuleType::HostCpu:
        return QStringLiteral("Console host CPU");
    case RuleType::HostMemory:
        return QStringLiteral("Console host memory in use");
    }
    return QString();
}

QString unitOf(RuleType type)
{
    switch (type) {
    case RuleType::HighLatency:
    case RuleType::HighJitter:
        return QStringLiteral("ms");
    case RuleType::LowBandwidth:
        return QStringLiteral("Mbps");
    case RuleType::LowMos:
        return QString();
    case RuleType::FrequentQualitySwitches:
        return QStringLiteral("per minute");
    case RuleType::NoData:
        return QStringLiteral("min");
    default:
        return QStringLiteral("%");
    }
}

QString withUnit(RuleType type, double value)
{
    // Messages go to operators, webhooks and the API alike: one fixed format, '.' as decimal point.
    const QString number = QLocale::c().toString(value, 'f', type == RuleType::LowMos ? 2 : 1);
    const QString unit = unitOf(type);
    return unit.isEmpty() ? number : number + u' ' + unit;
}

QString messageFor(const AlertRule &rule, const QString &scopeKey, double value)
{
    const QLocale c = QLocale::c();
    auto withUnit = [&](double v) { return RuleFigures::withUnit(rule.type, v); };
    // Console-side figures are keyed by host; the others by their scope's key.
    const QString who = !fromSamples(rule.type) && !scopeKey.isEmpty() ? QString(u" on " + scopeKey)
        : rule.scope == AlertScope::Global                             ? QString()
                                           : u" for " + spelling(rule.scope) + u' ' + scopeKey;
    const QString over
        = rule.type == RuleType::NoData || rule.type == RuleType::HostCpu || rule.type == RuleType::HostMemory
        ? QString()
        : QStringLiteral(" over the last %1 min").arg(c.toString(double(rule.windowSeconds) / 60, 'g', 4));
    return QStringLiteral("%1 %2%3%4 (raised at %5, clears at %6)")
        .arg(nameOf(rule.type), withUnit(value), who, over, withUnit(rule.raiseAt), withUnit(rule.clearAt));
}

} // namespace RuleFigures
