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
    void countStored(MetricKind kind, qint64 records);
    void countRejected(qint64 records);

    qint64 requests() const;
    qint64 rejectedRecords() const { return m_rejected.load(std::memory_order_relaxed); }
    qint64 storedRecords() const;

    QByteArray prometheusText(const IngestWriter &writer) const;

private:
    mutable QMutex m_mutex;
    QMap<std::pair<QString, int>, qint64> m_requests;
    std::array<std::atomic<qint64>, 4> m_stored {}; // by MetricKind
    std::atomic<qint64> m_rejected { 0 };
};
