#pragma once

#include "alerts/alertrule.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <optional>

enum class AlertState { Active, Acknowledged, Resolved };
// Which alerts a listing holds: those in one state, the unresolved ones (active or acknowledged), or all.
enum class AlertSelection { Active, Acknowledged, Resolved, Unresolved, All };

/**
 * One alert: raised by a rule for one key of its scope, kept while the figure stays bad, resolved by
 * itself once it has cleared. An operator may acknowledge it meanwhile.
 */
struct Alert
{
    QString id;
    QString type; // the alert_type: the rule's type spelling
    Severity severity = Severity::Medium;
    AlertScope scope = AlertScope::Global;
    QString scopeKey; // the user, session or peer id; empty for global rules
    QString message;
    QJsonObject details; // the evidence: thresholds, window, samples
    double lastValue = 0;
    double peakValue = 0; // the worst figure seen while active
    QDateTime firstSeen;
    QDateTime lastSeen;
    std::optional<QDateTime> resolvedAt;
    std::optional<QDateTime> acknowledgedAt;
    QString acknowledgedBy;
    QString acknowledgementNote;

    AlertState state() const
    {
        return resolvedAt ? AlertState::Resolved : acknowledgedAt ? AlertState::Acknowledged : AlertState::Active;
    }

    friend bool operator==(const Alert &, const Alert &) = default;
};

QString spelling(AlertState state);
QString spelling(AlertSelection selection);
template<> std::optional<AlertSelection> enumFromString<AlertSelection>(const QString &text);
template<> QStringList enumSpellings<AlertSelection>();
bool selects(AlertSelection selection, AlertState state);

Q_DECLARE_METATYPE(Alert)
