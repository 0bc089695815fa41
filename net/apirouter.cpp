#include "apirouter.h"

#include "servermetrics.h"

#include <QUrl>

namespace {

// Path segments, each percent-decoded on its own so that an encoded '/' stays inside its segment.
// A trailing slash is ignored: "/api/p2p/dashboard/" and "/api/p2p/dashboard" are one route.
QStringList segmentsOf(const QByteArray &path)
{
    QStringList segments;
    const QList<QByteArray> parts = path.split('/');
    for (const QByteArray &part : parts) {
        if (!part.isEmpty())
            segments.append(QUrl::fromPercentEncoding(part));
    }
    return segments;
}

} // namespace

ApiRouter::ApiRouter(AnalyticsService &service, AlertStore &alerts, ReportExporter &reports,
    std::shared_ptr<const Clock> clock, ServerMetrics &metrics, const IngestWriter &writer, const ApiLimits &limits,
    const CorsPolicy &cors, QObject *context)
    : m_metrics(metrics)
    , m_cors(cors)
    , m_ingest(service, metrics, limits, context)
    , m_query(service, reports, metrics, writer)
    , m_alerts(alerts, std::move(clock), limits.maxRecordBytes)
{
    const std::pair<const char *, MetricKind> ingestion[] = {
        { "/api/p2p/analytics/connection-metrics", MetricKind::Connection },
        { "/api/p2p/analytics/streaming-metrics", MetricKind::Streaming },
        { "/api/p2p/analytics/network-metrics", MetricKind::Network },
        { "/api/p2p/analytics/system-metrics", MetricKind::System },
    };
    for (const auto &[path, kind] : ingestion) {
        addIngestion(QString::fromLatin1(path),
            [this, kind = kind](
                const ApiRequest &r, const QStringList &, const Reply &reply) { m_ingest.recordOne(kind, r, reply); });
    }
    addIngestion(QStringLiteral("/api/p2p/analytics/batch"),
        [this](const ApiRequest &r, const QStringList &, const Reply &reply) { m_ingest.recordBatch(r, reply); });

    addQuery(QStringLiteral("/api/p2p/analytics/session/{session_id}"),
        [this](const ApiRequest &, const QStringList &a) { return m_query.session(a.at(0)); });
    addQuery(QStringLiteral("/api/p2p/analytics/user/{user_id}"),
        [this](const ApiRequest &, const QStringList &a) { return m_query.user(a.at(0)); });
    addQuery(QStringLiteral("/api/p2p/analytics/stats"),
        [this](const ApiRequest &r, const QStringList &) { return m_query.stats(r); });
    addQuery(QStringLiteral("/api/p2p/analytics/performance-report/{user_id}"),
        [this](const ApiRequest &r, const QStringList &a) { return m_query.performanceReport(a.at(0), r); });
    addQuery(QStringLiteral("/api/p2p/dashboard"),
        [this](const ApiRequest &, const QStringList &) { return m_query.dashboardPage(); });
    addQuery(QStringLiteral("/api/p2p/reporter.js"),
        [this](const ApiRequest &, const QStringList &) { return m_query.reporterScript(); });
    m_routes.last().crossOrigin = true;
    addQuery(QStringLiteral("/api/p2p/dashboard/assets/{name}"),
        [this](const ApiRequest &, const QStringList &a) { return m_query.dashboardAsset(a.at(0)); });
    addQuery(QStringLiteral("/api/p2p/dashboard/summary"),
        [this](const ApiRequest &r, const QStringList &) { return m_query.dashboardSummary(r); });
    addQuery(QStringLiteral("/api/p2p/dashboard/realtime-metrics"),
        [this](const ApiRequest &r, const QStringList &) { return m_query.realtimeMetrics(r); });
    addQuery(QStringLiteral("/api/p2p/dashboard/alerts"),
        [this](const ApiRequest &r, const QStringList &) { return m_alerts.list(r); });
    add("POST", QStringLiteral("/api/p2p/dashboard/alerts/{alert_id}/acknowledge"),
        [this](const ApiRequest &r, const QStringList &a, const Reply &reply) {
            reply(m_alerts.acknowledge(a.at(0), r));
        });
    addQuery(QStringLiteral("/api/p2p/dashboard/trends"),
        [this](const ApiRequest &r, const QStringList &) { return m_query.trends(r); });
    addQuery(QStringLiteral("/health"), [this](const ApiRequest &, const QStringList &) { return m_query.health(); });
    addQuery(QStringLiteral("/metrics"),
        [this](const ApiRequest &, const QStringList &) { return m_query.serverMetrics(); });
}

