#include "enums.h"

#include "spellings.h"

namespace {

constexpr Spellings<ConnectionType, 4> s_connectionTypes { { "WebRTC", "WebSocket", "Direct", "Relay" } };
constexpr Spellings<ConnectionQuality, 5> s_connectionQualities { { "Excellent", "Good", "Fair", "Poor", "Unusable" } };
constexpr Spellings<QualityLevel, 5> s_qualityLevels { { "UltraHD", "FullHD", "HD", "SD", "Low" } };
constexpr Spellings<Severity, 4> s_severities { { "Low", "Medium", "High", "Critical" } };

} // namespace

QString spelling(ConnectionType value)
{
    return s_connectionTypes.name(value);
}
QString spelling(ConnectionQuality value)
{
    return s_connectionQualities.name(value);
}
QString spelling(QualityLevel value)
{
    return s_qualityLevels.name(value);
}
QString spelling(Severity value)
{
    return s_severities.name(value);
}

template<> std::optional<ConnectionType> enumFromString<ConnectionType>(const QString &text)
{
    return s_connectionTypes.parse(text);
}
template<> std::optional<ConnectionQuality> enumFromString<ConnectionQuality>(const QString &text)
{
    return s_connectionQualities.parse(text);
}
template<> std::optional<QualityLevel> enumFromString<QualityLevel>(const QString &text)
{
    return s_qualityLevels.parse(text);
}
template<> std::optional<Severity> enumFromString<Severity>(const QString &text)
{
    return s_severities.parse(text);
}

template<> QStringList enumSpellings<ConnectionType>()
{
    return s_connectionTypes.all();
}
template<> QStringList enumSpellings<ConnectionQuality>()
{
    return s_connectionQualities.all();
}
template<> QStringList enumSpellings<QualityLevel>()
{
    return s_qualityLevels.all();
}
template<> QStringList enumSpellings<Severity>()
{
    return s_severities.all();
}
