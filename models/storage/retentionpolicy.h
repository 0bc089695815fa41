#pragma once

#include <QtGlobal>

/**
 * How long the database keeps what it stores: raw samples for rawDays, the rollups (and the sessions
 * they describe) for rollupDays. Figures of windows older than rawDays come from the rollups alone:
 * their whole minutes, not the seconds at their ends.
 */
struct RetentionPolicy
{
    static constexpr int DefaultRawDays = 30;
    static constexpr int DefaultRollupDays = 400;
    static constexpr int MaxDays = 36'500;

    int rawDays = DefaultRawDays;
    int rollupDays = DefaultRollupDays;

    // Rollups outlive the raw rows they were made from.
    bool isValid() const { return rawDays >= 1 && rawDays <= rollupDays && rollupDays <= MaxDays; }
    friend bool operator==(const RetentionPolicy &, const RetentionPolicy &) = default;
};
