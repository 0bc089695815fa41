#include "simulatedpeer.h"

#include "domain/emodel.h"

#include <cmath>

namespace {

constexpr double MeanSessionSeconds = 600;
constexpr double MeanPauseSeconds = 30;
constexpr double MaxBufferSeconds = 30;
constexpr double FramesPerSecond = 30;

} // namespace

const std::array<SimulatedPeer::Level, 5> SimulatedPeer::Ladder { {
    { QualityLevel::Low, 400, 640, 360 },
    { QualityLevel::SD, 1200, 854, 480 },
    { QualityLevel::HD, 3000, 1280, 720 },
    { QualityLevel::FullHD, 6000, 1920, 1080 },
    { QualityLevel::UltraHD, 15000, 3840, 2160 },
} };

SimulatedPeer::SimulatedPeer(int index, quint64 seed)
    : m_index(index)
    , m_random(seed * 1'000'003 + quint64(index))
    , m_peerId(QStringLiteral("sim-peer-%1").arg(index))
    , m_userId(QStringLiteral("sim-user-%1").arg(index / 2)) // a user watches on two devices
{
    const double pick = uniform();
    m_type = pick < 0.7 ? ConnectionType::WebRTC : pick < 0.9 ? ConnectionType::Relay : ConnectionType::Direct;
    const double typical = m_type == ConnectionType::Relay ? 110 : m_type == ConnectionType::Direct ? 25 : 45;
    m_medianLatencyMs = typical * std::lognormal_distribution<double>(0, 0.35)(m_random);
    m_capacityMbps = 8 * std::lognormal_distribution<double>(0, 0.6)(m_random);
}

void SimulatedPeer::startSession(const QDateTime &now)
{
    ++m_sessions;
    m_sessionId = QStringLiteral("sim-session-%1-%2").arg(m_index).arg(m_sessions);
    m_sessionStart = now;
    const double lasts = std::exponential_distribution<double>(1 / MeanSessionSeconds)(m_random);
    m_sessionEnd = now.addMSecs(qint64(1000 * std::max(20.0, lasts)));
    m_bufferSeconds = 0;
    m_level = 2;
    m_headroomReports = 0;
    m_switchesSinceReport = 0;
}

QList<Metrics> SimulatedPeer::leave(const QDateTime &now)
{
    if (!inSession())
        return {};
    const Level &level = Ladder.at(m_level);
    QList<Metrics> last { streamingSample(now, 0, level.bitrateKbps / 1000.0, 0, true) };
    m_sessionId.clear();
    const double pause = std::exponential_distribution<double>(1 / MeanPauseSeconds)(m_random);
    m_pausedUntil = now.addMSecs(qint64(1000 * pause));
    return last;
}

QList<Metrics> SimulatedPeer::report(const QDateTime &now, double intervalSeconds, const NetworkConditions &conditions)
{
    if (!inSession()) {
        if (m_pausedUntil.isValid() && now < m_pausedUntil)
            return {};
        startSession(now);
    }
    if (now >= m_sessionEnd)
        return leave(now);
    ++m_reports;

    // Bursty loss: rare bad spells that last a few reports.
    m_badChannel = m_badChannel ? uniform() >= 0.35 : uniform() < 0.02;
    const double latency = std::max(
        1.0, m_medianLatencyMs * std::lognormal_distribution<double>(0, 0.3)(m_random) + conditions.extraLatencyMs);
    const double jitter
        = latency * 0.08 * std::lognormal_distribution<double>(0, 0.4)(m_random) + (m_badChannel ? 15 : 0);
    const double ownLoss = m_badChannel ? 4 + 11 * uniform() : 0.6 * uniform();
    const double loss = std::clamp(ownLoss + conditions.extraLossPercent, 0.0, 100.0);
    const double bandwidth = m_capacityMbps * std::lognormal_distribution<double>(0, 0.2)(m_random)
        * conditions.bandwidthFactor * (1 - loss / 100);
    const bool failed = uniform() < conditions.failureChance;

    ConnectionMetrics connection { m_sessionId, m_userId, m_sessionId + QStringLiteral("-c"), m_peerId, m_type,
        quint32(std::lround(latency)), bandwidth, loss, quint32(std::lround(jitter)),
        EModel::qualityFromMos(EModel::mos(latency, jitter, loss)),
        failed ? QStringLiteral("disconnected") : QStringLiteral("connected"), QStringLiteral("connected") };
    QList<Metrics> samples { connection, streamingSample(now, intervalSeconds, bandwidth, loss, false) };

    const double bytes = bandwidth * 1e6 / 8 * intervalSeconds;
    m_bytesReceived += quint64(bytes);
    m_bytesSent += quint64(bytes / 20); // acknowledgements and relaying
    if (m_reports % 6 == 0) {
        NetworkMetrics network { m_sessionId, m_userId, m_peerId, m_bytesSent, m_bytesReceived, 1, 8,
            quint32(failed ? 1 : 0), quint32(m_reports), quint32(failed ? 1 : 0), bandwidth };
        samples.append(network);
    }
    return samples;
}

StreamingMetrics SimulatedPeer::streamingSample(
    const QDateTime &now, double intervalSeconds, double bandwidthMbps, double lossPercent, bool ends)
{
    // The player picks the highest rung the bandwidth carries with a margin: down at once, up only
    // after three reports of headroom.
    const double kbps = bandwidthMbps * 1000;
    std::size_t fits = 0;
    while (fits + 1 < Ladder.size() && Ladder.at(fits + 1).bitrateKbps <= 0.85 * kbps)
        ++fits;
    if (fits < m_level) {
        m_level = fits;
        ++m_switchesSinceReport;
        m_headroomReports = 0;
    } else if (fits > m_level && ++m_headroomReports >= 3) {
        ++m_level;
        ++m_switchesSinceReport;
        m_headroomReports = 0;
    }
    const Level &level = Ladder.at(m_level);
    // Downloaded seconds of video against played seconds.
    m_bufferSeconds
        = std::clamp(m_bufferSeconds + intervalSeconds * (kbps / level.bitrateKbps - 1), 0.0, MaxBufferSeconds);
    const auto total = quint32(std::lround(FramesPerSecond * intervalSeconds));
    const double dropShare = std::min(0.5, 2 * lossPercent / 100) + (m_bufferSeconds < 0.5 ? 0.2 : 0);
    StreamingMetrics s;
    s.sessionId = m_sessionId;
    s.userId = m_userId;
    s.streamId = m_sessionId + QStringLiteral("-s");
    s.contentId = QStringLiteral("sim-content-%1").arg(m_index % 25);
    s.qualityLevel = level.level;
    s.bitrateKbps = level.bitrateKbps;
    s.frameRate = float(FramesPerSecond * (1 - dropShare));
    s.resolutionWidth = level.width;
    s.resolutionHeight = level.height;
    s.bufferLevelSeconds = float(m_bufferSeconds);
    s.totalFrames = total;
    s.droppedFrames = std::min(total, quint32(std::lround(total * dropShare)));
    s.adaptiveSwitches = std::exchange(m_switchesSinceReport, 0);
    s.startTime = m_sessionStart;
    if (ends)
        s.endTime = now;
    s.durationSeconds = intervalSeconds;
    return s;
}
