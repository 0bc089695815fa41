#pragma once

#include "alerts/anomalydetector.h"
#include "alerts/finding.h"

#include <map>

/**
 * Anomalies without thresholds: keeps a RobustBaseline of each fleet figure (latency, jitter,
 * packet loss, bandwidth, MOS, success rate) and finds, pass after pass, which figures lie outside
 * their expected band.
 */
class AnomalyWatch
{
public:
    static inline const QString AlertType = QStringLiteral("Anomaly");

    // One finding per figure with enough samples in `fleet` (the whole fleet's totals over the
    // settings' window), or none at all without samples.
    QList<Finding> observe(const AnomalySettings &settings, const std::optional<GroupTotals> &fleet);

private:
    std::map<RuleType, RobustBaseline> m_baselines;
    double m_k = 0;
};
