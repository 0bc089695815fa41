#pragma once

#include "scenario.h"

#include "domain/metrics.h"

#include <random>

/**
 * One simulated peer and the sessions it streams in, reporting what VibeStream's player would:
 * a connection sample and a streaming sample per report, network counters every sixth.
 *
 * The peer has a connection type (WebRTC 70 %, Relay 20 %, Direct 10 %), a log-normal latency around
 * its type's typical round trip, jitter that follows latency, bursty packet loss (a two-state
 * Gilbert-Elliott channel: rare bad spells of heavy loss), and a log-normal bandwidth. Its player
 * climbs and descends the quality ladder with the bandwidth it gets (adaptive switches), fills and
 * drains its buffer accordingly (underruns when the bitrate outruns the bandwidth), and drops frames
 * with the loss. Sessions last an exponential time (10 minutes on average), end with an end_time, and
 * the peer starts a new one after a short pause.
 */
class SimulatedPeer
{
public:
    SimulatedPeer(int index, quint64 seed);

    // The samples of one report `intervalSeconds` after the last, under `conditions`. Nothing while
    // the peer pauses between sessions.
    QList<Metrics> report(const QDateTime &now, double intervalSeconds, const NetworkConditions &conditions);
    // Ends the current session (the peer goes offline): its last streaming sample, with an end_time.
    QList<Metrics> leave(const QDateTime &now);
    bool inSession() const { return !m_sessionId.isEmpty(); }

private:
    struct Level
    {
        QualityLevel level;
        quint32 bitrateKbps;
        quint32 width;
        quint32 height;
    };
    static const std::array<Level, 5> Ladder; // lowest first

    void startSession(const QDateTime &now);
    StreamingMetrics streamingSample(
        const QDateTime &now, double intervalSeconds, double bandwidthMbps, double lossPercent, bool ends);
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_random); }

    int m_index;
    std::mt19937_64 m_random;
    QString m_peerId;
    QString m_userId;
    ConnectionType m_type;
    double m_medianLatencyMs;
    double m_capacityMbps;

    QString m_sessionId;
    QDateTime m_sessionStart;
    QDateTime m_sessionEnd;
    QDateTime m_pausedUntil;
    int m_sessions = 0;
    int m_reports = 0;
    bool m_badChannel = false;
    std::size_t m_level = 2; // HD
    int m_headroomReports = 0;
    quint32 m_switchesSinceReport = 0;
    double m_bufferSeconds = 0;
    quint64 m_bytesSent = 0;
    quint64 m_bytesReceived = 0;
};
