#include "rollupplan.h"

namespace {

// "All time": day-aligned bounds far beyond any timestamp, with room to add a day without overflow.
constexpr qint64 s_allTimeDays = qint64(1) << 36;
constexpr MsRange s_allTime { -s_allTimeDays * RollupPlan::DayMs, s_allTimeDays *RollupPlan::DayMs };

QDateTime timeOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// `range` (aligned to `unitMs`) as whole `parentMs` buckets and parts of at most two others, by unit.
std::pair<MsRange, QList<PartialBucket>> coverOf(const MsRange &range, qint64 unitMs, qint64 parentMs)
{
    std::pair<MsRange, QList<PartialBucket>> cover;
    if (range.isEmpty())
        return cover;
    auto unitOf = [unitMs](qint64 ms, qint64 parent) { return int((ms - parent) / unitMs); };
    const qint64 first = RollupPlan::floorTo(range.from, parentMs);
    const qint64 last = RollupPlan::floorTo(range.to - 1, parentMs);
    const int units = int(parentMs / unitMs);
    if (first == last) {
        const int end = unitOf(range.to - 1, first) + 1;
        if (range.from == first && end == units)
            cover.first = { first, first + parentMs };
        else
            cover.second = { { first, RollupPlan::bitsOf(unitOf(range.from, first), end) } };
        return cover;
    }
    cover.first = { RollupPlan::ceilTo(range.from, parentMs), RollupPlan::floorTo(range.to, parentMs) };
    if (range.from < cover.first.from)
        cover.second.append({ first, RollupPlan::bitsOf(unitOf(range.from, first), units) });
    if (cover.first.to < range.to)
        cover.second.append({ last, RollupPlan::bitsOf(0, unitOf(range.to, last)) });
    return cover;
}

// `range` as whole buckets of the coarsest granularity that fits, and the rest, recursively, of finer ones.
void addSpans(const MsRange &range, qsizetype level, QList<RollupSpan> &spans)
{
    if (range.isEmpty() || level < 0)
        return;
    const int seconds = RollupPlan::Granularities.at(std::size_t(level));
    const qint64 unit = seconds * qint64(1000);
    const MsRange whole { RollupPlan::ceilTo(range.from, unit), RollupPlan::floorTo(range.to, unit) };
    if (whole.isEmpty()) {
        addSpans(range, level - 1, spans);
        return;
    }
    spans.append({ seconds, whole });
    addSpans({ range.from, whole.from }, level - 1, spans);
    addSpans({ whole.to, range.to }, level - 1, spans);
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

qint64 RollupPlan::bitsOf(int first, int last)
{
    if (last <= first)
        return 0;
    const qint64 run = (qint64(1) << (last - first)) - 1;
    return run << first;
}

RollupPlan RollupPlan::of(const std::optional<TimeWindow> &window, qint64 coarsestMs)
{
    RollupPlan plan;
    qsizetype coarsest = 0;
    while (coarsest + 1 < qsizetype(Granularities.size())
        && Granularities.at(std::size_t(coarsest + 1)) * qint64(1000) <= coarsestMs)
        ++coarsest;
    if (!window) {
        plan.wholeMinutes = s_allTime;
        addSpans(s_allTime, coarsest, plan.spans);
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
    addSpans(minutes, coarsest, plan.spans);
    return plan;
}

RollupPlan::HourCover RollupPlan::hourCover(const MsRange &minutes)
{
    const auto [wholeHours, partialHours] = coverOf(minutes, MinuteMs, HourMs);
    return { wholeHours, partialHours };
}

RollupPlan::PresenceCover RollupPlan::presenceCover(const MsRange &minutes)
{
    const HourCover hours = hourCover(minutes);
    const auto [wholeDays, partialDays] = coverOf(hours.wholeHours, HourMs, DayMs);
    return { wholeDays, partialDays, hours.partialHours };
}
