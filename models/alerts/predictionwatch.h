#pragma once

#include "alerts/anomalydetector.h"
#include "alerts/finding.h"

#include <map>

/**
 * Predictions: projects each global rule's figure along its recent trend and finds the rules whose
 * raise threshold it will cross within the horizon, while the rule itself is not raised yet.
 */
class PredictionWatch
{
public:
    static QString alertTypeOf(RuleType type) { return u"Predicted" + spelling(type); }

    // Nothing without a figure this pass.
    std::optional<Finding> observe(
        const PredictionSettings &settings, const AlertRule &rule, std::optional<double> figure, const QDateTime &now);

private:
    std::map<QString, TrendProjection> m_projections; // by alert type: one global rule per type
    qint64 m_windowSeconds = 0;
};
