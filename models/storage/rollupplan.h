#pragma once

#include "samplequery.h"

#include <QList>

#include <array>
#include <optional>

/** Epoch milliseconds [from, to). */
struct MsRange
{
    qint64 from = 0;
    qint64 to = 0;

    bool isEmpty() const { return from >= to; }
    friend bool operator==(const MsRange &, const MsRange &) = default;
};

/** Part of one presence bucket, as bits of its sub-buckets (bit i = minute i of an hour, or hour i of a day). */
struct PartialBucket
{
    qint64 start = 0;
    qint64 bits = 0;

    friend bool operator==(const PartialBucket &, const PartialBucket &) = default;
};

/** Whole buckets of one rollup granularity. */
struct RollupSpan
{
    int granularitySeconds = 60;
    MsRange range;

    friend bool operator==(const RollupSpan &, const RollupSpan &) = default;
};

/**
 * How the samples of a window (from, to] are read: its whole minutes from the rollups, each stretch
 * from the coarsest rollup that fits it (days, hours, ten minutes, minutes), and what is left at
 * either end (less than a minute each) from the raw rows. The parts do not overlap and together are
 * exactly the window, so that a figure added up from them equals the figure computed from raw rows.
 */
struct RollupPlan
{
    static constexpr qint64 MinuteMs = 60'000;
    static constexpr qint64 HourMs = 3'600'000;
    static constexpr qint64 DayMs = 86'400'000;
    // The rollup granularities the writer keeps, finest first.
    static constexpr std::array<int, 4> Granularities { 60, 600, 3600, 86400 };
    // Session rollups stop at hours: sessions seldom last whole days, and every granularity costs a row
    // per session in every commit.
    static constexpr qint64 SessionCoarsestMs = HourMs;
    // The presence granularities: hours with a bit per minute, days with a bit per hour.
    static constexpr std::array<int, 2> PresenceSpans { 3600, 86400 };

    QList<TimeWindow> rawParts;
    MsRange wholeMinutes; // every whole minute in the window; empty when there is none
    QList<RollupSpan> spans; // exactly the whole minutes, coarsest first

    // Without a window, everything: all of it from the coarsest rollups. Rollups coarser than
    // `coarsestMs` are not used (trend buckets need rollups that fit in them).
    static RollupPlan of(const std::optional<TimeWindow> &window, qint64 coarsestMs = DayMs);

    // Which presence rows tell whether an entity had a sample in `minutes`: any day row of
    // `wholeDays`, and rows that share a sub-bucket with the given bits: day rows of `partialDays`
    // (by hour), hour rows of `partialHours` (by minute).
    struct PresenceCover
    {
        MsRange wholeDays;
        QList<PartialBucket> partialDays;
        QList<PartialBucket> partialHours;
    };
    static PresenceCover presenceCover(const MsRange &minutes);
    // The same from hour rows alone: any row of `wholeHours`, rows of `partialHours` by minute.
    struct HourCover
    {
        MsRange wholeHours;
        QList<PartialBucket> partialHours;
    };
    static HourCover hourCover(const MsRange &minutes);

    static qint64 floorTo(qint64 ms, qint64 unit);
    static qint64 ceilTo(qint64 ms, qint64 unit);
    // The bits of sub-buckets [first, last).
    static qint64 bitsOf(int first, int last);
};
