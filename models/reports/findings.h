#pragma once

#include "reports/reports.h"

/**
 * What a report's figures say, in plain words, for readers who will not study its tables: each
 * finding states a figure computed from the data and what it is compared with. A finding appears
 * only when its figure crosses the threshold named below; a report without any says so.
 */
namespace Findings {

// One connection type's latency this many times another's is worth a sentence.
inline constexpr double NotableLatencyRatio = 1.5;
// Fewer samples of a connection type say too little to compare it.
inline constexpr qint64 MinimumTypeSamples = 10;
// A day whose 95th percentile latency is this many times the median day's.
inline constexpr double NotableDayRatio = 1.5;
// A change of the daily MOS between the period's halves.
inline constexpr double NotableMosChange = 0.2;
inline constexpr double NotableRebufferingPercent = 5;
inline constexpr double NotableDroppedFramePercent = 2;
inline constexpr double NotableFailurePercent = 5;

QStringList forUser(const UserPerformanceReport &report);
QStringList forFleet(const FleetReport &report);

} // namespace Findings
