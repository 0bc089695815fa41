#pragma once

#include "apilimits.h"
#include "apimessages.h"
#include "ingestendpoints.h"
#include "queryendpoints.h"

#include <functional>

/**
 * Maps a request to its endpoint by method and path: the contract's routes, 404 for an unknown path,
 * 405 (with Allow) for a known path and another method. Every answer is counted in ServerMetrics under
 * the route's pattern. One router per HTTP thread, over that thread's AnalyticsService.
 */
class ApiRouter
{
public:
    ApiRouter(
        AnalyticsService &service, ServerMetrics &metrics, const GroupCommitter &committer, const ApiLimits &limits);

    ApiResponse handle(const ApiRequest &request);

private:
    using Handler = std::function<ApiResponse(const ApiRequest &, const QStringList &arguments)>;
    struct Route
    {
        QByteArray method;
        QString pattern; // "/api/p2p/analytics/session/{session_id}"
        QStringList segments;
        Handler handler;
    };

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // The route's arguments when the path matches its pattern.
    static std::optional<QStringList> match(const Route &route, const QStringList &pathSegments);

    ServerMetrics &m_metrics;
    IngestEndpoints m_ingest;
    QueryEndpoints m_query;
    QList<Route> m_routes;
};
