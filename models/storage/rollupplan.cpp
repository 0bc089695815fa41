#include "rollupplan.h"

namespace {

// "All time": hour-aligned bounds far beyond any timestamp, with room to add an hour without overflow.
constexpr qint64 s_allTimeHours = qint64(1) << 40;
constexpr MsRange s_allTime { -s_allTimeHours * RollupPlan::HourMs, s_allTimeHours *RollupPlan::HourMs };

QDateTime timeOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

qint64 RollupPlan::floorTo(qint64 ms, qint64 unit)
{
    const qint64 quotient = ms / unit;
    return (ms % unit < 0 ? quotient - 1 : quotient) * unit;
}

qint64 RollupPlan::ceilTo(qint64 ms, qint64 unit)
{
    const qint64 floor = floorTo(ms, unit);
    return floor == ms ? ms : floor + unit;
}

qint64 RollupPlan::minuteBits(int first, int last)
{
    if (last <= first)
        return 0;
    const qint64 run = (qint64(1) << (last - first)) - 1;
    return run << first;
}

RollupPlan RollupPlan::of(const std::optional<TimeWindow> &window, bool withHours)
{
    RollupPlan plan;
    if (!window) {
        plan.wholeMinutes = s_allTime;
        if (withHours)
            plan.hourSpan = s_allTime;
        else
            plan.minuteSpans = { s_allTime };
        return plan;
    }
    // A minute [m, m + 60 s) lies in (from, to] when m > from and its last millisecond is <= to.
    const qint64 from = window->from.toMSecsSinceEpoch();
    const qint64 to = window->to.toMSecsSinceEpoch();
    const MsRange minutes { ceilTo(from + 1, MinuteMs), floorTo(to + 1, MinuteMs) };
    if (minutes.isEmpty()) {
        if (from < to)
            plan.rawParts = { *window };
        return plan;
    }
    plan.wholeMinutes = minutes;
    if (from + 1 < minutes.from)
        plan.rawParts.append({ window->from, timeOf(minutes.from - 1) });
    if (minutes.to <= to)
        plan.rawParts.append({ timeOf(minutes.to - 1), window->to });

    const MsRange hours { ceilTo(minutes.from, HourMs), floorTo(minutes.to, HourMs) };
    if (!withHours || hours.isEmpty()) {
        plan.minuteSpans = { minutes };
        return plan;
    }
    plan.hourSpan = hours;
    for (const MsRange &edge : { MsRange { minutes.from, hours.from }, MsRange { hours.to, minutes.to } }) {
        if (!edge.isEmpty())
            plan.minuteSpans.append(edge);
    }
    return plan;
}

RollupPlan::PresenceCover RollupPlan::presenceCover(const MsRange &minutes)
{
    PresenceCover cover;
    if (minutes.isEmpty())
        return cover;
    auto minuteOf = [](qint64 ms, qint64 hourStart) { return int((ms - hourStart) / MinuteMs); };
    const qint64 firstHour = floorTo(minutes.from, HourMs);
    const qint64 lastHour = floorTo(minutes.to - 1, HourMs);
    if (firstHour == lastHour) {
        const int last = minuteOf(minutes.to - 1, firstHour) + 1;
        if (minutes.from == firstHour && last == 60)
            cover.wholeHours = { firstHour, firstHour + HourMs };
        else
            cover.partialHours = { { firstHour, minuteBits(minuteOf(minutes.from, firstHour), last) } };
        return cover;
    }
    cover.wholeHours = { ceilTo(minutes.from, HourMs), floorTo(minutes.to, HourMs) };
    if (minutes.from < cover.wholeHours.from)
        cover.partialHours.append({ firstHour, minuteBits(minuteOf(minutes.from, firstHour), 60) });
    if (cover.wholeHours.to < minutes.to)
        cover.partialHours.append({ lastHour, minuteBits(0, minuteOf(minutes.to, lastHour)) });
    return cover;
}
