#pragma once

#include "alerts/alertrule.h"
#include "alerts/alerttracker.h"

#include <QJsonObject>

/** What one pass found about one subject: a rule's key, a figure's baseline or a projection. */
struct Finding
{
    QString type; // the alert_type it raises: a rule type, "Anomaly" or "Predicted<Rule>"
    AlertScope scope = AlertScope::Global;
    QString key;
    Severity severity = Severity::Medium;
    qint64 minimumDurationSeconds = 0;
    bool highIsBad = true; // which way the peak goes
    AlertTracker::Observation observation = AlertTracker::Observation::Neither;
    double value = 0;
    QString message;
    QJsonObject evidence;

    // One unresolved alert at most per identity.
    static QString identityOf(const QString &type, AlertScope scope, const QString &key)
    {
        return type + u'/' + spelling(scope) + u'/' + key;
    }
    QString identity() const { return identityOf(type, scope, key); }
};
