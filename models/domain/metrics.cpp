#include "metrics.h"

#include <array>

bool ConnectionMetrics::isSuccessful() const
{
    return (iceConnectionState == u"connected" || iceConnectionState == u"completed")
        && dtlsTransportState == u"connected";
}

bool ConnectionMetrics::hasFailed() const
{
    return iceConnectionState == u"failed" || iceConnectionState == u"disconnected" || dtlsTransportState == u"failed"
        || dtlsTransportState == u"closed";
}

namespace {
constexpr std::array<const char *, 4> s_kindNames { "connection", "streaming", "network", "system" };
}

QString spelling(MetricKind kind)
{
    return QString::fromLatin1(s_kindNames.at(static_cast<std::size_t>(kind)));
}

std::optional<MetricKind> metricKindFromString(const QString &text)
{
    for (std::size_t i = 0; i < s_kindNames.size(); ++i) {
        if (text == QLatin1String(s_kindNames.at(i)))
            return static_cast<MetricKind>(i);
    }
    return std::nullopt;
}

// MetricKind lists the kinds in the order of the Metrics variant's alternatives.
MetricKind kindOf(const Metrics &metrics)
{
    return static_cast<MetricKind>(metrics.index());
}

QString sessionIdOf(const Metrics &metrics)
{
    return std::visit([](const auto &m) { return m.sessionId; }, metrics);
}

QString userIdOf(const Metrics &metrics)
{
    return std::visit(
        [](const auto &m) {
            if constexpr (std::is_same_v<std::decay_t<decltype(m)>, SystemMetrics>)
                return QString();
            else
                return m.userId;
        },
        metrics);
}
