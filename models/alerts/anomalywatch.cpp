#include "anomalywatch.h"

#include "alerts/rulefigures.h"

#include <QLocale>

namespace {

// The fleet figures watched, by the rule type whose figure they are, and their names in alerts.
constexpr std::pair<RuleType, const char *> s_figures[] = {
    { RuleType::HighLatency, "latency_ms" },
    { RuleType::HighJitter, "jitter_ms" },
    { RuleType::HighPacketLoss, "packet_loss_percent" },
    { RuleType::LowBandwidth, "bandwidth_mbps" },
    { RuleType::LowMos, "mos" },
    { RuleType::LowSuccessRate, "success_rate_percent" },
};

// Back inside three quarters of the band counts as clear; in between, nothing changes.
constexpr double ClearShareOfBand = 0.75;

} // namespace

QList<Finding> AnomalyWatch::observe(const AnomalySettings &settings, const std::optional<GroupTotals> &fleet)
{
    if (settings.k != m_k) {
        // Another k is another notion of normal: learn again.
        m_baselines.clear();
        m_k = settings.k;
    }
    QList<Finding> findings;
    if (!fleet)
        return findings;
    const QLocale c = QLocale::c();
    for (const auto &[type, name] : s_figures) {
        const AlertRule figureRule { type, AlertScope::Global, 1, 0, settings.windowSeconds, 0, settings.minimumSamples,
            settings.severity, true };
        const std::optional<double> figure = RuleFigures::figureOf(figureRule, *fleet);
        if (!figure)
            continue;
        RobustBaseline::Parameters parameters;
        parameters.k = settings.k;
        RobustBaseline &baseline = m_baselines.try_emplace(type, parameters).first->second;
        const RobustBaseline::Verdict verdict = baseline.observe(*figure);

        Finding finding;
        finding.type = AlertType;
        finding.key = QString::fromLatin1(name);
        finding.severity = settings.severity;
        finding.minimumDurationSeconds = settings.minimumDurationSeconds;
        finding.value = *figure;
        if (!verdict.band) {
            findings.append(finding); // warming up: Neither
            continue;
        }
        const RobustBaseline::Band &band = *verdict.band;
        const double distance = std::abs(*figure - band.mean);
        finding.highIsBad = *figure >= band.mean;
        finding.observation = verdict.outside                            ? AlertTracker::Observation::Bad
            : distance <= ClearShareOfBand * settings.k * band.deviation ? AlertTracker::Observation::Clear
                                                                         : AlertTracker::Observation::Neither;
        const QString unit = RuleFigures::unitOf(type);
        auto number = [&](double v) { return RuleFigures::withUnit(type, v); };
        finding.message = QStringLiteral("Anomaly: %1 %2 is outside its expected band %3 to %4 (the last %5 min)")
                              .arg(RuleFigures::nameOf(type).toLower(), number(*figure), number(band.low),
                                  number(band.high), c.toString(double(settings.windowSeconds) / 60, 'g', 4));
        finding.evidence = QJsonObject {
            { QStringLiteral("metric"), finding.key },
            { QStringLiteral("value"), *figure },
            { QStringLiteral("expected_low"), band.low },
            { QStringLiteral("expected_high"), band.high },
            { QStringLiteral("baseline_mean"), band.mean },
            { QStringLiteral("baseline_deviation"), band.deviation },
            { QStringLiteral("k"), settings.k },
            { QStringLiteral("unit"), unit },
            { QStringLiteral("window_seconds"), settings.windowSeconds },
            { QStringLiteral("samples"), RuleFigures::samplesBehind(type, *fleet) },
        };
        findings.append(finding);
    }
    return findings;
}
