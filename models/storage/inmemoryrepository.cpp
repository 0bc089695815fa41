#include "inmemoryrepository.h"

#include "domain/emodel.h"
#include "domain/metricscodec.h"
#include "domain/qualityscale.h"
#include "sortableid.h"

#include <QHash>
#include <QReadWriteLock>
#include <QSet>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

struct InMemoryData
{
    mutable QReadWriteLock lock;
    QHash<QString, SessionRow> sessionsBySessionId;
    QHash<QString, QString> sessionIdByAggregateId;
    std::array<QList<StoredSample>, 4> samplesByKind; // indexed by MetricKind
    QList<Alert> alerts; // oldest first
};

namespace {

QList<StoredSample> &samplesOf(InMemoryData &data, MetricKind kind)
{
    return data.samplesByKind.at(static_cast<std::size_t>(kind));
}
const QList<StoredSample> &samplesOf(const InMemoryData &data, MetricKind kind)
{
    return data.samplesByKind.at(static_cast<std::size_t>(kind));
}

const SessionRow *sessionOf(const InMemoryData &data, const StoredSample &sample)
{
    const auto sessionId = data.sessionIdByAggregateId.constFind(sample.ids.analyticsId);
    if (sessionId == data.sessionIdByAggregateId.cend())
        return nullptr;
    return &*data.sessionsBySessionId.constFind(*sessionId);
}

bool selects(const InMemoryData &data, const SampleFilter &filter, const StoredSample &sample)
{
    if (filter.window && !filter.window->contains(sample.record.recordedAt))
        return false;
    if (filter.userId.isEmpty() && filter.sessionId.isEmpty())
        return true;
    const SessionRow *session = sessionOf(data, sample);
    return session && (filter.userId.isEmpty() || session->userId == filter.userId)
        && (filter.sessionId.isEmpty() || session->sessionId == filter.sessionId);
}

// Calls visit(sample, metrics) for every selected sample of one kind.
template<typename Metrics, typename Visitor>
void forEachSelected(const InMemoryData &data, MetricKind kind, const SampleFilter &filter, Visitor visit)
{
    for (const StoredSample &sample : samplesOf(data, kind)) {
        if (selects(data, filter, sample))
            visit(sample, std::get<Metrics>(sample.record.metrics));
    }
}

// The newer of two samples: later time, then the larger id, as the SQL store orders them.
void sortNewestFirst(QList<Alert> &alerts)
{
    std::sort(alerts.begin(), alerts.end(),
        [](const Alert &a, const Alert &b) { return std::tie(b.firstSeen, b.id) < std::tie(a.firstSeen, a.id); });
}

bool isNewer(const StoredSample &a, const StoredSample &b)
{
    if (a.record.recordedAt != b.record.recordedAt)
        return a.record.recordedAt > b.record.recordedAt;
    return a.ids.id > b.ids.id;
}

QDateTime bucketStart(const QDateTime &time, qint64 bucketMs)
{
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch() / bucketMs * bucketMs, Qt::UTC);
}

} // namespace

InMemoryRepository::InMemoryRepository()
    : m_data(createData())
{ }

InMemoryRepository::InMemoryRepository(std::shared_ptr<InMemoryData> data)
    : m_data(std::move(data))
{ }

InMemoryRepository::~InMemoryRepository() = default;

std::shared_ptr<InMemoryData> InMemoryRepository::createData()
{
    return std::make_shared<InMemoryData>();
}

StorageResult<QList<StoredRecord>> InMemoryRepository::store(const QList<MetricRecord> &records)
{
    QWriteLocker locker(&m_data->lock);
    InMemoryData &data = *m_data;
    QList<StoredRecord> stored;
    stored.reserve(records.size());
    for (const MetricRecord &record : records) {
        const MetricKind kind = kindOf(record.metrics);
        StoredRecord ids { newSortableId(record.recordedAt), QString() };
        SessionRow *session = nullptr;
        if (kind == MetricKind::System) {
            const auto &system = std::get<SystemMetrics>(record.metrics);
            // A system report joins an existing session; it carries no user to create one with.
            if (!system.sessionId.isEmpty()) {
                auto found = data.sessionsBySessionId.find(system.sessionId);
                if (found != data.sessionsBySessionId.end())
                    session = &*found;
            }
        } else {
            const QString sessionId = sessionIdOf(record.metrics);
            auto found = data.sessionsBySessionId.find(sessionId);
            if (found == data.sessionsBySessionId.end()) {
                const SessionRow row { newSortableId(record.recordedAt), sessionId, userIdOf(record.metrics),
                    QJsonObject(), QJsonObject(), record.recordedAt, record.recordedAt };
                data.sessionIdByAggregateId.insert(row.id, sessionId);
                found = data.sessionsBySessionId.insert(sessionId, row);
            }
            session = &*found;
        }
        if (session) {
            ids.analyticsId = session->id;
            session->updatedAt = std::max(session->updatedAt, record.recordedAt);
            if (kind == MetricKind::Network)
                session->networkMetrics = MetricsCodec::encodeSessionReport(record.metrics);
            else if (kind == MetricKind::System)
                session->systemMetrics = MetricsCodec::encodeSessionReport(record.metrics);
        }
        samplesOf(data, kind).append({ ids, record });
        stored.append(ids);
    }
    return stored;
}

