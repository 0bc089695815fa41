#pragma once

#include "alerts/alertrule.h"

#include <QDateTime>
#include <QHash>

/**
 * The raise/resolve decisions of the rules, from one observation per rule and key at a time: how long
 * a figure has been bad, or clear, without a break. Pure logic (time comes with each observation) so
 * that hysteresis and minimum durations can be tested step by step.
 */
class AlertTracker
{
public:
    enum class Observation {
        Bad, // at or beyond the raise threshold
        Clear, // at or within the clear threshold, or no samples at all any more
        Neither, // between the thresholds, or too few samples to tell
    };
    enum class Decision { None, Raise, Update, Resolve };

    static Observation observationOf(const AlertRule &rule, std::optional<double> figure);

    // `identity`: what is observed (a rule's key, say); `active`: whether it has an unresolved alert.
    Decision observe(const QString &identity, qint64 minimumDurationSeconds, Observation observation, bool active,
        const QDateTime &now);

    // Streaks kept (for keys bad now, or with an alert): bounded by what is wrong, not by the fleet.
    qsizetype trackedKeys() const { return m_streaks.size(); }

private:
    struct Streak
    {
        std::optional<QDateTime> badSince;
        std::optional<QDateTime> clearSince;
    };
    QHash<QString, Streak> m_streaks;
};
