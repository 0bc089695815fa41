#pragma once

#include "rollupbucket.h"
#include "rollupplan.h"

#include <QString>

#include <map>
#include <tuple>

/** Whose presence p2p_presence records. */
enum class PresenceKind {
    Session, // the aggregate id of any connection, streaming or network sample
    User, // the user the sample's session belongs to
    Peer, // peer_id of connection samples
    Connection, // session_id/connection_id of connection samples
    Stream, // stream_id of streaming samples
    EndedStream, // stream_id of streaming samples that carry an end_time
};

/** A rollup row of this writer: p2p_rollups' (granularity_seconds, bucket_start). */
struct RollupKey
{
    int granularitySeconds = 60;
    qint64 start = 0;

    friend auto operator<=>(const RollupKey &, const RollupKey &) = default;
};

/** A presence row: p2p_presence's (kind, hour_start, entity_key). */
struct PresenceKey
{
    PresenceKind kind = PresenceKind::Session;
    qint64 hourStart = 0;
    QString entity;

    friend bool operator<(const PresenceKey &a, const PresenceKey &b)
    {
        return std::tie(a.kind, a.hourStart, a.entity) < std::tie(b.kind, b.hourStart, b.entity);
    }
};

/**
 * What one writer adds to the rollups: the batch being stored, and the state of the buckets it wrote
 * before. A rollup row of a writer is written by that writer alone, so its whole state can be written
 * at once (histograms included) without reading it back; the state of recent buckets is kept here,
 * that of older ones is read from the database when a late sample reaches them. Presence bits are
 * OR-ed in by the database; the bits known to be written already are kept so as to skip rewriting them.
 *
 * Pending changes become the known state only once their transaction committed.
 */
class RollupStaging
{
public:
    static constexpr std::array<int, 2> Granularities { 60, 3600 };

    // Adds a sample of the batch; `analyticsId` is its session's aggregate and `sessionUser` the user
    // that aggregate belongs to (both empty for a node's system report).
    void stage(const MetricRecord &record, const QString &analyticsId, const QString &sessionUser);
    bool isEmpty() const { return m_deltas.empty() && m_newBits.empty(); }

    // Buckets the batch touches whose earlier state is not known here and may be in the database.
    QList<RollupKey> unknownStates() const;
    // Their state as read from the database (an empty bucket when it has no row).
    void setStoredState(const RollupKey &key, const RollupBucket &bucket);
    // The state each touched bucket has once the batch is added; call after every unknown state was set.
    QList<std::pair<RollupKey, RollupBucket>> statesToWrite() const;
    // Presence bits the batch adds to those known to be written.
    QList<std::pair<PresenceKey, qint64>> presenceToWrite() const;

    void commit(); // the batch is in the database
    void discard(); // it is not

private:
    void forgetOldState(qint64 newestMs);

    std::map<RollupKey, RollupBucket> m_deltas;
    std::map<PresenceKey, qint64> m_newBits;
    std::map<RollupKey, RollupBucket> m_loaded;

    std::map<RollupKey, RollupBucket> m_written;
    std::map<PresenceKey, qint64> m_writtenBits;
    // Buckets starting before this may have rows this writer no longer keeps in memory.
    qint64 m_forgottenBefore = std::numeric_limits<qint64>::min();
    qint64 m_newestMs = std::numeric_limits<qint64>::min();
    qint64 m_pendingNewestMs = std::numeric_limits<qint64>::min();
};
