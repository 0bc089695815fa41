#include "queryendpoints.h"

#include "figuresjson.h"
#include "queryparameters.h"
#include "servermetrics.h"

#include "analytics/analyticsservice.h"

#include <QFile>
#include <QJsonArray>

namespace {

constexpr IntParameter s_hours { "hours", 1, 8760, 24 };
constexpr IntParameter s_days { "days", 1, 3650, 7 };
constexpr IntParameter s_bucketSeconds { "bucket_seconds", 60, 86400, 0 };

} // namespace

QueryEndpoints::QueryEndpoints(AnalyticsService &service, const ServerMetrics &metrics, const IngestWriter &writer)
    : m_service(service)
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
    if (!days)
        return badParameters(errors);
    return answer(m_service.performanceReport(userId, *days), FiguresJson::performanceReport);
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
        QStringLiteral("sessions"), QStringLiteral("success_rate") };
    if (!metricType.isEmpty() && !metricTypes.contains(metricType))
        errors.append({ QStringLiteral("metric_type"), u"must be one of " + metricTypes.join(u", ") });
    if (!errors.isEmpty())
        return badParameters(errors);
    return answer(m_service.trends(*hours, *bucketSeconds),
        [&](const Trends &trends) { return FiguresJson::trends(trends, metricType); });
}

ApiResponse QueryEndpoints::dashboardPage()
{
    QFile page(QStringLiteral(":/web/dashboard.html"));
    if (!page.open(QIODevice::ReadOnly))
        return ApiResponse::error(500, QStringLiteral("The dashboard page is missing from this build"));
    ApiResponse response;
    response.contentType = "text/html; charset=utf-8";
    response.body = page.readAll();
    return response;
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
