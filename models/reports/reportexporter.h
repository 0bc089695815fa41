#pragma once

#include "reports/reportbuilder.h"
#include "reports/reportdocument.h"

#include <QIODevice>

#include <functional>

enum class ReportType { Performance, Fleet, Connections, Streaming, Sessions, Alerts };
enum class ReportFormat { Csv, Pdf };

QString spelling(ReportType type);
QString spelling(ReportFormat format);
template<> std::optional<ReportType> enumFromString<ReportType>(const QString &text);
template<> std::optional<ReportFormat> enumFromString<ReportFormat>(const QString &text);
template<> QStringList enumSpellings<ReportType>();
template<> QStringList enumSpellings<ReportFormat>();

/** What an export reads: a period, and the filters the console's views offer. */
struct ReportFilter
{
    TimeWindow period;
    QString userId;
    QString sessionId;
    std::optional<ConnectionType> connectionType;
    std::optional<ConnectionQuality> qualityAtMost; // this quality or worse, as the sessions view filters

    SampleFilter samples() const { return { period, userId, sessionId }; }
    // The filters in words, for a report's title block ("user u1", "connection type Relay").
    QStringList inWords() const;
    // Why this report cannot honour the filters (a performance report needs a user; streaming samples
    // have no connection type...), or nothing.
    std::optional<QString> unsupportedBy(ReportType type) const;
};

struct ExportRequest
{
    ReportType type = ReportType::Performance;
    ReportFormat format = ReportFormat::Csv;
    ReportFilter filter;
    QString path;
};

/**
 * Writes the reports to files: CSV (each table of a report to a file of its own, raw samples read
 * from the database page by page so that memory stays bounded whatever their number) or PDF
 * through the writer it is given (painting is the views' business). A file appears whole or not
 * at all: a failed or cancelled export leaves nothing behind. Like its stores, an instance belongs
 * to one thread.
 */
class ReportExporter
{
public:
    // Writes a document as PDF; returns why it could not.
    using PdfWriter = std::function<std::optional<QString>(const ReportDocument &document, QIODevice &device)>;
    // Rows done of the total expected; returning false cancels the export.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    ReportExporter(AnalyticsService &service, AnalyticsRepository &repository, AlertStore &alerts, PdfWriter pdfWriter);

    // Nothing on success, else why, in one line ("Cancelled." when progress said stop).
    std::optional<QString> exportTo(const ExportRequest &request, const Progress &progress = {});

    // The document of a report type that has one (all but the raw samples).
    StorageResult<ReportDocument> document(ReportType type, const ReportFilter &filter);
    // The files a CSV export of this document writes: `path` for its first table, then
    // "<path without .csv>-<table name>.csv" for each other table.
    static QStringList csvPaths(const ReportDocument &document, const QString &path);
    static bool writeTable(const ReportTable &table, QIODevice &device);
    // Nothing on success, else why.
    std::optional<QString> writePdf(const ReportDocument &document, QIODevice &device) const
    {
        return m_pdfWriter(document, device);
    }

    static constexpr qsizetype PageRows = 5000;
    static const QString Cancelled;

private:
    std::optional<QString> writeSamples(
        MetricKind kind, const ReportFilter &filter, QIODevice &device, const Progress &progress);
    StorageResult<qint64> countSamples(MetricKind kind, const ReportFilter &filter);

    AnalyticsService &m_service;
    AnalyticsRepository &m_repository;
    ReportBuilder m_builder;
    PdfWriter m_pdfWriter;
};
