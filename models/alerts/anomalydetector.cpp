#include "anomalydetector.h"

#include <cmath>

RobustBaseline::RobustBaseline(Parameters parameters)
    : m_parameters(parameters)
{ }

RobustBaseline::Verdict RobustBaseline::observe(double value)
{
    Verdict verdict;
    // The deviation learns only from points within two standard deviations (see below); for normal
    // noise their mean absolute distance is 0.7228 sigma, so sigma is the deviation / 0.7228.
    const double sigma = std::max(m_deviation / 0.7228, m_parameters.deviationFloor * std::abs(m_mean));
    const double distance = std::abs(value - m_mean);
    if (m_observations >= m_parameters.warmUp) {
        verdict.band = Band { m_mean - m_parameters.k * sigma, m_mean + m_parameters.k * sigma, m_mean, sigma };
        verdict.outside = distance > m_parameters.k * sigma;
    }
    ++m_observations;
    if (m_observations <= m_parameters.warmUp) {
        // Warming up: plain running averages of the value and of its distance (0.7979 sigma for normal
        // noise), the latter expressed like the truncated deviation below.
        const double weight = 1.0 / m_observations;
        m_mean += weight * (value - m_mean);
        m_warmUpDistance += weight * (distance - m_warmUpDistance);
        m_deviation = m_warmUpDistance * 0.7228 / 0.7979;
        return verdict;
    }
    // Everyday points teach the mean and the deviation; unusual ones (beyond two sigma) only the mean,
    // so that a drift does not widen the band it is measured against; outliers move the mean ten
    // times slower, so that an incident stays visible while it lasts and a new normal is learnt in time.
    if (distance <= 2 * sigma)
        m_deviation += m_parameters.alpha * (distance - m_deviation);
    m_mean += (verdict.outside ? m_parameters.alpha / 10 : m_parameters.alpha) * (value - m_mean);
    return verdict;
}

TrendProjection::TrendProjection(qint64 windowSeconds, int minimumPoints)
    : m_windowSeconds(windowSeconds)
    , m_minimumPoints(minimumPoints)
{ }

void TrendProjection::add(const QDateTime &time, double value)
{
    m_points.append({ time, value });
    const QDateTime oldest = time.addSecs(-m_windowSeconds);
    while (!m_points.isEmpty() && m_points.constFirst().first < oldest)
        m_points.removeFirst();
}

std::optional<double> TrendProjection::secondsUntil(double threshold) const
{
    if (m_points.size() < m_minimumPoints)
        return std::nullopt;
    // Least squares over seconds since the newest point (x <= 0), so the intercept is "now".
    const QDateTime newest = m_points.constLast().first;
    double sumX = 0;
    double sumY = 0;
    double sumXX = 0;
    double sumXY = 0;
    for (const auto &[time, value] : m_points) {
        const double x = double(newest.msecsTo(time)) / 1000.0;
        sumX += x;
        sumY += value;
        sumXX += x * x;
        sumXY += x * value;
    }
    const double n = double(m_points.size());
    const double denominator = n * sumXX - sumX * sumX;
    if (denominator <= 0)
        return std::nullopt;
    const double slope = (n * sumXY - sumX * sumY) / denominator;
    const double now = (sumY - slope * sumX) / n;
    const double gap = threshold - now;
    if (slope == 0 || gap / slope < 0)
        return std::nullopt;
    return gap / slope;
}
