#pragma once

#include "reports/reports.h"

#include <QVariant>

/** A column of a report table: its CSV name, its printed title, and how a printed number is rounded. */
struct ReportColumn
{
    QString name; // snake_case, as the HTTP contract names fields
    QString title;
    int decimals = 0; // printed numbers only; CSV keeps every digit
};

/**
 * A table of a report. Cells hold typed values (numbers, times, text); an unknown figure is a null
 * QVariant, printed as a dash and written to CSV as an empty field.
 */
struct ReportTable
{
    QString name; // the CSV file's suffix: "daily", "sessions"
    QString title;
    QList<ReportColumn> columns;
    QList<QVariantList> rows;
};

/** A time series chart of a report: one or more lines against time. */
struct ReportChart
{
    struct Series
    {
        QString name;
        QList<TrendPoint> points;
    };

    QString title;
    QString unit;
    QList<Series> series;
};

/**
 * A report laid out for any output, without painting: the title block, the KPI summary, the
 * findings, charts and tables. The PDF writer prints it whole; a CSV export writes its tables.
 */
struct ReportDocument
{
    QString title; // "Performance report"
    QString subject; // "User u1", "Whole fleet"
    TimeWindow period;
    QDateTime generatedAt;
    QStringList filters; // the filters applied, in words ("connection type Relay")
    ReportTable summary; // the KPIs: figure, value, unit
    QStringList findings;
    QList<ReportChart> charts;
    QList<ReportTable> tables;

    // The tables a CSV export writes: the summary (if any), the others, then the findings (if any).
    QList<ReportTable> csvTables() const;
};

/** The reports laid out as documents. */
namespace ReportDocuments {

ReportDocument performance(const UserPerformanceReport &report, const QDateTime &generatedAt);
ReportDocument fleet(const FleetReport &report, const QDateTime &generatedAt);
// The session list, and the alert history, as one-table documents.
ReportDocument sessions(const QList<SessionOverview> &sessions, const TimeWindow &period, const QDateTime &generatedAt);
ReportDocument alerts(const QList<Alert> &alerts, const TimeWindow &period, const QDateTime &generatedAt);

ReportTable sessionTable(const QList<SessionOverview> &sessions);
ReportTable alertTable(const QList<Alert> &alerts);

} // namespace ReportDocuments
