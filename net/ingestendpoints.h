#pragma once

#include "apilimits.h"
#include "apimessages.h"

#include "domain/metrics.h"

class AnalyticsService;
class ServerMetrics;

/**
 * The POST endpoints that store metrics: one record of a kind, or a batch of any kinds. A request is
 * validated in full before anything is stored; it is answered 200 only once its records are committed.
 */
class IngestEndpoints
{
public:
    IngestEndpoints(AnalyticsService &service, ServerMetrics &metrics, const ApiLimits &limits);

    ApiResponse recordOne(MetricKind kind, const ApiRequest &request);
    // {"records": [{"kind": "connection", ...}, ...]}: valid records are stored, invalid ones listed.
    ApiResponse recordBatch(const ApiRequest &request);

    // Errors listed in a batch answer at the most.
    static constexpr int MaxListedErrors = 100;

private:
    StorageResult<QList<StoredRecord>> store(const QList<Metrics> &records);

    AnalyticsService &m_service;
    ServerMetrics &m_metrics;
    const ApiLimits m_limits;
};
