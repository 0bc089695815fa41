#include "rollupstaging.h"

namespace {

// How far back the known state reaches: late samples are rare and seconds late, not hours.
constexpr qint64 s_keptMs = 3 * RollupPlan::HourMs;

} // namespace

void RollupStaging::stage(const MetricRecord &record, const QString &analyticsId, const QString &sessionUser)
{
    const qint64 ms = record.recordedAt.toMSecsSinceEpoch();
    m_pendingNewestMs = std::max(m_pendingNewestMs, ms);
    const MetricKind kind = kindOf(record.metrics);
    if (kind == MetricKind::Connection || kind == MetricKind::Streaming) {
        for (int granularity : Granularities)
            m_deltas[{ granularity, RollupPlan::floorTo(ms, granularity * qint64(1000)) }].add(record.metrics);
    }
    if (kind == MetricKind::System || analyticsId.isEmpty())
        return;

    const qint64 hour = RollupPlan::floorTo(ms, RollupPlan::HourMs);
    const qint64 bit = qint64(1) << ((ms - hour) / RollupPlan::MinuteMs);
    auto seen = [&](PresenceKind presence, const QString &entity) {
        const PresenceKey key { presence, hour, entity };
        const auto written = m_writtenBits.find(key);
        if (written == m_writtenBits.end() || !(written->second & bit))
            m_newBits[key] |= bit;
    };
    seen(PresenceKind::Session, analyticsId);
    seen(PresenceKind::User, sessionUser);
    if (const auto *c = std::get_if<ConnectionMetrics>(&record.metrics)) {
        seen(PresenceKind::Peer, c->peerId);
        seen(PresenceKind::Connection, c->sessionId + u'/' + c->connectionId);
    } else if (const auto *s = std::get_if<StreamingMetrics>(&record.metrics)) {
        seen(PresenceKind::Stream, s->streamId);
        if (s->endTime)
            seen(PresenceKind::EndedStream, s->streamId);
    }
}

QList<RollupKey> RollupStaging::unknownStates() const
{
    QList<RollupKey> keys;
    for (const auto &[key, delta] : m_deltas) {
        if (key.start < m_forgottenBefore && !m_written.contains(key) && !m_loaded.contains(key))
            keys.append(key);
    }
    return keys;
}

void RollupStaging::setStoredState(const RollupKey &key, const RollupBucket &bucket)
{
    m_loaded[key] = bucket;
}

QList<std::pair<RollupKey, RollupBucket>> RollupStaging::statesToWrite() const
{
    QList<std::pair<RollupKey, RollupBucket>> states;
    states.reserve(qsizetype(m_deltas.size()));
    for (const auto &[key, delta] : m_deltas) {
        RollupBucket state;
        if (const auto written = m_written.find(key); written != m_written.end())
            state = written->second;
        else if (const auto loaded = m_loaded.find(key); loaded != m_loaded.end())
            state = loaded->second;
        state.merge(delta);
        states.append({ key, state });
    }
    return states;
}

QList<std::pair<PresenceKey, qint64>> RollupStaging::presenceToWrite() const
{
    return QList<std::pair<PresenceKey, qint64>>(m_newBits.cbegin(), m_newBits.cend());
}

void RollupStaging::commit()
{
    for (const auto &[key, state] : statesToWrite())
        m_written[key] = state;
    for (const auto &[key, bits] : m_newBits)
        m_writtenBits[key] |= bits;
    m_newestMs = std::max(m_newestMs, m_pendingNewestMs);
    discard();
    forgetOldState(m_newestMs);
}

void RollupStaging::discard()
{
    m_deltas.clear();
    m_newBits.clear();
    m_loaded.clear();
    m_pendingNewestMs = std::numeric_limits<qint64>::min();
}

void RollupStaging::forgetOldState(qint64 newestMs)
{
    const qint64 cutoff = RollupPlan::floorTo(newestMs, RollupPlan::HourMs) - s_keptMs;
    if (cutoff <= m_forgottenBefore)
        return;
    m_forgottenBefore = cutoff;
    std::erase_if(m_written, [cutoff](const auto &entry) { return entry.first.start < cutoff; });
    std::erase_if(m_writtenBits, [cutoff](const auto &entry) { return entry.first.hourStart < cutoff; });
}
