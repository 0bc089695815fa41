#include "emodel.h"

#include "qualityscale.h"

#include <algorithm>
#include <cstdlib>

namespace EModel {

double rFactor(double latencyMs, double jitterMs, double packetLossPercent)
{
    const double effectiveLatency = latencyMs + JitterWeight * jitterMs + FixedDelayMs;
    const double delayImpairment = effectiveLatency < DelayKneeMs
        ? effectiveLatency / DelayDivisorBelowKnee
        : (effectiveLatency - DelayOffsetAboveKnee) / DelayDivisorAboveKnee;
    return std::clamp(DefaultR - delayImpairment - LossWeight * packetLossPercent, 0.0, 100.0);
}

double mosFromR(double r)
{
    return std::clamp(1 + MosLinear * r + MosCubic * r * (r - 60) * (100 - r), LowestMos, HighestMos);
}

double mos(double latencyMs, double jitterMs, double packetLossPercent)
{
    return mosFromR(rFactor(latencyMs, jitterMs, packetLossPercent));
}

ConnectionQuality qualityFromMos(double mos)
{
    // The R bands of G.107 Annex B (90, 80, 70, 60) carried over to MOS.
    if (mos >= mosFromR(90))
        return ConnectionQuality::Excellent;
    if (mos >= mosFromR(80))
        return ConnectionQuality::Good;
    if (mos >= mosFromR(70))
        return ConnectionQuality::Fair;
    if (mos >= mosFromR(60))
        return ConnectionQuality::Poor;
    return ConnectionQuality::Unusable;
}

int classDistance(ConnectionQuality a, ConnectionQuality b)
{
    return std::abs(QualityScale::score(a) - QualityScale::score(b));
}

} // namespace EModel
