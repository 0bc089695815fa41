#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The seed's enumerations. Their string spellings are part of the HTTP contract
// that existing peers speak, so they are case-sensitive and never translated.

enum class ConnectionType { WebRTC, WebSocket, Direct, Relay };
enum class ConnectionQuality { Excellent, Good, Fair, Poor, Unusable };
enum class QualityLevel { UltraHD, FullHD, HD, SD, Low };
enum class Severity { Low, Medium, High, Critical };

QString spelling(ConnectionType value);
QString spelling(ConnectionQuality value);
QString spelling(QualityLevel value);
QString spelling(Severity value);

// Parsing: the exact spelling or nothing. (Not named toString: QTest would pick it for QCOMPARE.)
template<typename Enum> std::optional<Enum> enumFromString(const QString &text);

template<> std::optional<ConnectionType> enumFromString<ConnectionType>(const QString &text);
template<> std::optional<ConnectionQuality> enumFromString<ConnectionQuality>(const QString &text);
template<> std::optional<QualityLevel> enumFromString<QualityLevel>(const QString &text);
template<> std::optional<Severity> enumFromString<Severity>(const QString &text);

// Every spelling of an enum, in declaration order (used in validation messages).
template<typename Enum> QStringList enumSpellings();

template<> QStringList enumSpellings<ConnectionType>();
template<> QStringList enumSpellings<ConnectionQuality>();
template<> QStringList enumSpellings<QualityLevel>();
template<> QStringList enumSpellings<Severity>();