std::optional<StorageError> InMemoryRepository::checkHealth()
{
    return std::nullopt;
}

StorageResult<std::optional<SessionRow>> InMemoryRepository::findSession(const QString &sessionId)
{
    QReadLocker locker(&m_data->lock);
    const auto found = m_data->sessionsBySessionId.constFind(sessionId);
    if (found == m_data->sessionsBySessionId.cend())
        return std::optional<SessionRow>();
    return std::optional<SessionRow>(*found);
}

StorageResult<QList<SessionSummary>> InMemoryRepository::sessionSummaries(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    const InMemoryData &data = *m_data;
    QHash<QString, SessionSummary> byAggregate;
    QHash<QString, QSet<QString>> connections;
    QHash<QString, QSet<QString>> streams;
    auto summaryFor = [&](const StoredSample &sample) -> SessionSummary & {
        SessionSummary &summary = byAggregate[sample.ids.analyticsId];
        if (summary.session.id.isEmpty())
            summary.session = *sessionOf(data, sample);
        return summary;
    };
    forEachSelected<ConnectionMetrics>(
        data, MetricKind::Connection, filter, [&](const StoredSample &sample, const ConnectionMetrics &m) {
            SessionSummary &s = summaryFor(sample);
            ++s.connectionSamples;
            s.qualityScoreSum += QualityScale::score(m.connectionQuality);
            s.mosSum += EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent);
            s.successfulSamples += m.isSuccessful() ? 1 : 0;
            connections[sample.ids.analyticsId].insert(m.connectionId);
        });
    forEachSelected<StreamingMetrics>(
        data, MetricKind::Streaming, filter, [&](const StoredSample &sample, const StreamingMetrics &m) {
            SessionSummary &s = summaryFor(sample);
            ++s.streamingSamples;
            s.streamingSeconds += m.durationSeconds;
            streams[sample.ids.analyticsId].insert(m.streamId);
        });
    forEachSelected<NetworkMetrics>(data, MetricKind::Network, filter,
        [&](const StoredSample &sample, const NetworkMetrics &) { summaryFor(sample); });

    QList<SessionSummary> summaries;
    summaries.reserve(byAggregate.size());
    for (auto it = byAggregate.begin(); it != byAggregate.end(); ++it) {
        it->distinctConnections = connections.value(it.key()).size();
        it->distinctStreams = streams.value(it.key()).size();
        summaries.append(*it);
    }
    std::sort(summaries.begin(), summaries.end(), [](const SessionSummary &a, const SessionSummary &b) {
        if (a.session.createdAt != b.session.createdAt)
            return a.session.createdAt > b.session.createdAt;
        return a.session.sessionId < b.session.sessionId;
    });
    return summaries;
}

StorageResult<ConnectionTotals> InMemoryRepository::connectionTotals(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    ConnectionTotals totals;
    QSet<QString> peers;
    QSet<std::pair<QString, QString>> connections;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            ++totals.samples;
            totals.qualityScoreSum += QualityScale::score(m.connectionQuality);
            totals.successfulSamples += m.isSuccessful() ? 1 : 0;
            totals.latencySum += m.latencyMs;
            totals.bandwidthSum += m.bandwidthMbps;
            peers.insert(m.peerId);
            connections.insert({ m.sessionId, m.connectionId });
        });
    totals.distinctPeers = peers.size();
    totals.distinctConnections = connections.size();
    return totals;
}

