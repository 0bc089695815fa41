#include "qualityscale.h"

namespace {

// Both enums list their steps best first, so a step's score is 5 minus its position.
template<typename Enum> int scoreOf(Enum value)
{
    return 5 - static_cast<int>(value);
}

template<typename Enum> Enum fromScore(double meanScore)
{
    if (meanScore >= 4.5)
        return static_cast<Enum>(0);
    if (meanScore >= 3.5)
        return static_cast<Enum>(1);
    if (meanScore >= 2.5)
        return static_cast<Enum>(2);
    if (meanScore >= 1.5)
        return static_cast<Enum>(3);
    return static_cast<Enum>(4);
}

} // namespace

namespace QualityScale {

int score(ConnectionQuality quality)
{
    return scoreOf(quality);
}
int score(QualityLevel level)
{
    return scoreOf(level);
}
ConnectionQuality connectionQualityFromScore(double meanScore)
{
    return fromScore<ConnectionQuality>(meanScore);
}
QualityLevel qualityLevelFromScore(double meanScore)
{
    return fromScore<QualityLevel>(meanScore);
}

} // namespace QualityScale
