#include "alertsjson.h"

#include "domain/timestamps.h"

namespace AlertsJson {

QJsonObject alert(const Alert &alert)
{
    QJsonObject details = alert.details;
    details.insert(QStringLiteral("state"), spelling(alert.state()));
    details.insert(QStringLiteral("scope"), spelling(alert.scope));
    details.insert(QStringLiteral("scope_key"), alert.scopeKey);
    details.insert(QStringLiteral("value"), alert.lastValue);
    details.insert(QStringLiteral("peak_value"), alert.peakValue);
    details.insert(QStringLiteral("first_seen"), Timestamps::format(alert.firstSeen));
    details.insert(QStringLiteral("last_seen"), Timestamps::format(alert.lastSeen));
    auto optionalTime = [](const std::optional<QDateTime> &time) {
        return time ? QJsonValue(Timestamps::format(*time)) : QJsonValue(QJsonValue::Null);
    };
    details.insert(QStringLiteral("resolved_at"), optionalTime(alert.resolvedAt));
    details.insert(QStringLiteral("acknowledged_at"), optionalTime(alert.acknowledgedAt));
    if (alert.acknowledgedAt) {
        details.insert(QStringLiteral("acknowledged_by"), alert.acknowledgedBy);
        details.insert(QStringLiteral("acknowledgement_note"), alert.acknowledgementNote);
    }
    return {
        { QStringLiteral("id"), alert.id },
        { QStringLiteral("timestamp"), Timestamps::format(alert.firstSeen) },
        { QStringLiteral("alert_type"), alert.type },
        { QStringLiteral("severity"), spelling(alert.severity) },
        { QStringLiteral("message"), alert.message },
        { QStringLiteral("details"), details },
        { QStringLiteral("resolved"), alert.resolvedAt.has_value() },
    };
}

} // namespace AlertsJson
