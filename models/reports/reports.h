#pragma once

#include "alerts/alert.h"
#include "analytics/figures.h"
#include "storage/samplequery.h"

#include <QDate>

#include <array>
#include <optional>

// The data of the reports an operator hands on: plain values, computed by ReportBuilder from stored
// data, laid out by ReportDocument. A figure of a day or group without the samples it is made of is
// unknown (nothing), never zero.

/** What a group of samples (a day, a user, a peer) amounts to. */
struct SampleFigures
{
    qint64 connectionSamples = 0;
    qint64 streamingSamples = 0;
    std::optional<double> averageLatencyMs;
    std::optional<double> averageBandwidthMbps;
    std::optional<double> averagePacketLossPercent;
    std::optional<double> averageMos;
    std::optional<double> successRatePercent;
    std::optional<double> poorPercent; // connection samples reported Poor or Unusable
    std::optional<double> rebufferingPercent; // streaming samples below the rebuffering threshold
    std::optional<double> droppedFramePercent; // dropped of all frames counted

    static SampleFigures of(const GroupTotals &totals);
};

/** One UTC calendar day of a performance report. */
struct DailyFigures
{
    QDate day;
    qint64 sessions = 0; // distinct sessions with a sample that day
    double streamingHours = 0;
    SampleFigures figures;
    std::optional<double> p95LatencyMs;
    std::array<qint64, 5> samplesByQuality {}; // connection samples by reported quality
};

/** The samples of one connection type. */
struct ConnectionTypeFigures
{
    ConnectionType type = ConnectionType::WebRTC;
    qint64 samples = 0;
    double averageLatencyMs = 0;
};

/** A user's performance over a period: the contract's report, and what it is made of. */
struct UserPerformanceReport
{
    TimeWindow period;
    PerformanceReport summary; // the contract's fields (HTTP JSON)
    SampleFigures figures; // the whole period
    QList<DailyFigures> days; // oldest first; days without samples included
    QList<ConnectionTypeFigures> connectionTypes; // types with samples, in the enum's order
    QList<SessionAnalytics> bestSessions; // highest average MOS first
    QList<SessionAnalytics> worstSessions; // lowest average MOS first
    qint64 qualityMismatchSessions = 0;
    QList<Alert> alerts; // about the user, its sessions or its peers, unresolved during the period
    QStringList findings; // plain words, computed from the figures above
};

/**
 * A user or peer ranked by its problem reports: connection samples reported Poor or Unusable, plus
 * those of a failed connection (a sample both poor and failed counts twice, as it reports two problems).
 */
struct ProblemRanking
{
    QString key;
    SampleFigures figures;
    qint64 problemReports = 0;
};

/** The alerts unresolved during a period, counted. */
struct AlertSummary
{
    qint64 total = 0;
    qint64 unresolved = 0; // still unresolved at the end of the report
    std::array<qint64, 4> bySeverity {}; // indexed by Severity
    QList<std::pair<QString, qint64>> byType; // most frequent first
    std::optional<double> medianMinutesToResolve; // of those resolved during the period
};

/** The whole fleet over a period. */
struct FleetReport
{
    TimeWindow period;
    AggregatedStats stats; // the contract's figures (HTTP JSON)
    SampleFigures figures; // the whole period
    Trends trends;
    QList<ConnectionTypeFigures> connectionTypes;
    QList<ProblemRanking> topUsers; // most problems first
    QList<ProblemRanking> topPeers;
    AlertSummary alertSummary;
    QList<Alert> alerts; // newest first
    QStringList findings;
};