StorageResult<StreamingTotals> InMemoryRepository::streamingTotals(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    StreamingTotals totals;
    QHash<QString, bool> streamEnded;
    forEachSelected<StreamingMetrics>(
        *m_data, MetricKind::Streaming, filter, [&](const StoredSample &, const StreamingMetrics &m) {
            ++totals.samples;
            totals.durationSecondsSum += m.durationSeconds;
            if (m.bufferLevelSeconds < StreamingTotals::BufferingThresholdSeconds)
                ++totals.bufferingSamples;
            totals.adaptiveSwitchesSum += m.adaptiveSwitches;
            totals.qualityLevelScoreSum += QualityScale::score(m.qualityLevel);
            streamEnded[m.streamId] |= m.endTime.has_value();
        });
    totals.distinctStreams = streamEnded.size();
    totals.openStreams = std::count(streamEnded.cbegin(), streamEnded.cend(), false);
    return totals;
}

StorageResult<SystemTotals> InMemoryRepository::systemTotals(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    SystemTotals totals;
    QHash<QString, const StoredSample *> latestTranscodingByReporter;
    forEachSelected<SystemMetrics>(
        *m_data, MetricKind::System, filter, [&](const StoredSample &sample, const SystemMetrics &m) {
            ++totals.samples;
            totals.cpuUsageSum += m.cpuUsagePercent;
            totals.memoryUsageSum += m.memoryUsageMb;
            totals.networkThroughputSum += m.networkThroughputMbps;
            if (!m.transcodingJobsActive && !m.transcodingJobsCompleted && !m.transcodingJobsFailed)
                return;
            const StoredSample *&latest = latestTranscodingByReporter[m.reporter()];
            if (!latest || isNewer(sample, *latest))
                latest = &sample;
        });
    for (const StoredSample *sample : std::as_const(latestTranscodingByReporter)) {
        const auto &m = std::get<SystemMetrics>(sample->record.metrics);
        totals.transcodingJobsActive += m.transcodingJobsActive.value_or(0);
        totals.transcodingJobsCompleted += m.transcodingJobsCompleted.value_or(0);
        totals.transcodingJobsFailed += m.transcodingJobsFailed.value_or(0);
    }
    return totals;
}

StorageResult<quint64> InMemoryRepository::transferredBytes(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    QHash<QString, const StoredSample *> latestBySession;
    forEachSelected<NetworkMetrics>(
        *m_data, MetricKind::Network, filter, [&](const StoredSample &sample, const NetworkMetrics &) {
            const StoredSample *&latest = latestBySession[sample.ids.analyticsId];
            if (!latest || isNewer(sample, *latest))
                latest = &sample;
        });
    quint64 bytes = 0;
    for (const StoredSample *sample : std::as_const(latestBySession)) {
        const auto &m = std::get<NetworkMetrics>(sample->record.metrics);
        bytes += m.totalDataSentBytes + m.totalDataReceivedBytes;
    }
    return bytes;
}

StorageResult<ConnectionBreakdown> InMemoryRepository::connectionBreakdown(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    ConnectionBreakdown breakdown;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            ++breakdown.byQuality.at(std::size_t(m.connectionQuality));
            ++breakdown.byType.at(std::size_t(m.connectionType));
            breakdown.latencySumByType.at(std::size_t(m.connectionType)) += m.latencyMs;
        });
    return breakdown;
}

StorageResult<qint64> InMemoryRepository::distinctUsers(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    const InMemoryData &data = *m_data;
    QSet<QString> users;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
        for (const StoredSample &sample : samplesOf(data, kind)) {
            if (selects(data, filter, sample))
                users.insert(sessionOf(data, sample)->userId);
        }
    }
    return qint64(users.size());
}

StorageResult<qint64> InMemoryRepository::distinctStreams(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    QSet<QString> streams;
    forEachSelected<StreamingMetrics>(*m_data, MetricKind::Streaming, filter,
        [&](const StoredSample &, const StreamingMetrics &m) { streams.insert(m.streamId); });
    return qint64(streams.size());
}

StorageResult<qint64> InMemoryRepository::distinctConnections(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    QSet<std::pair<QString, QString>> connections;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            connections.insert({ m.sessionId, m.connectionId });
        });
    return qint64(connections.size());
}

StorageResult<QList<SessionScore>> InMemoryRepository::sessionScores(const SampleFilter &filter)
{
    TRY_STORAGE(summaries, sessionSummaries(filter));
    QList<SessionScore> scores;
    for (const SessionSummary &summary : summaries)
        scores.append({ summary.connectionSamples, summary.qualityScoreSum });
    return scores;
}

StorageResult<qint64> InMemoryRepository::distinctPeers(const SampleFilter &filter)
{
    TRY_STORAGE(totals, connectionTotals(filter));
    return totals.distinctPeers;
}

