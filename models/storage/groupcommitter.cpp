#include "groupcommitter.h"

#include <QElapsedTimer>

struct GroupCommitter::Pending
{
    const QList<MetricRecord> *records = nullptr;
    std::optional<StorageResult<QList<StoredRecord>>> result;
};

namespace {

template<std::size_t N>
void addToHistogram(std::array<std::atomic<qint64>, N + 1> &buckets, const std::array<double, N> &bounds, double value)
{
    std::size_t i = 0;
    while (i < N && value > bounds.at(i))
        ++i;
    buckets.at(i).fetch_add(1, std::memory_order_relaxed);
}

void addTo(std::atomic<double> &sum, double value)
{
    double current = sum.load(std::memory_order_relaxed);
    while (!sum.compare_exchange_weak(current, current + value, std::memory_order_relaxed)) { }
}

} // namespace

GroupCommitter::GroupCommitter(qsizetype maxQueuedRecords, qsizetype maxRecordsPerCommit)
    : m_maxQueuedRecords(maxQueuedRecords)
    , m_maxRecordsPerCommit(maxRecordsPerCommit)
{ }

qsizetype GroupCommitter::queuedRecords() const
{
    std::lock_guard lock(m_mutex);
    return m_queuedRecords;
}

StorageResult<QList<StoredRecord>> GroupCommitter::submit(
    const QList<MetricRecord> &records, AnalyticsRepository &repository)
{
    Pending mine;
    mine.records = &records;
    std::unique_lock lock(m_mutex);
    if (m_queuedRecords > 0 && m_queuedRecords + records.size() > m_maxQueuedRecords) {
        return StorageError { StorageError::Kind::Busy,
            QStringLiteral("The server is busy: %1 records are waiting to be stored").arg(m_queuedRecords) };
    }
    m_queue.push_back(&mine);
    m_queuedRecords += records.size();

    while (!mine.result) {
        if (m_leaderActive) {
            m_committed.wait(lock);
            continue;
        }
        // Lead: take the queue head (always this thread's own records or older ones) up to the commit limit.
        m_leaderActive = true;
        std::vector<Pending *> batch;
        qsizetype count = 0;
        while (
            !m_queue.empty() && (batch.empty() || count + m_queue.front()->records->size() <= m_maxRecordsPerCommit)) {
            batch.push_back(m_queue.front());
            count += m_queue.front()->records->size();
            m_queue.pop_front();
        }
        m_queuedRecords -= count;
        lock.unlock();

        QList<MetricRecord> combined;
        if (batch.size() > 1) {
            combined.reserve(count);
            for (const Pending *pending : batch)
                combined += *pending->records;
        }
        QElapsedTimer timer;
        timer.start();
        StorageResult<QList<StoredRecord>> result
            = repository.store(batch.size() > 1 ? combined : *batch.front()->records);
        recordCommit(count, timer.nsecsElapsed() / 1e9, result.ok());

        lock.lock();
        qsizetype offset = 0;
        for (Pending *pending : batch) {
            if (result.ok())
                pending->result = result.value().mid(offset, pending->records->size());
            else
                pending->result = result.error();
            offset += pending->records->size();
        }
        m_leaderActive = false;
        m_committed.notify_all();
    }
    return std::move(*mine.result);
}

void GroupCommitter::recordCommit(qsizetype records, double seconds, bool ok)
{
    if (!ok) {
        m_stats.failedCommits.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_stats.commits.fetch_add(1, std::memory_order_relaxed);
    m_stats.committedRecords.fetch_add(records, std::memory_order_relaxed);
    addToHistogram(m_stats.batchBuckets, GroupCommitStats::BatchBounds, double(records));
    addTo(m_stats.batchSum, double(records));
    addToHistogram(m_stats.latencyBuckets, GroupCommitStats::LatencyBounds, seconds);
    addTo(m_stats.latencySumSeconds, seconds);
}
