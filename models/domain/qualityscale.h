#pragma once

#include "enums.h"

// The contract's five-step quality scale: Excellent=5 .. Unusable=1, and back from a mean score
// with >= 4.5 Excellent, >= 3.5 Good, >= 2.5 Fair, >= 1.5 Poor, else Unusable.
// Video quality levels use the same scale (UltraHD=5 .. Low=1) so that they can be averaged too.
namespace QualityScale {

int score(ConnectionQuality quality);
int score(QualityLevel level);
ConnectionQuality connectionQualityFromScore(double meanScore);
QualityLevel qualityLevelFromScore(double meanScore);

// The quality of something with no samples, as the contract fixes it.
inline constexpr ConnectionQuality NoSamplesQuality = ConnectionQuality::Good;

} // namespace QualityScale
