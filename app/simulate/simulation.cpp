#include "simulation.h"

#include "domain/metricscodec.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {

QString endpointOf(MetricKind kind)
{
    return u"/api/p2p/analytics/" + spelling(kind) + u"-metrics";
}

} // namespace

Simulation::Simulation(const SimulationOptions &options, QTextStream &progress, QTextStream &summary, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_progress(progress)
    , m_summary(summary)
    , m_sender(options.maxInFlight)
{
    const qint64 intervalMs = qint64(options.intervalSeconds * 1000);
    m_peers.reserve(std::size_t(options.peers));
    for (int i = 0; i < options.peers; ++i) {
        m_peers.emplace_back(i, options.seed);
        m_nextReportMs.push_back(intervalMs * i / std::max(1, options.peers)); // phases spread over the interval
    }
    m_ticks.setInterval(20);
    connect(&m_ticks, &QTimer::timeout, this, &Simulation::tick);
    m_progressTimer.setInterval(1000);
    connect(&m_progressTimer, &QTimer::timeout, this, &Simulation::printProgress);
}

void Simulation::start()
{
    m_clock.start();
    m_ticks.start();
    m_progressTimer.start();
    tick();
}

void Simulation::tick()
{
    const qint64 elapsedMs = m_clock.elapsed();
    const qint64 durationMs = qint64(m_options.durationSeconds) * 1000;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (elapsedMs >= durationMs)
        return finish();
    const double progress = double(elapsedMs) / double(durationMs);
    const qint64 intervalMs = qint64(m_options.intervalSeconds * 1000);
    for (int peer = 0; peer < m_options.peers; ++peer) {
        if (m_nextReportMs[std::size_t(peer)] > elapsedMs)
            continue;
        m_nextReportMs[std::size_t(peer)] += intervalMs;
        report(peer, progress, now);
    }
    if (m_nextNodeReportMs <= elapsedMs) {
        m_nextNodeReportMs += intervalMs;
        // Two media nodes whose load follows the peers online.
        int online = 0;
        for (const SimulatedPeer &peer : m_peers)
            online += peer.inSession() ? 1 : 0;
        const double load = double(online) / double(std::max(1, m_options.peers));
        for (int node = 1; node <= 2; ++node) {
            SystemMetrics m;
            m.nodeId = QStringLiteral("sim-node-%1").arg(node);
            m.cpuUsagePercent = std::min(100.0, 12 + 70 * load + 3 * node);
            m.memoryUsageMb = 900 + 2.5 * online;
            m.networkThroughputMbps = 4.0 * online;
            m.activeStreams = quint32(online / 2);
            m.totalPeers = quint32(online);
            m.averageLatencyMs = 60;
            m.errorRatePercent = m_options.scenario.isDegrading(0, m_options.peers, progress) ? 12 : 0.5;
            m.transcodingJobsActive = quint32(1 + online / 40);
            m.transcodingJobsCompleted = quint32(elapsedMs / 60'000);
            m.transcodingJobsFailed = 0;
            queue({ m });
        }
    }
    flush();
}

void Simulation::report(int peer, double progress, const QDateTime &now)
{
    SimulatedPeer &simulated = m_peers[std::size_t(peer)];
    if (!m_options.scenario.isOnline(peer, m_options.peers, progress))
        return queue(simulated.leave(now));
    queue(simulated.report(
        now, m_options.intervalSeconds, m_options.scenario.conditionsFor(peer, m_options.peers, progress)));
}

void Simulation::queue(const QList<Metrics> &records)
{
    if (records.isEmpty())
        return;
    if (m_pending.isEmpty())
        m_pendingSinceMs = m_clock.elapsed();
    m_records += records.size();
    m_pending += records;
    while (m_options.batch > 1 && m_pending.size() >= m_options.batch)
        send(m_options.batch);
}

void Simulation::flush()
{
    // Single records go at once; a batch waits to fill, but no record waits longer than a report
    // interval (a second at most), as the console stamps each with the time it arrives.
    if (m_options.batch <= 1) {
        send(m_pending.size());
        return;
    }
    const qint64 maxWaitMs = std::min<qint64>(1000, qint64(m_options.intervalSeconds * 1000));
    if (!m_pending.isEmpty() && (m_ending || m_clock.elapsed() - m_pendingSinceMs >= maxWaitMs))
        send(m_pending.size());
}

void Simulation::send(qsizetype count)
{
    if (m_options.batch <= 1) {
        for (qsizetype i = 0; i < count; ++i) {
            QUrl url = m_options.url;
            url.setPath(endpointOf(kindOf(m_pending.at(i))));
            m_sender.post(url, QJsonDocument(MetricsCodec::encode(m_pending.at(i))).toJson(QJsonDocument::Compact));
        }
    } else {
        QJsonArray records;
        for (qsizetype i = 0; i < count; ++i) {
            QJsonObject record = MetricsCodec::encode(m_pending.at(i));
            record.insert(QStringLiteral("kind"), spelling(kindOf(m_pending.at(i))));
            records.append(record);
        }
        QUrl url = m_options.url;
        url.setPath(QStringLiteral("/api/p2p/analytics/batch"));
        m_sender.post(
            url, QJsonDocument(QJsonObject { { QStringLiteral("records"), records } }).toJson(QJsonDocument::Compact));
    }
    m_pending.remove(0, count);
    m_pendingSinceMs = m_clock.elapsed();
}

void Simulation::printProgress()
{
    const double seconds = double(m_clock.elapsed()) / 1000;
    const qint64 sent = m_sender.sent();
    m_progress << QStringLiteral("[%1 s] sent %2 ok %3 errors %4 rate %5 req/s p99 %6 ms")
                      .arg(qint64(seconds), 4)
                      .arg(sent)
                      .arg(m_sender.succeeded())
                      .arg(m_sender.failed())
                      .arg(sent - m_lastSent)
                      .arg(m_sender.recentLatencyPercentile(0.99), 0, 'f', 1)
               << Qt::endl;
    m_lastSent = sent;
}

void Simulation::finish()
{
    if (m_ending)
        return;
    m_ending = true;
    m_ticks.stop();
    // The sessions still open end with the run.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (SimulatedPeer &peer : m_peers)
        queue(peer.leave(now));
    flush();
    auto done = [this] {
        m_progressTimer.stop();
        const double seconds = double(m_clock.elapsed()) / 1000;
        m_summary << QStringLiteral("%1 peers, %2 s, scenario %3: %4 records in %5 requests, %6 answered 2xx, "
                                    "%7 failed; %8 req/s; latency p50 %9 ms, p99 %10 ms")
                         .arg(m_options.peers)
                         .arg(seconds, 0, 'f', 1)
                         .arg(Scenario::nameOf(m_options.scenario.kind()))
                         .arg(m_records)
                         .arg(m_sender.sent())
                         .arg(m_sender.succeeded())
                         .arg(m_sender.failed())
                         .arg(double(m_sender.sent()) / seconds, 0, 'f', 0)
                         .arg(m_sender.latencyPercentile(0.5), 0, 'f', 1)
                         .arg(m_sender.latencyPercentile(0.99), 0, 'f', 1)
                  << Qt::endl;
        if (m_sender.failed() > 0)
            m_summary << QStringLiteral("First failure: ") << m_sender.firstFailure() << Qt::endl;
        emit finished(m_sender.failed() > 0 ? 1 : 0);
    };
    if (m_sender.isIdle())
        return done();
    connect(&m_sender, &LoadSender::idle, this, done);
}