StorageResult<qint64> InMemoryRepository::openStreams(const SampleFilter &filter)
{
    TRY_STORAGE(totals, streamingTotals(filter));
    return totals.openStreams;
}

StorageResult<qint64> InMemoryRepository::peakConcurrentUsers(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    const InMemoryData &data = *m_data;
    QHash<qint64, QSet<QString>> usersByMinute;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
        for (const StoredSample &sample : samplesOf(data, kind)) {
            if (!selects(data, filter, sample))
                continue;
            const qint64 minute = sample.record.recordedAt.toMSecsSinceEpoch() / 60000;
            usersByMinute[minute].insert(sessionOf(data, sample)->userId);
        }
    }
    qint64 peak = 0;
    for (const QSet<QString> &users : std::as_const(usersByMinute))
        peak = std::max<qint64>(peak, users.size());
    return peak;
}

StorageResult<QList<ConnectionBucket>> InMemoryRepository::connectionBuckets(
    const SampleFilter &filter, qint64 bucketMs)
{
    QReadLocker locker(&m_data->lock);
    std::map<qint64, ConnectionBucket> buckets;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &sample, const ConnectionMetrics &m) {
            const QDateTime start = bucketStart(sample.record.recordedAt, bucketMs);
            ConnectionBucket &bucket = buckets[start.toMSecsSinceEpoch()];
            bucket.start = start;
            ++bucket.samples;
            bucket.latencySum += m.latencyMs;
            bucket.bandwidthSum += m.bandwidthMbps;
            bucket.successfulSamples += m.isSuccessful() ? 1 : 0;
            bucket.packetLossSum += m.packetLossPercent;
            bucket.jitterSum += m.jitterMs;
            bucket.latencyMin = bucket.samples == 1 ? m.latencyMs : std::min(bucket.latencyMin, m.latencyMs);
            bucket.latencyMax = std::max(bucket.latencyMax, m.latencyMs);
            bucket.latencyHistogram.add(LatencyHistogram::binOf(m.latencyMs));
        });
    QList<ConnectionBucket> list;
    for (const auto &[start, bucket] : buckets)
        list.append(bucket);
    return list;
}

StorageResult<QList<ActivityBucket>> InMemoryRepository::activityBuckets(const SampleFilter &filter, qint64 bucketMs)
{
    QReadLocker locker(&m_data->lock);
    const InMemoryData &data = *m_data;
    struct Active
    {
        QSet<QString> sessions;
        QSet<QString> users;
        QSet<QString> streams;
    };
    std::map<qint64, Active> byBucket;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
        for (const StoredSample &sample : samplesOf(data, kind)) {
            if (!selects(data, filter, sample))
                continue;
            Active &active = byBucket[bucketStart(sample.record.recordedAt, bucketMs).toMSecsSinceEpoch()];
            active.sessions.insert(sample.ids.analyticsId);
            active.users.insert(sessionOf(data, sample)->userId);
            if (const auto *streaming = std::get_if<StreamingMetrics>(&sample.record.metrics))
                active.streams.insert(streaming->streamId);
        }
    }
    QList<ActivityBucket> list;
    for (const auto &[start, active] : byBucket)
        list.append({ QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), active.sessions.size(), active.users.size(),
            active.streams.size() });
    return list;
}

StorageResult<QList<SessionPeer>> InMemoryRepository::sessionPeers(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    std::set<std::tuple<QString, QString, int>> seen;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            seen.insert({ m.sessionId, m.peerId, int(m.connectionType) });
        });
    QList<SessionPeer> peers;
    for (const auto &[session, peer, type] : seen)
        peers.append({ session, peer, ConnectionType(type) });
    return peers;
}

