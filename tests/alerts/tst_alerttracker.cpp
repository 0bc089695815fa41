#include "alerts/alerttracker.h"
#include "alerts/rulefigures.h"

#include <QTest>

using Decision = AlertTracker::Decision;
using Observation = AlertTracker::Observation;

class TestAlertTracker : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    // HighLatency: raise at 250 ms held 60 s, clear at 200 ms held 60 s.
    const AlertRule m_rule { RuleType::HighLatency, AlertScope::Session, 250, 200, 300, 60, 1, Severity::High, true };

    // Feeds figures 10 s apart and returns the decisions, keeping `active` as an engine would.
    QList<Decision> run(AlertTracker &tracker, const QList<std::optional<double>> &figures, bool &active)
    {
        QList<Decision> decisions;
        for (qsizetype i = 0; i < figures.size(); ++i) {
            const Decision d = tracker.observe(QStringLiteral("s1"), m_rule.minimumDurationSeconds,
                AlertTracker::observationOf(m_rule, figures.at(i)), active, m_t0.addSecs(10 * i));
            if (d == Decision::Raise)
                active = true;
            if (d == Decision::Resolve)
                active = false;
            decisions.append(d);
        }
        return decisions;
    }

private slots:
    void raisesOnlyAfterTheMinimumDuration()
    {
        AlertTracker tracker;
        bool active = false;
        // Bad from 0 s: 60 s later (the 7th observation) it is raised, then updated while it stays bad.
        const QList<Decision> d = run(tracker, { 300, 300, 300, 300, 300, 300, 300, 310 }, active);
        QCOMPARE(d,
            QList<Decision>({ Decision::None, Decision::None, Decision::None, Decision::None, Decision::None,
                Decision::None, Decision::Raise, Decision::Update }));
        QVERIFY(active);
    }

    void aBreakStartsTheDurationAgain()
    {
        AlertTracker tracker;
        bool active = false;
        // 50 s bad, one figure between the thresholds, 50 s bad again: never 60 s in a row.
        const QList<Decision> d
            = run(tracker, { 300, 300, 300, 300, 300, 300, 220, 300, 300, 300, 300, 300, 300 }, active);
        QVERIFY(!d.contains(Decision::Raise));
        QVERIFY(!active);
    }

    void noFlappingBetweenTheThresholds()
    {
        AlertTracker tracker;
        bool active = false;
        QList<std::optional<double>> figures(7, 300.0); // raised at the 7th
        // Then hovering around the raise threshold but never down to the clear one: one alert, kept.
        for (int i = 0; i < 30; ++i)
            figures.append(i % 2 ? 251.0 : 240.0);
        const QList<Decision> d = run(tracker, figures, active);
        QCOMPARE(d.count(Decision::Raise), 1);
        QCOMPARE(d.count(Decision::Resolve), 0);
        QVERIFY(active);
    }

    void resolvesOnceClearForTheMinimumDuration()
    {
        AlertTracker tracker;
        bool active = false;
        QList<std::optional<double>> figures(7, 300.0);
        figures << 150.0 << 150.0 << 150.0 << 150.0 << 150.0 << 150.0; // clear for 50 s: not yet
        QList<Decision> d = run(tracker, figures, active);
        QVERIFY(active);
        QCOMPARE(d.count(Decision::Resolve), 0);
        figures << 150.0; // 60 s clear
        tracker = AlertTracker();
        active = false;
        d = run(tracker, figures, active);
        QCOMPARE(d.constLast(), Decision::Resolve);
        QVERIFY(!active);
        QCOMPARE(tracker.trackedKeys(), 0); // nothing kept for a key that is fine
    }

    void tooFewSamplesSayNothing()
    {
        AlertTracker tracker;
        bool active = false;
        const QList<Decision> d
            = run(tracker, { 300, 300, 300, std::nullopt, 300, 300, 300, 300, 300, 300, 300 }, active);
        QCOMPARE(d.indexOf(Decision::Raise), 10); // the streak restarted at 40 s: raised at 100 s
    }

    void lowIsBadRules()
    {
        const AlertRule lowMos { RuleType::LowMos, AlertScope::Global, 3.6, 3.8, 300, 0, 1, Severity::High, true };
        AlertTracker tracker;
        QCOMPARE(tracker.observe(
                     QString(), lowMos.minimumDurationSeconds, AlertTracker::observationOf(lowMos, 3.9), false, m_t0),
            Decision::None);
        QCOMPARE(tracker.observe(
                     QString(), lowMos.minimumDurationSeconds, AlertTracker::observationOf(lowMos, 3.5), false, m_t0),
            Decision::Raise); // no minimum duration: at once
        QCOMPARE(tracker.observe(
                     QString(), lowMos.minimumDurationSeconds, AlertTracker::observationOf(lowMos, 3.7), true, m_t0),
            Decision::None);
        QCOMPARE(tracker.observe(
                     QString(), lowMos.minimumDurationSeconds, AlertTracker::observationOf(lowMos, 3.8), true, m_t0),
            Decision::Resolve);
    }

    void keysAreTrackedApart()
    {
        AlertTracker tracker;
        const AlertRule now { RuleType::HighLatency, AlertScope::Session, 250, 200, 300, 0, 1, Severity::High, true };
        QCOMPARE(tracker.observe(QStringLiteral("a"), now.minimumDurationSeconds, Observation::Bad, false, m_t0),
            Decision::Raise);
        QCOMPARE(tracker.observe(QStringLiteral("b"), now.minimumDurationSeconds, Observation::Clear, false, m_t0),
            Decision::None);
        QCOMPARE(tracker.trackedKeys(), 1);
    }

    void figuresFromTotals()
    {
        GroupTotals t;
        t.connectionSamples = 4;
        t.latencySum = 400;
        t.mosSum = 16;
        t.poorSamples = 1;
        t.failedSamples = 2;
        t.successfulSamples = 3;
        t.streamingSamples = 2;
        t.bufferingSamples = 1;
        t.droppedFrames = 30;
        t.totalFrames = 600;
        t.adaptiveSwitches = 10;
        auto figure = [&](RuleType type, qint64 minimumSamples = 1) {
            AlertRule rule { type, AlertScope::Global, 1, 0, 300, 0, minimumSamples, Severity::Low, true };
            return RuleFigures::figureOf(rule, t);
        };
        QCOMPARE(figure(RuleType::HighLatency), std::optional<double>(100));
        QCOMPARE(figure(RuleType::LowMos), std::optional<double>(4));
        QCOMPARE(figure(RuleType::PoorQualityShare), std::optional<double>(25));
        QCOMPARE(figure(RuleType::ConnectionFailures), std::optional<double>(50));
        QCOMPARE(figure(RuleType::LowSuccessRate), std::optional<double>(75));
        QCOMPARE(figure(RuleType::Rebuffering), std::optional<double>(50));
        QCOMPARE(figure(RuleType::HighDroppedFrames), std::optional<double>(5));
        QCOMPARE(figure(RuleType::FrequentQualitySwitches), std::optional<double>(2)); // 10 in 5 min
        QCOMPARE(figure(RuleType::HighLatency, 5), std::optional<double>()); // 4 samples < 5
        QCOMPARE(figure(RuleType::Rebuffering, 3), std::optional<double>()); // 2 streaming samples
        QCOMPARE(RuleFigures::minutesWithoutData(m_t0, m_t0.addSecs(390)), 6.5);
    }

    void messagesNameTheEvidence()
    {
        QCOMPARE(RuleFigures::messageFor(m_rule, QStringLiteral("s1"), 312.44),
            QStringLiteral("Average latency 312.4 ms for session s1 over the last 5 min (raised at 250.0 ms, clears at "
                           "200.0 ms)"));
        const AlertRule noData { RuleType::NoData, AlertScope::Global, 5, 1, 300, 0, 1, Severity::Medium, true };
        QCOMPARE(RuleFigures::messageFor(noData, QString(), 7.25),
            QStringLiteral("Time without any sample 7.3 min (raised at 5.0 min, clears at 1.0 min)"));
    }
};

QTEST_GUILESS_MAIN(TestAlertTracker)
#include "tst_alerttracker.moc"
