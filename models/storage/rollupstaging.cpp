#include "rollupstaging.h"

#include "domain/emodel.h"
#include "domain/qualityscale.h"

namespace {

// How far back the known state reaches: late samples are rare and seconds late, not hours.
constexpr qint64 s_keptMs = 3 * RollupPlan::HourMs;

// Where a bucket ends: a bucket is forgotten once it ends before the kept period.
qint64 endOf(const RollupKey &key)
{
    return key.start + key.granularitySeconds * qint64(1000);
}
qint64 endOf(const SessionRollupKey &key)
{
    return endOf(key.bucket);
}

} // namespace

void SessionRollup::add(const Metrics &sample)
{
    if (const auto *m = std::get_if<ConnectionMetrics>(&sample)) {
        ++connectionSamples;
        qualityScoreSum += QualityScale::score(m->connectionQuality);
        successfulSamples += m->isSuccessful() ? 1 : 0;
        mosSum += EModel::mos(m->latencyMs, m->jitterMs, m->packetLossPercent);
    } else if (const auto *s = std::get_if<StreamingMetrics>(&sample)) {
        ++streamingSamples;
        streamingSeconds += s->durationSeconds;
    }
}

void SessionRollup::merge(const SessionRollup &o)
{
    connectionSamples += o.connectionSamples;
    qualityScoreSum += o.qualityScoreSum;
    successfulSamples += o.successfulSamples;
    mosSum += o.mosSum;
    streamingSamples += o.streamingSamples;
    streamingSeconds += o.streamingSeconds;
}

template<typename Key, typename State>
QList<Key> RollupStaging::States<Key, State>::unknown(qint64 forgottenBefore) const
{
    QList<Key> keys;
    for (const auto &[key, delta] : m_deltas) {
        if (endOf(key) <= forgottenBefore && !m_written.contains(key) && !m_loaded.contains(key))
            keys.append(key);
    }
    return keys;
}

template<typename Key, typename State> QList<std::pair<Key, State>> RollupStaging::States<Key, State>::toWrite() const
{
    QList<std::pair<Key, State>> states;
    states.reserve(qsizetype(m_deltas.size()));
    for (const auto &[key, delta] : m_deltas) {
        State state;
        if (const auto written = m_written.find(key); written != m_written.end())
            state = written->second;
        else if (const auto loaded = m_loaded.find(key); loaded != m_loaded.end())
            state = loaded->second;
        state.merge(delta);
        states.append({ key, state });
    }
    return states;
}

template<typename Key, typename State> void RollupStaging::States<Key, State>::commit()
{
    for (const auto &[key, state] : toWrite())
        m_written[key] = state;
    discard();
}

template<typename Key, typename State> void RollupStaging::States<Key, State>::discard()
{
    m_deltas.clear();
    m_loaded.clear();
}

template<typename Key, typename State> void RollupStaging::States<Key, State>::forget(qint64 before)
{
    std::erase_if(m_written, [before](const auto &entry) { return endOf(entry.first) <= before; });
}

template class RollupStaging::States<RollupKey, RollupBucket>;
template class RollupStaging::States<SessionRollupKey, SessionRollup>;

void RollupStaging::stage(const MetricRecord &record, const QString &analyticsId, const QString &sessionUser)
{
    const qint64 ms = record.recordedAt.toMSecsSinceEpoch();
    m_pendingNewestMs = std::max(m_pendingNewestMs, ms);
    const MetricKind kind = kindOf(record.metrics);
    if (kind == MetricKind::System || analyticsId.isEmpty())
        return;
    if (kind == MetricKind::Connection || kind == MetricKind::Streaming) {
        for (int granularity : RollupPlan::Granularities) {
            const RollupKey bucket { granularity, RollupPlan::floorTo(ms, granularity * qint64(1000)) };
            m_fleet.add(bucket, record.metrics);
            m_sessions.add({ bucket, analyticsId }, record.metrics);
        }
    }

    // An hour row has a bit per minute, a day row a bit per hour.
    const qint64 hour = RollupPlan::floorTo(ms, RollupPlan::HourMs);
    const qint64 day = RollupPlan::floorTo(ms, RollupPlan::DayMs);
    const qint64 minuteBit = qint64(1) << ((ms - hour) / RollupPlan::MinuteMs);
    const qint64 hourBit = qint64(1) << ((ms - day) / RollupPlan::HourMs);
    auto seen = [&](PresenceKind presence, const QString &sessionKey, const QString &entity) {
        for (const auto &[key, bit] :
            { std::pair { PresenceKey { presence, 3600, hour, sessionKey, entity }, minuteBit },
                std::pair { PresenceKey { presence, 86400, day, sessionKey, entity }, hourBit } }) {
            const auto written = m_writtenBits.find(key);
            if (written == m_writtenBits.end() || !(written->second & bit))
                m_newBits[key] |= bit;
        }
    };
    seen(PresenceKind::Session, analyticsId, analyticsId);
    seen(PresenceKind::User, QString(), sessionUser);
    if (const auto *c = std::get_if<ConnectionMetrics>(&record.metrics)) {
        seen(PresenceKind::Peer, QString(), c->peerId);
        seen(PresenceKind::Connection, analyticsId, c->connectionId);
        seen(PresenceKind::SessionPeer, analyticsId, c->peerId + u'/' + spelling(c->connectionType));
    } else if (const auto *s = std::get_if<StreamingMetrics>(&record.metrics)) {
        seen(PresenceKind::Stream, QString(), s->streamId);
        seen(PresenceKind::SessionStream, analyticsId, s->streamId);
        if (s->endTime)
            seen(PresenceKind::EndedStream, QString(), s->streamId);
    }
}

QList<std::pair<PresenceKey, qint64>> RollupStaging::presenceToWrite() const
{
    return QList<std::pair<PresenceKey, qint64>>(m_newBits.cbegin(), m_newBits.cend());
}

void RollupStaging::commit()
{
    m_fleet.commit();
    m_sessions.commit();
    for (const auto &[key, bits] : m_newBits)
        m_writtenBits[key] |= bits;
    m_newestMs = std::max(m_newestMs, m_pendingNewestMs);
    discard();
    const qint64 cutoff = RollupPlan::floorTo(m_newestMs, RollupPlan::HourMs) - s_keptMs;
    if (cutoff > m_forgottenBefore) {
        m_forgottenBefore = cutoff;
        m_fleet.forget(cutoff);
        m_sessions.forget(cutoff);
        std::erase_if(m_writtenBits, [cutoff](const auto &entry) {
            return entry.first.bucketStart + entry.first.spanSeconds * qint64(1000) <= cutoff;
        });
    }
}

void RollupStaging::discard()
{
    m_fleet.discard();
    m_sessions.discard();
    m_newBits.clear();
    m_pendingNewestMs = std::numeric_limits<qint64>::min();
}