void ApiRouter::addQuery(const QString &pattern, Query query)
{
    add("GET", pattern,
        [query = std::move(query)](
            const ApiRequest &r, const QStringList &arguments, const Reply &reply) { reply(query(r, arguments)); });
}

void ApiRouter::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({ method, pattern, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler) });
}

void ApiRouter::addIngestion(const QString &pattern, Handler handler)
{
    add("POST", pattern, std::move(handler));
    m_routes.last().ingestion = true;
    m_routes.last().crossOrigin = true;
}

ApiResponse ApiRouter::preflight(const ApiRequest &request, const QByteArrayList &methods) const
{
    const QByteArray origin = request.header("Origin");
    if (origin.isEmpty() || !m_cors.allows(origin))
        return ApiResponse::error(403, u"Origin not allowed: " + QString::fromUtf8(origin));
    ApiResponse response;
    response.status = 204;
    response.addHeader("Access-Control-Allow-Origin", origin);
    response.addHeader("Access-Control-Allow-Methods", methods.join(", ") + ", OPTIONS");
    response.addHeader("Access-Control-Allow-Headers", "Content-Type, Content-Encoding");
    response.addHeader("Access-Control-Max-Age", "600");
    response.addHeader("Vary", "Origin");
    return response;
}

std::optional<QStringList> ApiRouter::match(const Route &route, const QStringList &pathSegments)
{
    if (route.segments.size() != pathSegments.size())
        return std::nullopt;
    QStringList arguments;
    for (qsizetype i = 0; i < pathSegments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(u'{'))
            arguments.append(pathSegments.at(i));
        else if (expected != pathSegments.at(i))
            return std::nullopt;
    }
    return arguments;
}

void ApiRouter::handle(const ApiRequest &request, const Reply &reply)
{
    const QStringList segments = segmentsOf(request.path);
    const QByteArray origin = request.header("Origin");
    QByteArrayList allowed;
    bool crossOrigin = false;
    for (const Route &route : std::as_const(m_routes)) {
        const std::optional<QStringList> arguments = match(route, segments);
        if (!arguments)
            continue;
        if (route.method != request.method) {
            allowed.append(route.method);
            crossOrigin = crossOrigin || route.crossOrigin;
            continue;
        }
        // A page of another origin may read the answer when the policy lets it.
        const bool shareAnswer = route.crossOrigin && !origin.isEmpty() && m_cors.allows(origin);
        route.handler(request, *arguments,
            [this, pattern = route.pattern, ingestion = route.ingestion, shareAnswer, origin, reply](
                const ApiResponse &response) {
                m_metrics.countRequest(pattern, response.status);
                if (ingestion)
                    m_metrics.countIngestRequest(response.status);
                if (!shareAnswer)
                    return reply(response);
                ApiResponse shared = response;
                shared.addHeader("Access-Control-Allow-Origin", origin);
                shared.addHeader("Vary", "Origin");
                reply(shared);
            });
        return;
    }
    if (crossOrigin && request.method == "OPTIONS") {
        const ApiResponse response = preflight(request, allowed);
        m_metrics.countRequest(QStringLiteral("preflight"), response.status);
        return reply(response);
    }
    if (!allowed.isEmpty()) {
        ApiResponse response = ApiResponse::error(405,
            QStringLiteral("%1 is not allowed here; use %2")
                .arg(QString::fromLatin1(request.method), QString::fromLatin1(allowed.join(", "))));
        response.addHeader("Allow", allowed.join(", "));
        m_metrics.countRequest(QStringLiteral("unmatched"), 405);
        return reply(response);
    }
    m_metrics.countRequest(QStringLiteral("unmatched"), 404);
    reply(ApiResponse::error(404, u"No such resource: " + QString::fromUtf8(request.path)));
}
