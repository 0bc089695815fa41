#include "alerttracker.h"

AlertTracker::Observation AlertTracker::observationOf(const AlertRule &rule, std::optional<double> figure)
{
    if (!figure)
        return Observation::Neither;
    if (rule.isBad(*figure))
        return Observation::Bad;
    return rule.isClear(*figure) ? Observation::Clear : Observation::Neither;
}

AlertTracker::Decision AlertTracker::observe(
    const QString &identity, qint64 minimumDurationSeconds, Observation observation, bool active, const QDateTime &now)
{
    Streak &streak = m_streaks[identity];
    // A streak only lasts as long as nothing breaks it: between the thresholds both start again.
    if (observation != Observation::Bad)
        streak.badSince.reset();
    if (observation != Observation::Clear)
        streak.clearSince.reset();
    if (observation == Observation::Bad && !streak.badSince)
        streak.badSince = now;
    if (observation == Observation::Clear && !streak.clearSince)
        streak.clearSince = now;

    auto heldFor
        = [&](const std::optional<QDateTime> &since) { return since && since->secsTo(now) >= minimumDurationSeconds; };
    Decision decision = Decision::None;
    if (!active && heldFor(streak.badSince))
        decision = Decision::Raise;
    else if (active && observation == Observation::Bad)
        decision = Decision::Update;
    else if (active && heldFor(streak.clearSince))
        decision = Decision::Resolve;

    const bool stillActive = decision == Decision::Raise || (active && decision != Decision::Resolve);
    if (!stillActive && !streak.badSince)
        m_streaks.remove(identity);
    return decision;
}
