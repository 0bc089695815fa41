#pragma once

#include "loadsender.h"
#include "scenario.h"
#include "simulatedpeer.h"

#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <vector>

/** What one run of the simulator does: vibestream-simulate's options. */
struct SimulationOptions
{
    QUrl url; // the console, e.g. http://127.0.0.1:8080
    int peers = 100;
    int durationSeconds = 60;
    Scenario scenario { Scenario::Kind::Steady };
    double intervalSeconds = 5; // each peer reports this often
    int batch = 1; // records per request: 1 posts each to its own endpoint, more go through /batch
    quint64 seed = 1;
    int maxInFlight = 32;
};

/**
 * Runs the simulated peers against a console in real time: every peer reports on its interval (their
 * phases spread over it), two simulated media nodes report their system metrics, the scenario decides
 * who is online and under which conditions, and the records go out as single-record or batch POSTs.
 * Prints a progress line every second and a summary at the end; finished(exitCode) tells whether any
 * request failed.
 */
class Simulation : public QObject
{
    Q_OBJECT
public:
    Simulation(
        const SimulationOptions &options, QTextStream &progress, QTextStream &summary, QObject *parent = nullptr);

    void start();

signals:
    void finished(int exitCode);

private:
    void tick();
    void report(int peer, double progress, const QDateTime &now);
    void queue(const QList<Metrics> &records);
    void flush();
    // Posts the first `count` pending records: one request each, or one batch.
    void send(qsizetype count);
    void printProgress();
    void finish();

    SimulationOptions m_options;
    QTextStream &m_progress;
    QTextStream &m_summary;
    LoadSender m_sender;
    std::vector<SimulatedPeer> m_peers;
    std::vector<qint64> m_nextReportMs; // per peer, since the start
    qint64 m_nextNodeReportMs = 0;
    QList<Metrics> m_pending;
    qint64 m_pendingSinceMs = 0;
    QTimer m_ticks;
    QTimer m_progressTimer;
    QElapsedTimer m_clock;
    qint64 m_records = 0;
    qint64 m_lastSent = 0;
    bool m_ending = false;
};
