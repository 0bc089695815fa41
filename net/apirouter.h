#pragma once

#include "alertendpoints.h"
#include "apilimits.h"
#include "apimessages.h"
#include "corspolicy.h"
#include "ingestendpoints.h"
#include "queryendpoints.h"

#include <functional>

/**
 * Maps a request to its endpoint by method and path: the contract's routes, 404 for an unknown path,
 * 405 (with Allow) for a known path and another method. Every answer is counted in ServerMetrics under
 * the route's pattern. One router per HTTP thread, over that thread's AnalyticsService and AlertStore.
 */
class ApiRouter
{
public:
    using Reply = IngestEndpoints::Reply;

    // `context`: an object of the calling thread, where answers that wait for a commit are made.
    ApiRouter(AnalyticsService &service, AlertStore &alerts, ReportExporter &reports,
        std::shared_ptr<const Clock> clock, ServerMetrics &metrics, const IngestWriter &writer, const ApiLimits &limits,
        const CorsPolicy &cors, QObject *context);

    // Calls `reply` once with the answer: at once for most requests, after COMMIT for ingestion.
    void handle(const ApiRequest &request, const Reply &reply);

private:
    using Handler = std::function<void(const ApiRequest &, const QStringList &arguments, const Reply &reply)>;
    struct Route
    {
        QByteArray method;
        QString pattern; // "/api/p2p/analytics/session/{session_id}"
        QStringList segments;
        Handler handler;
        bool ingestion = false; // counted apart, for the IngestErrors rule
        bool crossOrigin = false; // callable from pages of other origins (CorsPolicy)
    };

    using Query = std::function<ApiResponse(const ApiRequest &, const QStringList &arguments)>;

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // A POST route that stores records.
    void addIngestion(const QString &pattern, Handler handler);
    // A GET route answered at once.
    void addQuery(const QString &pattern, Query query);
    // The route's arguments when the path matches its pattern.
    static std::optional<QStringList> match(const Route &route, const QStringList &pathSegments);
    // The answer to a CORS preflight (OPTIONS) for a cross-origin path offering these methods.
    ApiResponse preflight(const ApiRequest &request, const QByteArrayList &methods) const;

    ServerMetrics &m_metrics;
    CorsPolicy m_cors;
    IngestEndpoints m_ingest;
    QueryEndpoints m_query;
    AlertEndpoints m_alerts;
    QList<Route> m_routes;
};
