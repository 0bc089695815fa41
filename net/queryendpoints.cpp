#include "queryendpoints.h"

#include "figuresjson.h"
#include "queryparameters.h"
#include "servermetrics.h"

#include "analytics/analyticsservice.h"
#include "reports/reportexporter.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>

namespace {

constexpr IntParameter s_hours { "hours", 1, 8760, 24 };
constexpr IntParameter s_days { "days", 1, 3650, 7 };
constexpr IntParameter s_bucketSeconds { "bucket_seconds", 60, 86400, 0 };
constexpr IntParameter s_windowSeconds { "window_seconds", 60, 30 * 86400, 3600 };

// A user id as part of a download's name: anything but letters, digits, '-' and '_' becomes '_'.
QString safeFileName(const QString &text)
{
    QString name;
    for (const QChar c : text)
        name += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' ? c : u'_';
    return name;
}

ApiResponse attachment(const QByteArray &contentType, const QString &fileName, const QByteArray &body)
{
    ApiResponse response;
    response.contentType = contentType;
    response.body = body;
    response.addHeader("Content-Disposition", "attachment; filename=\"" + fileName.toLatin1() + '"');
    return response;
}

// A file compiled in under resources/web; 404 for any other name.
ApiResponse webFile(const QString &path)
{
    static const QList<std::pair<QString, QByteArray>> types {
        { QStringLiteral(".html"), "text/html; charset=utf-8" },
        { QStringLiteral(".js"), "text/javascript; charset=utf-8" },
    };
    QFile file(u":/web/" + path);
    const auto type
        = std::find_if(types.cbegin(), types.cend(), [&](const auto &entry) { return path.endsWith(entry.first); });
    if (path.contains(QStringLiteral("..")) || type == types.cend() || !file.open(QIODevice::ReadOnly))
        return ApiResponse::error(404, QStringLiteral("No such file: %1").arg(path));
    ApiResponse response;
    response.contentType = type->second;
    response.body = file.readAll();
    return response;
}

} // namespace

QueryEndpoints::QueryEndpoints(
    AnalyticsService &service, ReportExporter &reports, const ServerMetrics &metrics, const IngestWriter &writer)
    : m_service(service)
    , m_reports(reports)
    , m_metrics(metrics)
    , m_writer(writer)
{ }

ApiResponse QueryEndpoints::session(const QString &sessionId)
{
    const auto result = m_service.sessionAnalytics(sessionId);
    if (!result.ok())
        return ApiResponse::storageError(result.error());
    if (!result.value())
        return ApiResponse::error(404, QStringLiteral("Session analytics not found"));
    return ApiResponse::json(200, FiguresJson::session(*result.value()));
}

ApiResponse QueryEndpoints::user(const QString &userId)
{
    return answer(m_service.userAnalytics(userId), FiguresJson::user);
}

ApiResponse QueryEndpoints::stats(const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> hours = intParameter(request, s_hours, errors);
    if (!hours)
        return badParameters(errors);
    return answer(m_service.aggregatedStats(*hours), FiguresJson::stats);
}

ApiResponse QueryEndpoints::performanceReport(const QString &userId, const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> days = intParameter(request, s_days, errors);
    const QString format = request.query.queryItemValue(QStringLiteral("format"), QUrl::FullyDecoded);
    const QString table = request.query.queryItemValue(QStringLiteral("table"), QUrl::FullyDecoded);
    const std::optional<ReportFormat> fileFormat = enumFromString<ReportFormat>(format);
    if (!format.isEmpty() && format != u"json" && !fileFormat)
        errors.append({ QStringLiteral("format"), QStringLiteral("must be one of json, csv, pdf") });
    if (!table.isEmpty() && fileFormat != ReportFormat::Csv)
        errors.append({ QStringLiteral("table"), QStringLiteral("applies to format=csv only") });
    if (!errors.isEmpty())
        return badParameters(errors);
    if (!fileFormat)
        return answer(m_service.performanceReport(userId, *days), FiguresJson::performanceReport);

    ReportFilter filter;
    filter.period = TimeWindow::endingAt(m_service.now(), qint64(*days) * 86400);
    filter.userId = userId;
    const auto document = m_reports.document(ReportType::Performance, filter);
    if (!document.ok())
        return ApiResponse::storageError(document.error());
    return download(document.value(), *fileFormat, table,
        QStringLiteral("performance-%1-%2d").arg(safeFileName(userId)).arg(*days));
}

