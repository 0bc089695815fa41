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

// The bucket of the given granularity that holds a minute bucket.
RollupKey parentOf(const RollupKey &minute, int granularitySeconds)
{
    return { granularitySeconds, RollupPlan::floorTo(minute.start, granularitySeconds * qint64(1000)) };
}
SessionRollupKey parentOf(const SessionRollupKey &minute, int granularitySeconds)
{
    return { parentOf(minute.bucket, granularitySeconds), minute.analyticsId };
}

} // namespace

void SessionRollup::add(const Metrics &sample)
{
    if (const auto *m = std::get_if<ConnectionMetrics>(&sample)) {
        const double score = EModel::mos(m->latencyMs, m->jitterMs, m->packetLossPercent);
        mos.add(score, connectionSamples == 0);
        mosHistogram.add(MosHistogram::binOf(score));
        ++connectionSamples;
        qualityScoreSum += QualityScale::score(m->connectionQuality);
        successfulSamples += m->isSuccessful() ? 1 : 0;
        mosSum += score;
    } else if (const auto *s = std::get_if<StreamingMetrics>(&sample)) {
        ++streamingSamples;
        streamingSeconds += s->durationSeconds;
    }
}

void SessionRollup::merge(const SessionRollup &o)
{
    mos.merge(o.mos, connectionSamples > 0, o.connectionSamples > 0);
    mosHistogram.merge(o.mosHistogram);
    connectionSamples += o.connectionSamples;
    qualityScoreSum += o.qualityScoreSum;
    successfulSamples += o.successfulSamples;
    mosSum += o.mosSum;
    streamingSamples += o.streamingSamples;
    streamingSeconds += o.streamingSeconds;
}

template<typename Key, typename State> const std::map<Key, State> &RollupStaging::States<Key, State>::deltas() const
{
    if (m_deltas.empty()) {
        for (const auto &[minute, delta] : m_minutes) {
            for (int granularity : RollupPlan::Granularities) {
                if (granularity * qint64(1000) <= m_coarsestMs)
                    m_deltas[parentOf(minute, granularity)].merge(delta);
            }
        }
    }
    return m_deltas;
}

template<typename Key, typename State>
QList<Key> RollupStaging::States<Key, State>::unknown(qint64 forgottenBefore) const
{
    QList<Key> keys;
    for (const auto &[key, delta] : deltas()) {
        if (endOf(key) <= forgottenBefore && !m_written.contains(key) && !m_loaded.contains(key))
            keys.append(key);
    }
    return keys;
}

template<typename Key, typename State> QList<std::pair<Key, State>> RollupStaging::States<Key, State>::toWrite() const
{
    QList<std::pair<Key, State>> states;
    states.reserve(qsizetype(deltas().size()));
    for (const auto &[key, delta] : deltas()) {
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
    m_minutes.clear();
    m_deltas.clear();
    m_loaded.clear();
}

template<typename Key, typename State> void RollupStaging::States<Key, State>::forget(qint64 before)
{
    std::erase_if(m_written, [before](const auto &entry) { return endOf(entry.first) <= before; });
}

std::optional<std::pair<QString, QString>> presenceOf(
    PresenceKind kind, const Metrics &sample, const QString &analyticsId, const QString &sessionUser)
{
    const auto *c = std::get_if<ConnectionMetrics>(&sample);
    const auto *s = std::get_if<StreamingMetrics>(&sample);
    switch (kind) {
    case PresenceKind::Session:
        return std::pair { analyticsId, analyticsId };
    case PresenceKind::User:
        return std::pair { QString(), sessionUser };
    case PresenceKind::Peer:
        return c ? std::optional(std::pair { QString(), c->peerId }) : std::nullopt;
    case PresenceKind::Connection:
        return c ? std::optional(std::pair { analyticsId, c->connectionId }) : std::nullopt;
    case PresenceKind::SessionPeer:
        return c ? std::optional(std::pair { analyticsId, c->peerId + u'/' + spelling(c->connectionType) })
                 : std::nullopt;
    case PresenceKind::Stream:
        return s ? std::optional(std::pair { QString(), s->streamId }) : std::nullopt;
    case PresenceKind::SessionStream:
        return s ? std::optional(std::pair { analyticsId, s->streamId }) : std::nullopt;
    case PresenceKind::EndedStream:
        return s && s->endTime ? std::optional(std::pair { QString(), s->streamId }) : std::nullopt;
    }
    Q_UNREACHABLE();
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
        const RollupKey minute { 60, RollupPlan::floorTo(ms, RollupPlan::MinuteMs) };
        m_fleet.add(minute, record.metrics);
        m_sessions.add({ minute, analyticsId }, record.metrics);
    }

    // An hour row has a bit per minute, a day row a bit per hour.
    const qint64 hour = RollupPlan::floorTo(ms, RollupPlan::HourMs);
    const qint64 day = RollupPlan::floorTo(ms, RollupPlan::DayMs);
    const qint64 minuteBit = qint64(1) << ((ms - hour) / RollupPlan::MinuteMs);
    const qint64 hourBit = qint64(1) << ((ms - day) / RollupPlan::HourMs);
    // The day row's bit is set whenever the hour row's is: a minute known to be written needs neither.
    auto seen = [&](PresenceKind presence, const QString &sessionKey, const QString &entity) {
        PresenceKey key { presence, 3600, hour, sessionKey, entity };
        if (m_writtenBits.value(key) & minuteBit)
            return;
        m_newBits[key] |= minuteBit;
        key.spanSeconds = 86400;
        key.bucketStart = day;
        m_newBits[key] |= hourBit;
    };
    for (const PresenceKind presence : AllPresenceKinds) {
        if (const auto entity = presenceOf(presence, record.metrics, analyticsId, sessionUser))
            seen(presence, entity->first, entity->second);
    }
}

QList<std::pair<PresenceKey, qint64>> RollupStaging::presenceToWrite() const
{
    QList<std::pair<PresenceKey, qint64>> rows;
    rows.reserve(m_newBits.size());
    for (auto it = m_newBits.cbegin(); it != m_newBits.cend(); ++it)
        rows.append({ it.key(), it.value() });
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return rows;
}

void RollupStaging::commit()
{
    m_fleet.commit();
    m_sessions.commit();
    for (auto it = m_newBits.cbegin(); it != m_newBits.cend(); ++it)
        m_writtenBits[it.key()] |= it.value();
    m_newestMs = std::max(m_newestMs, m_pendingNewestMs);
    discard();
    const qint64 cutoff = RollupPlan::floorTo(m_newestMs, RollupPlan::HourMs) - s_keptMs;
    if (cutoff > m_forgottenBefore) {
        m_forgottenBefore = cutoff;
        m_fleet.forget(cutoff);
        m_sessions.forget(cutoff);
        m_writtenBits.removeIf([cutoff](const auto &entry) {
            return entry.key().bucketStart + entry.key().spanSeconds * qint64(1000) <= cutoff;
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
