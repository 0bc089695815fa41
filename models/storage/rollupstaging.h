#pragma once

#include "rollupbucket.h"
#include "rollupplan.h"

#include <QHash>
#include <QString>

#include <array>
#include <map>
#include <optional>
#include <tuple>

/** Whose presence p2p_presence records; session-scoped kinds name the session's aggregate too. */
enum class PresenceKind {
    Session, // the aggregate id of any connection, streaming or network sample
    User, // the user the sample's session belongs to
    Peer, // peer_id of connection samples
    Connection, // connection_id of connection samples, per session
    Stream, // stream_id of streaming samples
    EndedStream, // stream_id of streaming samples that carry an end_time
    SessionStream, // stream_id of streaming samples, per session
    SessionPeer, // peer_id and connection type of connection samples, per session
};
inline constexpr std::array<PresenceKind, 8> AllPresenceKinds { PresenceKind::Session, PresenceKind::User,
    PresenceKind::Peer, PresenceKind::Connection, PresenceKind::Stream, PresenceKind::EndedStream,
    PresenceKind::SessionStream, PresenceKind::SessionPeer };

/**
 * What a connection, streaming or network sample is seen as in p2p_presence under a kind, if anything:
 * (session_key, entity_key). `analyticsId` is its session's aggregate, `sessionUser` that aggregate's
 * user. The writer records this of every sample it stores, the readers count it of raw samples.
 */
std::optional<std::pair<QString, QString>> presenceOf(
    PresenceKind kind, const Metrics &sample, const QString &analyticsId, const QString &sessionUser);

/** A fleet rollup row of this writer: p2p_rollups' (granularity_seconds, bucket_start). */
struct RollupKey
{
    int granularitySeconds = 60;
    qint64 start = 0;

    friend auto operator<=>(const RollupKey &, const RollupKey &) = default;
};

/** A session rollup row of this writer: p2p_session_rollups' (granularity_seconds, bucket_start, analytics_id). */
struct SessionRollupKey
{
    RollupKey bucket;
    QString analyticsId;

    friend bool operator<(const SessionRollupKey &a, const SessionRollupKey &b)
    {
        return std::tie(a.bucket, a.analyticsId) < std::tie(b.bucket, b.analyticsId);
    }
};

/** What a session's figures need from its samples of one bucket. */
struct SessionRollup
{
    qint64 connectionSamples = 0;
    qint64 qualityScoreSum = 0;
    qint64 successfulSamples = 0;
    double mosSum = 0;
    qint64 streamingSamples = 0;
    double streamingSeconds = 0;
    MosHistogram mosHistogram; // so that a user's MOS percentiles need no raw rows
    Extremes<double> mos;

    void add(const Metrics &sample);
    void merge(const SessionRollup &other);
    friend bool operator==(const SessionRollup &, const SessionRollup &) = default;
};

/** A presence row: p2p_presence's (kind, span_seconds, bucket_start, session_key, entity_key). */
struct PresenceKey
{
    PresenceKind kind = PresenceKind::Session;
    int spanSeconds = 3600;
    qint64 bucketStart = 0;
    QString sessionKey; // the aggregate id for sessions and session-scoped kinds, else empty
    QString entity;

    friend bool operator<(const PresenceKey &a, const PresenceKey &b)
    {
        return std::tie(a.kind, a.spanSeconds, a.bucketStart, a.sessionKey, a.entity)
            < std::tie(b.kind, b.spanSeconds, b.bucketStart, b.sessionKey, b.entity);
    }
};

inline size_t qHash(const PresenceKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.kind), key.spanSeconds, key.bucketStart, key.sessionKey, key.entity);
}
inline bool operator==(const PresenceKey &a, const PresenceKey &b)
{
    return a.kind == b.kind && a.spanSeconds == b.spanSeconds && a.bucketStart == b.bucketStart
        && a.sessionKey == b.sessionKey && a.entity == b.entity;
}

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
    // Bucket states of one table: the batch's additions, and what was written and committed before.
    template<typename Key, typename State> class States
    {
    public:
        // Keeps the rollup granularities up to `coarsestMs`.
        explicit States(qint64 coarsestMs)
            : m_coarsestMs(coarsestMs)
        { }

        // Adds a sample to its minute; the coarser buckets are added up from the minutes on writing.
        void add(const Key &minute, const Metrics &sample)
        {
            m_minutes[minute].add(sample);
            m_deltas.clear();
        }
        // Buckets the batch touches whose earlier state is not known here and may be in the database.
        QList<Key> unknown(qint64 forgottenBefore) const;
        // Their state as read from the database (an empty state when it has no row).
        void setStored(const Key &key, const State &state) { m_loaded[key] = state; }
        // The state each touched bucket has once the batch is added; after every unknown state was set.
        QList<std::pair<Key, State>> toWrite() const;
        void commit();
        void discard();
        void forget(qint64 before);
        bool isEmpty() const { return m_minutes.empty(); }

    private:
        // The batch's additions to every bucket it touches, at every granularity.
        const std::map<Key, State> &deltas() const;

        qint64 m_coarsestMs;
        std::map<Key, State> m_minutes;
        mutable std::map<Key, State> m_deltas;
        std::map<Key, State> m_loaded;
        std::map<Key, State> m_written;
    };

    // Adds a sample of the batch; `analyticsId` is its session's aggregate and `sessionUser` the user
    // that aggregate belongs to.
    void stage(const MetricRecord &record, const QString &analyticsId, const QString &sessionUser);
    bool isEmpty() const { return m_fleet.isEmpty() && m_sessions.isEmpty() && m_newBits.isEmpty(); }

    QList<RollupKey> unknownFleetStates() const { return m_fleet.unknown(m_forgottenBefore); }
    QList<SessionRollupKey> unknownSessionStates() const { return m_sessions.unknown(m_forgottenBefore); }
    States<RollupKey, RollupBucket> &fleet() { return m_fleet; }
    States<SessionRollupKey, SessionRollup> &sessions() { return m_sessions; }
    // Presence bits the batch adds to those known to be written, sorted by key: writers sharing a
    // database then lock rows in one order and cannot deadlock.
    QList<std::pair<PresenceKey, qint64>> presenceToWrite() const;

    void commit(); // the batch is in the database
    void discard(); // it is not

private:
    States<RollupKey, RollupBucket> m_fleet { RollupPlan::DayMs };
    States<SessionRollupKey, SessionRollup> m_sessions { RollupPlan::SessionCoarsestMs };
    QHash<PresenceKey, qint64> m_newBits;
    QHash<PresenceKey, qint64> m_writtenBits;
    // Buckets ending before this may have rows this writer no longer keeps in memory.
    qint64 m_forgottenBefore = std::numeric_limits<qint64>::min();
    qint64 m_newestMs = std::numeric_limits<qint64>::min();
    qint64 m_pendingNewestMs = std::numeric_limits<qint64>::min();
};
