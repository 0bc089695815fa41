#pragma once

#include <QDateTime>
#include <QList>

#include <optional>

/**
 * A robust baseline of one metric: an exponentially weighted mean and mean absolute deviation (EWMA)
 * of the recent past. An observation more than `k` standard deviations from the mean lies outside
 * the expected band; the band is only trusted after `warmUp` observations. Outliers barely move the
 * baseline, so that an incident (a step, or a drift) does not become the new normal while it lasts.
 */
class RobustBaseline
{
public:
    struct Parameters
    {
        double alpha = 0.02; // weight of a new observation: about the last 50 observations matter
        double k = 4; // outlier beyond k deviations
        int warmUp = 30; // observations before the band is trusted
        // The deviation never counts as less than this share of the mean, so that a series flat until
        // now does not flag its first small wobble.
        double deviationFloor = 0.02;
    };

    explicit RobustBaseline(Parameters parameters);

    struct Band
    {
        double low = 0;
        double high = 0;
        double mean = 0;
        double deviation = 0;
    };

    // The band before this observation, and whether the observation lies outside it.
    struct Verdict
    {
        std::optional<Band> band; // nothing while warming up
        bool outside = false;
    };
    Verdict observe(double value);

private:
    Parameters m_parameters;
    int m_observations = 0;
    double m_mean = 0;
    double m_deviation = 0; // mean distance of the points within two sigma
    double m_warmUpDistance = 0;
};

/**
 * A least-squares line through the recent (time, value) points of a figure, projected forward:
 * when will it cross a threshold, at its current pace?
 */
class TrendProjection
{
public:
    explicit TrendProjection(qint64 windowSeconds, int minimumPoints);

    void add(const QDateTime &time, double value);
    // Seconds from the newest point until the fitted line reaches `threshold` moving towards it;
    // nothing with too few points, a flat line, or one moving away.
    std::optional<double> secondsUntil(double threshold) const;

private:
    qint64 m_windowSeconds;
    int m_minimumPoints;
    QList<std::pair<QDateTime, double>> m_points;
};