StorageResult<QList<GroupTotals>> InMemoryRepository::groupTotals(const SampleFilter &filter, SampleGroup group)
{
    QReadLocker locker(&m_data->lock);
    std::map<QString, GroupTotals> groups;
    auto totalsOf = [&](const QString &user, const QString &session, const QString &peer) -> GroupTotals & {
        const QString key = group == SampleGroup::User ? user
            : group == SampleGroup::Session            ? session
            : group == SampleGroup::Peer               ? peer
                                                       : QString();
        GroupTotals &totals = groups[key];
        totals.key = key;
        return totals;
    };
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            GroupTotals &t = totalsOf(m.userId, m.sessionId, m.peerId);
            ++t.connectionSamples;
            t.latencySum += m.latencyMs;
            t.jitterSum += m.jitterMs;
            t.packetLossSum += m.packetLossPercent;
            t.bandwidthSum += m.bandwidthMbps;
            t.mosSum += EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent);
            t.poorSamples += QualityScale::score(m.connectionQuality) <= QualityScale::score(ConnectionQuality::Poor);
            t.failedSamples += m.hasFailed() ? 1 : 0;
            t.successfulSamples += m.isSuccessful() ? 1 : 0;
        });
    forEachSelected<StreamingMetrics>(
        *m_data, MetricKind::Streaming, filter, [&](const StoredSample &, const StreamingMetrics &m) {
            // Streaming samples have no peer: they belong to no peer group.
            if (group == SampleGroup::Peer)
                return;
            GroupTotals &t = totalsOf(m.userId, m.sessionId, QString());
            ++t.streamingSamples;
            t.bufferingSamples += m.bufferLevelSeconds < StreamingTotals::BufferingThresholdSeconds ? 1 : 0;
            t.droppedFrames += m.droppedFrames;
            t.totalFrames += m.totalFrames;
            t.adaptiveSwitches += m.adaptiveSwitches;
        });
    QList<GroupTotals> list;
    for (const auto &[key, totals] : groups)
        list.append(totals);
    return list;
}

StorageResult<MosDistribution> InMemoryRepository::mosDistribution(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    MosDistribution distribution;
    forEachSelected<ConnectionMetrics>(
        *m_data, MetricKind::Connection, filter, [&](const StoredSample &, const ConnectionMetrics &m) {
            const double mos = EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent);
            const bool first = distribution.histogram.total() == 0;
            distribution.histogram.add(MosHistogram::binOf(mos));
            distribution.sum += mos;
            distribution.smallest = first ? mos : std::min(distribution.smallest, mos);
            distribution.largest = first ? mos : std::max(distribution.largest, mos);
        });
    return distribution;
}

StorageResult<std::optional<QDateTime>> InMemoryRepository::latestSampleTime()
{
    QReadLocker locker(&m_data->lock);
    std::optional<QDateTime> latest;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System }) {
        for (const StoredSample &sample : samplesOf(*m_data, kind)) {
            if (!latest || sample.record.recordedAt > *latest)
                latest = sample.record.recordedAt;
        }
    }
    return latest;
}

StorageResult<QList<StoredSample>> InMemoryRepository::samplePage(
    MetricKind kind, const SampleFilter &filter, const std::optional<SampleCursor> &after, qsizetype limit)
{
    QReadLocker locker(&m_data->lock);
    QList<StoredSample> list;
    for (const StoredSample &sample : samplesOf(*m_data, kind)) {
        const bool pastCursor
            = !after || std::tie(sample.record.recordedAt, sample.ids.id) > std::tie(after->recordedAt, after->id);
        if (pastCursor && selects(*m_data, filter, sample))
            list.append(sample);
    }
    std::sort(list.begin(), list.end(), [](const StoredSample &a, const StoredSample &b) { return isNewer(b, a); });
    if (limit >= 0 && list.size() > limit)
        list.resize(limit);
    return list;
}

StorageResult<QList<Alert>> InMemoryRepository::alerts(AlertSelection selection, qsizetype limit)
{
    QReadLocker locker(&m_data->lock);
    QList<Alert> list;
    for (const Alert &alert : m_data->alerts) {
        if (selects(selection, alert.state()))
            list.append(alert);
    }
    sortNewestFirst(list);
    if (list.size() > limit)
        list.resize(limit);
    return list;
}

StorageResult<QList<Alert>> InMemoryRepository::alertsDuring(const TimeWindow &window)
{
    QReadLocker locker(&m_data->lock);
    QList<Alert> list;
    for (const Alert &alert : m_data->alerts) {
        if (alert.firstSeen <= window.to && (!alert.resolvedAt || *alert.resolvedAt > window.from))
            list.append(alert);
    }
    sortNewestFirst(list);
    return list;
}

StorageResult<Alert> InMemoryRepository::raise(const Alert &alert)
{
    QWriteLocker locker(&m_data->lock);
    for (const Alert &existing : std::as_const(m_data->alerts)) {
        if (!existing.resolvedAt && existing.type == alert.type && existing.scope == alert.scope
            && existing.scopeKey == alert.scopeKey)
            return existing;
    }
    m_data->alerts.append(alert);
    return alert;
}

