#pragma once

#include "domain/metrics.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>

#include <array>
#include <atomic>

class IngestWriter;

/** The server's own counters, shared by all HTTP threads, rendered for GET /metrics (Prometheus text). */
class ServerMetrics
{
public:
    // `route` is the route's pattern (not the raw path), so that the label set stays small.
    void countRequest(const QString &route, int status);
    // An answer to an ingestion request (one record or a batch); 4xx and 5xx answers are rejections.
    void countIngestRequest(int status);
    void countStored(MetricKind kind, qint64 records);
    void countRejected(qint64 records);

    qint64 requests() const;
    qint64 rejectedRecords() const { return m_rejected.load(std::memory_order_relaxed); }
    qint64 storedRecords() const;
    qint64 ingestRequests() const { return m_ingestRequests.load(std::memory_order_relaxed); }
    qint64 rejectedIngestRequests() const { return m_rejectedIngestRequests.load(std::memory_order_relaxed); }

    QByteArray prometheusText(const IngestWriter &writer) const;

private:
    mutable QMutex m_mutex;
    QMap<std::pair<QString, int>, qint64> m_requests;
    std::array<std::atomic<qint64>, 4> m_stored {}; // by MetricKind
    std::atomic<qint64> m_rejected { 0 };
    std::atomic<qint64> m_ingestRequests { 0 };
    std::atomic<qint64> m_rejectedIngestRequests { 0 };
};
