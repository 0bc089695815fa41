#pragma once

#include "apimessages.h"

#include "reports/reportexporter.h"

class AnalyticsService;
class IngestWriter;
class ServerMetrics;

/** The GET endpoints: analytics figures, the dashboard's data and page, health and the server's own metrics. */
class QueryEndpoints
{
public:
    QueryEndpoints(
        AnalyticsService &service, ReportExporter &reports, const ServerMetrics &metrics, const IngestWriter &writer);

    ApiResponse session(const QString &sessionId);
    ApiResponse user(const QString &userId);
    ApiResponse stats(const ApiRequest &request);
    // JSON by default; format=csv gives one table of the report (table=summary by default), format=pdf all of it.
    ApiResponse performanceReport(const QString &userId, const ApiRequest &request);
    ApiResponse realtimeMetrics(const ApiRequest &request);
    ApiResponse trends(const ApiRequest &request);
    // The six dashboard figures with their change against the window before (window_seconds, 1 h by default).
    ApiResponse dashboardSummary(const ApiRequest &request);
    ApiResponse dashboardPage();
    // A file the page loads (Chart.js), by name.
    ApiResponse dashboardAsset(const QString &name);
    // The browser script that reports a page's WebRTC peers (resources/web/reporter.js).
    ApiResponse reporterScript();
    ApiResponse health();
    ApiResponse serverMetrics();

private:
    // A report as a file to download: PDF, or one of its CSV tables (the first when `table` is empty).
    ApiResponse download(
        const ReportDocument &document, ReportFormat format, const QString &table, const QString &baseName);

    AnalyticsService &m_service;
    ReportExporter &m_reports;
    const ServerMetrics &m_metrics;
    const IngestWriter &m_writer;
};
