#include "findings.h"

#include "domain/emodel.h"

#include <QLocale>

#include <algorithm>

namespace Findings {

namespace {

const QString NoSessions = QStringLiteral("No sessions in this period.");

QString number(double value, int decimals = 1)
{
    return QLocale::c().toString(value, 'f', decimals);
}

QString plural(qint64 count, const QString &singular, const QString &pluralForm)
{
    return QString::number(count) + u' ' + (count == 1 ? singular : pluralForm);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

void compareConnectionTypes(const QList<ConnectionTypeFigures> &types, QStringList &findings)
{
    QList<ConnectionTypeFigures> compared;
    for (const ConnectionTypeFigures &type : types) {
        if (type.samples >= MinimumTypeSamples && type.averageLatencyMs > 0)
            compared.append(type);
    }
    if (compared.size() < 2)
        return;
    const auto [fastest, slowest] = std::minmax_element(compared.cbegin(), compared.cend(),
        [](const auto &a, const auto &b) { return a.averageLatencyMs < b.averageLatencyMs; });
    const double ratio = slowest->averageLatencyMs / fastest->averageLatencyMs;
    if (ratio < NotableLatencyRatio)
        return;
    findings << QStringLiteral("%1 connections had %2x the latency of %3 (%4 ms against %5 ms).")
                    .arg(spelling(slowest->type), number(ratio), spelling(fastest->type),
                        number(slowest->averageLatencyMs), number(fastest->averageLatencyMs));
}

void describeSamples(const SampleFigures &figures, QStringList &findings)
{
    if (figures.averageMos) {
        const ConnectionQuality quality = EModel::qualityFromMos(*figures.averageMos);
        if (quality >= ConnectionQuality::Fair)
            findings << QStringLiteral("Calls were %1 on average: the E-model gives a MOS of %2 out of 4.5.")
                            .arg(spelling(quality), number(*figures.averageMos, 2));
    }
    if (figures.successRatePercent && 100 - *figures.successRatePercent >= NotableFailurePercent)
        findings << QStringLiteral("%1 % of connection samples reported a failed connection.")
                        .arg(number(100 - *figures.successRatePercent));
    if (figures.rebufferingPercent && *figures.rebufferingPercent >= NotableRebufferingPercent)
        findings << QStringLiteral("Playback was rebuffering in %1 % of streaming samples.")
                        .arg(number(*figures.rebufferingPercent));
    if (figures.droppedFramePercent && *figures.droppedFramePercent >= NotableDroppedFramePercent)
        findings << QStringLiteral("%1 % of video frames were dropped.").arg(number(*figures.droppedFramePercent));
}

void worstDay(const QList<DailyFigures> &days, QStringList &findings)
{
    QList<double> p95s;
    const DailyFigures *worst = nullptr;
    for (const DailyFigures &day : days) {
        if (!day.p95LatencyMs)
            continue;
        p95s.append(*day.p95LatencyMs);
        if (!worst || *day.p95LatencyMs > *worst->p95LatencyMs)
            worst = &day;
    }
    if (p95s.size() < 3)
        return;
    const double typical = median(p95s);
    if (typical <= 0 || *worst->p95LatencyMs < NotableDayRatio * typical)
        return;
    findings << QStringLiteral("Latency was worst on %1: 95th percentile %2 ms, %3x the median day (%4 ms).")
                    .arg(worst->day.toString(Qt::ISODate), number(*worst->p95LatencyMs),
                        number(*worst->p95LatencyMs / typical), number(typical));
}

void mosTrend(const QList<DailyFigures> &days, QStringList &findings)
{
    QList<double> daily;
    for (const DailyFigures &day : days) {
        if (day.figures.averageMos)
            daily.append(*day.figures.averageMos);
    }
    if (daily.size() < 2)
        return;
    const qsizetype half = daily.size() / 2;
    auto meanOf = [](const QList<double> &values) {
        double sum = 0;
        for (const double value : values)
            sum += value;
        return sum / double(values.size());
    };
    const double before = meanOf(daily.mid(0, half));
    const double after = meanOf(daily.mid(daily.size() - half));
    if (std::abs(after - before) < NotableMosChange)
        return;
    findings << QStringLiteral("Call quality %1 over the period: a daily MOS of %2 in its first half, %3 in its last.")
                    .arg(after > before ? QStringLiteral("improved") : QStringLiteral("declined"), number(before, 2),
                        number(after, 2));
}

void describeAlerts(const QList<Alert> &alerts, const QDateTime &end, QStringList &findings)
{
    if (alerts.isEmpty())
        return;
    const auto unresolved = std::count_if(alerts.cbegin(), alerts.cend(),
        [&](const Alert &alert) { return !alert.resolvedAt || *alert.resolvedAt > end; });
    findings << QStringLiteral("%1 during the period; %2 at its end.")
                    .arg(plural(alerts.size(), QStringLiteral("alert was open"), QStringLiteral("alerts were open")),
                        plural(unresolved, QStringLiteral("was still unresolved"),
                            QStringLiteral("were still unresolved")));
}

// What every report says first, when its period had sessions.
QStringList describePeriod(const QList<ConnectionTypeFigures> &types, const SampleFigures &figures)
{
    QStringList findings;
    compareConnectionTypes(types, findings);
    describeSamples(figures, findings);
    return findings;
}

QStringList orNothingNotable(QStringList findings)
{
    if (findings.isEmpty())
        findings << QStringLiteral("Nothing stood out: no figure crossed the thresholds these findings use.");
    return findings;
}

} // namespace

QStringList forUser(const UserPerformanceReport &report)
{
    if (report.summary.totalSessions == 0)
        return { NoSessions };
    QStringList findings = describePeriod(report.connectionTypes, report.figures);
    worstDay(report.days, findings);
    mosTrend(report.days, findings);
    if (!report.worstSessions.isEmpty()) {
        const SessionAnalytics &worst = report.worstSessions.constFirst();
        const ConnectionQuality quality = EModel::qualityFromMos(*worst.averageMos);
        if (quality >= ConnectionQuality::Fair)
            findings << QStringLiteral("The worst session, %1, was %2: a MOS of %3.")
                            .arg(worst.sessionId, spelling(quality), number(*worst.averageMos, 2));
    }
    if (report.qualityMismatchSessions > 0)
        findings << QStringLiteral("%1 a connection quality two classes or more away from what %2 measurements imply.")
                        .arg(plural(report.qualityMismatchSessions, QStringLiteral("session reported"),
                                 QStringLiteral("sessions reported")),
                            report.qualityMismatchSessions == 1 ? QStringLiteral("its") : QStringLiteral("their"));
    describeAlerts(report.alerts, report.period.to, findings);
    return orNothingNotable(findings);
}

QStringList forFleet(const FleetReport &report)
{
    if (report.stats.totalSessions == 0)
        return { NoSessions };
    QStringList findings = describePeriod(report.connectionTypes, report.figures);
    if (!report.topUsers.isEmpty()) {
        const ProblemRanking &top = report.topUsers.constFirst();
        findings << QStringLiteral("User %1 had the most problem reports: %2 in %3.")
                        .arg(top.key, QString::number(top.problemReports),
                            plural(top.figures.connectionSamples, QStringLiteral("connection sample"),
                                QStringLiteral("connection samples")));
    }
    describeAlerts(report.alerts, report.period.to, findings);
    return orNothingNotable(findings);
}

} // namespace Findings