ApiResponse QueryEndpoints::download(
    const ReportDocument &document, ReportFormat format, const QString &table, const QString &baseName)
{
    QBuffer body;
    body.open(QIODevice::WriteOnly);
    if (format == ReportFormat::Pdf) {
        if (const auto failed = m_reports.writePdf(document, body))
            return ApiResponse::error(500, *failed);
        return attachment("application/pdf", baseName + QStringLiteral(".pdf"), body.data());
    }
    const QList<ReportTable> tables = document.csvTables();
    const QString wanted = table.isEmpty() ? tables.constFirst().name : table;
    const auto chosen
        = std::find_if(tables.cbegin(), tables.cend(), [&](const ReportTable &t) { return t.name == wanted; });
    if (chosen == tables.cend()) {
        QStringList names;
        for (const ReportTable &t : tables)
            names << t.name;
        return badParameters({ { QStringLiteral("table"), u"must be one of " + names.join(u", ") } });
    }
    ReportExporter::writeTable(*chosen, body);
    return attachment("text/csv; charset=utf-8; header=present",
        baseName + (table.isEmpty() ? QString() : u'-' + table) + QStringLiteral(".csv"), body.data());
}

ApiResponse QueryEndpoints::realtimeMetrics(const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> hours = intParameter(request, s_hours, errors);
    if (!hours)
        return badParameters(errors);
    return answer(m_service.realtimeMetrics(*hours), FiguresJson::realtime);
}

ApiResponse QueryEndpoints::trends(const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> hours = intParameter(request, s_hours, errors);
    const std::optional<int> bucketSeconds = intParameter(request, s_bucketSeconds, errors);
    const QString metricType = request.query.queryItemValue(QStringLiteral("metric_type"), QUrl::FullyDecoded);
    static const QStringList metricTypes { QStringLiteral("latency"), QStringLiteral("bandwidth"),
        QStringLiteral("sessions"), QStringLiteral("users"), QStringLiteral("success_rate") };
    if (!metricType.isEmpty() && !metricTypes.contains(metricType))
        errors.append({ QStringLiteral("metric_type"), u"must be one of " + metricTypes.join(u", ") });
    if (!errors.isEmpty())
        return badParameters(errors);
    return answer(m_service.trends(*hours, *bucketSeconds),
        [&](const Trends &trends) { return FiguresJson::trends(trends, metricType); });
}

ApiResponse QueryEndpoints::dashboardSummary(const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> windowSeconds = intParameter(request, s_windowSeconds, errors);
    if (!windowSeconds)
        return badParameters(errors);
    return answer(m_service.dashboard(*windowSeconds), FiguresJson::dashboard);
}

ApiResponse QueryEndpoints::dashboardPage()
{
    return webFile(QStringLiteral("dashboard.html"));
}

ApiResponse QueryEndpoints::dashboardAsset(const QString &name)
{
    return webFile(u"assets/" + name);
}

ApiResponse QueryEndpoints::reporterScript()
{
    return webFile(QStringLiteral("reporter.js"));
}

ApiResponse QueryEndpoints::health()
{
    const QString version = QStringLiteral(VIBESTREAM_VERSION);
    if (const std::optional<StorageError> error = m_service.checkHealth()) {
        ApiResponse response = ApiResponse::json(503,
            {
                { QStringLiteral("status"), QStringLiteral("unavailable") },
                { QStringLiteral("database"), error->message },
                { QStringLiteral("version"), version },
            });
        response.addHeader("Retry-After", "5");
        return response;
    }
    return ApiResponse::json(200,
        {
            { QStringLiteral("status"), QStringLiteral("ok") },
            { QStringLiteral("database"), QStringLiteral("ok") },
            { QStringLiteral("version"), version },
        });
}

ApiResponse QueryEndpoints::serverMetrics()
{
    ApiResponse response;
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    response.body = m_metrics.prometheusText(m_writer);
    return response;
}
