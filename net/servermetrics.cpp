#include "servermetrics.h"

#include "storage/ingestwriter.h"

namespace {

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}

template<std::size_t N>
void appendHistogram(QByteArray &out, const char *name, const char *help, const std::array<double, N> &bounds,
    const std::array<std::atomic<qint64>, N + 1> &buckets, double sum)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " histogram\n";
    qint64 cumulative = 0;
    for (std::size_t i = 0; i <= N; ++i) {
        cumulative += buckets.at(i).load(std::memory_order_relaxed);
        const QByteArray bound = i < N ? number(bounds.at(i)) : QByteArray("+Inf");
        out += QByteArray(name) + "_bucket{le=\"" + bound + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += QByteArray(name) + "_sum " + number(sum) + '\n';
    out += QByteArray(name) + "_count " + QByteArray::number(cumulative) + '\n';
}

} // namespace

void ServerMetrics::countRequest(const QString &route, int status)
{
    QMutexLocker locker(&m_mutex);
    ++m_requests[{ route, status }];
}

void ServerMetrics::countIngestRequest(int status)
{
    m_ingestRequests.fetch_add(1, std::memory_order_relaxed);
    if (status >= 400)
        m_rejectedIngestRequests.fetch_add(1, std::memory_order_relaxed);
}

void ServerMetrics::countStored(MetricKind kind, qint64 records)
{
    m_stored.at(static_cast<std::size_t>(kind)).fetch_add(records, std::memory_order_relaxed);
}

void ServerMetrics::countRejected(qint64 records)
{
    m_rejected.fetch_add(records, std::memory_order_relaxed);
}

qint64 ServerMetrics::storedRecords() const
{
    qint64 total = 0;
    for (const std::atomic<qint64> &stored : m_stored)
        total += stored.load(std::memory_order_relaxed);
    return total;
}

qint64 ServerMetrics::requests() const
{
    QMutexLocker locker(&m_mutex);
    qint64 total = 0;
    for (qint64 count : m_requests)
        total += count;
    return total;
}

QByteArray ServerMetrics::prometheusText(const IngestWriter &writer) const
{
    QByteArray out;
    out += "# HELP vibestream_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE vibestream_http_requests_total counter\n";
    {
        QMutexLocker locker(&m_mutex);
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
            out += "vibestream_http_requests_total{route=\"" + it.key().first.toUtf8() + "\",status=\""
                + QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
        }
    }
    out += "# HELP vibestream_records_stored_total Metric records stored, by kind.\n"
           "# TYPE vibestream_records_stored_total counter\n";
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System }) {
        out += "vibestream_records_stored_total{kind=\"" + spelling(kind).toUtf8() + "\"} "
            + QByteArray::number(m_stored.at(static_cast<std::size_t>(kind)).load(std::memory_order_relaxed)) + '\n';
    }
    out += "# HELP vibestream_records_rejected_total Metric records refused as invalid.\n"
           "# TYPE vibestream_records_rejected_total counter\n"
           "vibestream_records_rejected_total "
        + QByteArray::number(rejectedRecords()) + '\n';
    out += "# HELP vibestream_ingest_queue_depth Records waiting for a commit.\n"
           "# TYPE vibestream_ingest_queue_depth gauge\n"
           "vibestream_ingest_queue_depth "
        + QByteArray::number(writer.queuedRecords()) + '\n';
    const CommitStats &stats = writer.stats();
    out += "# HELP vibestream_commit_failures_total Commits that failed (nothing of them was stored).\n"
           "# TYPE vibestream_commit_failures_total counter\n"
           "vibestream_commit_failures_total "
        + QByteArray::number(stats.failedCommits.load()) + '\n';
    appendHistogram(out, "vibestream_commit_batch_size", "Records per commit.", CommitStats::BatchBounds,
        stats.batchBuckets, stats.batchSum.load());
    appendHistogram(out, "vibestream_commit_latency_seconds", "Time to store and commit one batch.",
        CommitStats::LatencyBounds, stats.latencyBuckets, stats.latencySumSeconds.load());
    return out;
}
