#pragma once

#include "enums.h"

/**
 * An estimated mean opinion score (MOS) of a connection sample, from the ITU-T G.107 E-model in its
 * common simplified form (as in Cole & Rosenbluth, "Voice over IP performance monitoring", 2001):
 *
 *   effective latency  d = latency_ms + 2 * jitter_ms + 10
 *   delay impairment   Id = d / 40                   when d < 160
 *                         = (d - 120) / 10           otherwise
 *   R-factor           R = 93.2 - Id - 2.5 * packet_loss_percent, kept within 0..100
 *   MOS                = 1 + 0.035 R + 0.000007 R (R - 60) (100 - R), kept within 1.0..4.5
 *
 * latency_ms is taken as the peers report it (WebRTC's round-trip time), which errs on the side of a
 * lower score. Without any impairment R is 93.2 and the MOS about 4.41.
 *
 * The quality class follows G.107's user-satisfaction bands of R, carried over to MOS:
 *   Excellent from R 90 (MOS 4.339), Good from R 80 (4.024), Fair from R 70 (3.597), Poor from R 60 (3.1),
 *   Unusable below.
 */
namespace EModel {

// The formula's constants, by name, for the SQL repository to compute the same figure.
inline constexpr double DefaultR = 93.2;
inline constexpr double FixedDelayMs = 10;
inline constexpr double JitterWeight = 2;
inline constexpr double DelayKneeMs = 160;
inline constexpr double DelayDivisorBelowKnee = 40;
inline constexpr double DelayOffsetAboveKnee = 120;
inline constexpr double DelayDivisorAboveKnee = 10;
inline constexpr double LossWeight = 2.5;
inline constexpr double MosLinear = 0.035;
inline constexpr double MosCubic = 0.000007;
inline constexpr double LowestMos = 1.0;
inline constexpr double HighestMos = 4.5;

double rFactor(double latencyMs, double jitterMs, double packetLossPercent);
double mosFromR(double r);
double mos(double latencyMs, double jitterMs, double packetLossPercent);
ConnectionQuality qualityFromMos(double mos);

// How many classes apart two qualities are (0 when equal).
int classDistance(ConnectionQuality a, ConnectionQuality b);
// A reported quality two classes or more away from the computed one is not to be trusted.
inline constexpr int UntrustedDistance = 2;

} // namespace EModel
