#pragma once

#include "samplequery.h"

#include <QList>

#include <optional>

/** Epoch milliseconds [from, to). */
struct MsRange
{
    qint64 from = 0;
    qint64 to = 0;

    bool isEmpty() const { return from >= to; }
    friend bool operator==(const MsRange &, const MsRange &) = default;
};

/** Minutes of one hour, as bits (bit i = minute i of the hour), that an entity had samples in. */
struct HourMinutes
{
    qint64 hourStart = 0;
    qint64 minuteBits = 0;

    friend bool operator==(const HourMinutes &, const HourMinutes &) = default;
};

/**
 * How the samples of a window (from, to] are read: the whole minutes it covers from the per-minute
 * rollups, the whole hours among them from the per-hour rollups, and what is left at either end
 * (less than a minute each) from the raw rows. The parts do not overlap and together are exactly the
 * window, so that a figure added up from them equals the figure computed from raw rows.
 */
struct RollupPlan
{
    static constexpr qint64 MinuteMs = 60'000;
    static constexpr qint64 HourMs = 3'600'000;

    QList<TimeWindow> rawParts;
    MsRange wholeMinutes; // every whole minute in the window; empty when there is none
    QList<MsRange> minuteSpans; // the whole minutes the minute rollups answer
    MsRange hourSpan; // the whole hours the hour rollups answer; empty when there are none or they are not used

    // Without a window, everything: all of it from the hour rollups. `withHours` false answers every
    // whole minute from the minute rollups (for trend buckets shorter than an hour).
    static RollupPlan of(const std::optional<TimeWindow> &window, bool withHours = true);

    // Which presence rows (one per entity and hour, with the minutes it was seen in) tell whether an
    // entity had a sample in `minutes`: any row of `wholeHours`, and rows of `partialHours` that share
    // a minute with the given bits.
    struct PresenceCover
    {
        MsRange wholeHours;
        QList<HourMinutes> partialHours;
    };
    static PresenceCover presenceCover(const MsRange &minutes);

    static qint64 floorTo(qint64 ms, qint64 unit);
    static qint64 ceilTo(qint64 ms, qint64 unit);
    // The bits of minutes [first, last) of an hour.
    static qint64 minuteBits(int first, int last);
};
