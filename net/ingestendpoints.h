#pragma once

#include "apilimits.h"
#include "apimessages.h"

#include "domain/metrics.h"

#include <functional>

class AnalyticsService;
class QObject;
class ServerMetrics;

/**
 * The POST endpoints that store metrics: one record of a kind, or a batch of any kinds. A request is
 * validated in full before anything is stored. Valid records go to the IngestWriter and the answer
 * follows once they are committed, so a 200 always means stored.
 */
class IngestEndpoints
{
public:
    using Reply = std::function<void(const ApiResponse &)>;

    // `context` is an object of the calling thread, where the answers after COMMIT are made.
    IngestEndpoints(AnalyticsService &service, ServerMetrics &metrics, const ApiLimits &limits, QObject *context);

    void recordOne(MetricKind kind, const ApiRequest &request, const Reply &reply);
    // {"records": [{"kind": "connection", ...}, ...]}: valid records are stored, invalid ones listed.
    void recordBatch(const ApiRequest &request, const Reply &reply);

    // Errors listed in a batch answer at the most.
    static constexpr int MaxListedErrors = 100;

private:
    using Answer = std::function<ApiResponse(const QList<StoredRecord> &)>;
    // Submits the records; replies with answer(ids) once committed, or with the storage error.
    void store(const QList<Metrics> &records, const Reply &reply, Answer answer);

    AnalyticsService &m_service;
    ServerMetrics &m_metrics;
    const ApiLimits m_limits;
    QObject *m_context;
};
