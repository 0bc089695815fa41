#include "ingestwriter.h"

#include "repositoryfactory.h"

#include <QElapsedTimer>

#include <future>

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

IngestWriter::IngestWriter(
    std::shared_ptr<RepositoryFactory> repositories, qsizetype maxQueuedRecords, qsizetype maxRecordsPerCommit)
    : m_repositories(std::move(repositories))
    , m_maxQueuedRecords(maxQueuedRecords)
    , m_maxRecordsPerCommit(maxRecordsPerCommit)
{ }

IngestWriter::~IngestWriter()
{
    stop();
}

std::optional<StorageError> IngestWriter::start()
{
    std::promise<std::optional<StorageError>> opened;
    std::future<std::optional<StorageError>> openedResult = opened.get_future();
    m_thread.reset(QThread::create([this, &opened] {
        // The write connection is opened, used and closed in this thread, as QtSql requires.
        auto repository = m_repositories->open();
        if (!repository.ok()) {
            opened.set_value(repository.error());
            return;
        }
        opened.set_value(std::nullopt);
        run(repository.value());
    }));
    m_thread->setObjectName(QStringLiteral("ingest-writer"));
    m_thread->start();
    std::optional<StorageError> error = openedResult.get();
    if (error) {
        m_thread->wait();
        m_thread.reset();
    }
    return error;
}

void IngestWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

std::optional<StorageError> IngestWriter::submit(QList<MetricRecord> records, QObject *context, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || !m_thread)
            return StorageError { StorageError::Kind::Unavailable, QStringLiteral("The writer is stopped") };
        if (m_queuedRecords > 0 && m_queuedRecords + records.size() > m_maxQueuedRecords) {
            return StorageError { StorageError::Kind::Busy,
                QStringLiteral("The server is busy: %1 records are waiting to be stored").arg(m_queuedRecords) };
        }
        m_queuedRecords += records.size();
        m_queue.push_back({ std::move(records), context, std::move(done) });
    }
    m_wake.notify_one();
    return std::nullopt;
}

StorageResult<QList<StoredRecord>> IngestWriter::submitAndWait(QList<MetricRecord> records)
{
    std::promise<StorageResult<QList<StoredRecord>>> committed;
    std::future<StorageResult<QList<StoredRecord>>> result = committed.get_future();
    if (auto refused = submit(std::move(records), nullptr,
            [&committed](const StorageResult<QList<StoredRecord>> &r) { committed.set_value(r); }))
        return *refused;
    return result.get();
}

qsizetype IngestWriter::queuedRecords() const
{
    std::lock_guard lock(m_mutex);
    return m_queuedRecords;
}

void IngestWriter::run(std::shared_ptr<AnalyticsRepository> repository)
{
    for (;;) {
        std::vector<Submission> batch;
        qsizetype count = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and everything submitted was committed and reported
            // A commit costs far more than a row: when only a few records wait, give the requests
            // already on their way a moment to join this commit.
            if (m_queuedRecords < GatherRecords && !m_stopping)
                m_wake.wait_for(lock, GatherWindow, [this] { return m_stopping || m_queuedRecords >= GatherRecords; });
            while (!m_queue.empty()
                && (batch.empty() || count + m_queue.front().records.size() <= m_maxRecordsPerCommit)) {
                count += m_queue.front().records.size();
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_queuedRecords -= count;
        }

        QList<MetricRecord> combined;
        if (batch.size() > 1) {
            combined.reserve(count);
            for (const Submission &submission : batch)
                combined += submission.records;
        }
        QElapsedTimer timer;
        timer.start();
        const StorageResult<QList<StoredRecord>> result
            = repository->store(batch.size() > 1 ? combined : batch.front().records);
        recordCommit(count, double(timer.nsecsElapsed()) / 1e9, result.ok());

        // One queued call per receiving thread and commit, not one per submission: each call wakes a thread.
        using Report = std::pair<Done, StorageResult<QList<StoredRecord>>>;
        std::vector<std::pair<QObject *, std::vector<Report>>> reportsByContext;
        qsizetype offset = 0;
        for (Submission &submission : batch) {
            StorageResult<QList<StoredRecord>> own = result.ok()
                ? StorageResult<QList<StoredRecord>>(result.value().mid(offset, submission.records.size()))
                : StorageResult<QList<StoredRecord>>(result.error());
            offset += submission.records.size();
            if (!submission.context) {
                submission.done(own);
                continue;
            }
            auto context = std::find_if(reportsByContext.begin(), reportsByContext.end(),
                [&](const auto &entry) { return entry.first == submission.context; });
            if (context == reportsByContext.end())
                context = reportsByContext.insert(reportsByContext.end(), { submission.context, {} });
            context->second.emplace_back(std::move(submission.done), std::move(own));
        }
        for (auto &[context, reports] : reportsByContext) {
            QMetaObject::invokeMethod(
                context,
                [reports = std::move(reports)] {
                    for (const auto &[done, own] : reports)
                        done(own);
                },
                Qt::QueuedConnection);
        }
    }
}

void IngestWriter::recordCommit(qsizetype records, double seconds, bool ok)
{
    if (!ok) {
        m_stats.failedCommits.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_stats.commits.fetch_add(1, std::memory_order_relaxed);
    m_stats.committedRecords.fetch_add(records, std::memory_order_relaxed);
    addToHistogram(m_stats.batchBuckets, CommitStats::BatchBounds, double(records));
    addTo(m_stats.batchSum, double(records));
    addToHistogram(m_stats.latencyBuckets, CommitStats::LatencyBounds, seconds);
    addTo(m_stats.latencySumSeconds, seconds);
}