std::optional<StorageError> InMemoryRepository::update(const Alert &alert)
{
    QWriteLocker locker(&m_data->lock);
    for (Alert &existing : m_data->alerts) {
        if (existing.id == alert.id) {
            existing.lastValue = alert.lastValue;
            existing.peakValue = alert.peakValue;
            existing.message = alert.message;
            existing.details = alert.details;
            existing.lastSeen = alert.lastSeen;
        }
    }
    return std::nullopt;
}

std::optional<StorageError> InMemoryRepository::resolve(const QString &id, const QDateTime &at)
{
    QWriteLocker locker(&m_data->lock);
    for (Alert &existing : m_data->alerts) {
        if (existing.id == id && !existing.resolvedAt)
            existing.resolvedAt = at;
    }
    return std::nullopt;
}

StorageResult<std::optional<Alert>> InMemoryRepository::acknowledge(
    const QString &id, const QString &by, const QString &note, const QDateTime &at)
{
    QWriteLocker locker(&m_data->lock);
    for (Alert &existing : m_data->alerts) {
        if (existing.id != id)
            continue;
        if (!existing.acknowledgedAt && !existing.resolvedAt) {
            existing.acknowledgedAt = at;
            existing.acknowledgedBy = by;
            existing.acknowledgementNote = note;
        }
        return std::optional<Alert>(existing);
    }
    return std::optional<Alert>();
}

StorageResult<qint64> InMemoryRepository::deleteSamplesBefore(const QDateTime &before, qsizetype limit)
{
    QWriteLocker locker(&m_data->lock);
    qint64 deleted = 0;
    for (QList<StoredSample> &samples : m_data->samplesByKind) {
        // The oldest `limit` of those recorded before `before`.
        QList<QDateTime> times;
        for (const StoredSample &sample : std::as_const(samples)) {
            if (sample.record.recordedAt < before)
                times.append(sample.record.recordedAt);
        }
        if (times.isEmpty())
            continue;
        std::sort(times.begin(), times.end());
        const QDateTime newestGoing = times.at(std::min(times.size(), limit) - 1);
        qsizetype left = limit;
        deleted += samples.removeIf([&](const StoredSample &sample) {
            if (left == 0 || sample.record.recordedAt > newestGoing || sample.record.recordedAt >= before)
                return false;
            --left;
            return true;
        });
    }
    return deleted;
}

StorageResult<qint64> InMemoryRepository::deleteRollupsBefore(const QDateTime &before, qsizetype limit)
{
    // Nothing is rolled up here; what outlives the raw rows is the sessions, which go with their samples.
    QWriteLocker locker(&m_data->lock);
    QSet<QString> going;
    for (const SessionRow &session : std::as_const(m_data->sessionsBySessionId)) {
        if (session.updatedAt < before && going.size() < limit)
            going.insert(session.id);
    }
    for (const QString &aggregateId : std::as_const(going))
        m_data->sessionsBySessionId.remove(m_data->sessionIdByAggregateId.take(aggregateId));
    for (QList<StoredSample> &samples : m_data->samplesByKind)
        samples.removeIf([&](const StoredSample &sample) { return going.contains(sample.ids.analyticsId); });
    return qint64(going.size());
}

std::optional<StorageError> InMemoryRepository::reclaimSpace()
{
    return std::nullopt;
}

StorageResult<ConnectionDistributions> InMemoryRepository::connectionDistributions(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    ConnectionDistributions distributions;
    for (const StoredSample &sample : samplesOf(*m_data, MetricKind::Connection)) {
        if (!selects(*m_data, filter, sample))
            continue;
        const auto &m = std::get<ConnectionMetrics>(sample.record.metrics);
        ConnectionDistributions one { 1, {}, {}, {}, m.latencyMs, m.latencyMs, m.jitterMs, m.jitterMs,
            m.packetLossPercent, m.packetLossPercent };
        one.latency.add(LatencyHistogram::binOf(m.latencyMs));
        one.jitter.add(LatencyHistogram::binOf(m.jitterMs));
        one.packetLoss.add(PacketLossHistogram::binOf(m.packetLossPercent));
        distributions.merge(one);
    }
    return distributions;
}

StorageResult<RollupBucket> InMemoryRepository::sampleSums(const SampleFilter &filter)
{
    QReadLocker locker(&m_data->lock);
    RollupBucket sums;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming }) {
        for (const StoredSample &sample : samplesOf(*m_data, kind)) {
            if (selects(*m_data, filter, sample))
                sums.add(sample.record.metrics);
        }
    }
    return sums;
}
