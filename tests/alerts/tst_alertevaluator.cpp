#include "alerts/alertevaluator.h"
#include "analytics/analyticsservice.h"
#include "databasetestcase.h"
#include "samples.h"
#include "storage/repositoryfactory.h"

#include <QTest>

// The rules over stored samples, step by step through a manual clock, on every backend.
class TestAlertEvaluator : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock;
    std::shared_ptr<AnalyticsRepository> m_samples;
    std::shared_ptr<AlertStore> m_alerts;
    std::unique_ptr<AnalyticsService> m_service;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    // Per session: raise at 250 ms held 60 s, clear at 200 ms held 60 s, over 5 minutes, from 2 samples.
    const AlertRule m_latency { RuleType::HighLatency, AlertScope::Session, 250, 200, 300, 60, 2, Severity::High,
        true };

    void record(const QList<Metrics> &samples)
    {
        const auto stored = m_service->record(samples);
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
    }

    static ConnectionMetrics sample(const QString &session, quint32 latencyMs)
    {
        return Samples::connection(session, QStringLiteral("u-") + session, ConnectionQuality::Good, latencyMs);
    }

    EvaluationResult evaluate(AlertEvaluator &evaluator)
    {
        auto result = evaluator.evaluate();
        if (!result.ok())
            qFatal("evaluation failed: %s", qPrintable(result.error().message));
        return std::move(result).value();
    }

    QList<Alert> stored(AlertSelection selection) { return m_alerts->alerts(selection, 100).value(); }

protected:
    void initDatabaseTest() override
    {
        m_clock = std::make_shared<ManualClock>(m_t0);
        m_samples = m_database->open();
        m_alerts = m_database->sharedFactory()->openAlerts().value();
        m_service = std::make_unique<AnalyticsService>(m_samples, m_clock);
    }

    void cleanupDatabaseTest() override
    {
        m_service.reset();
        m_alerts.reset();
        m_samples.reset();
    }

private slots:
    void raisesOncePerKeyAfterTheMinimumDurationAndResolves()
    {
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules({ 10, { m_latency }, {}, {} });
        record({ sample(QStringLiteral("slow"), 400), sample(QStringLiteral("slow"), 300),
            sample(QStringLiteral("fast"), 40), sample(QStringLiteral("fast"), 60) });
        QVERIFY(evaluate(evaluator).raised.isEmpty()); // bad since now: not yet 60 s

        m_clock->advance(30);
        record({ sample(QStringLiteral("slow"), 350) });
        QVERIFY(evaluate(evaluator).raised.isEmpty());
        m_clock->advance(30);
        const EvaluationResult raised = evaluate(evaluator);
        QCOMPARE(raised.raised.size(), 1);
        const Alert alert = raised.raised.constFirst();
        QCOMPARE(alert.type, QStringLiteral("HighLatency"));
        QCOMPARE(alert.scope, AlertScope::Session);
        QCOMPARE(alert.scopeKey, QStringLiteral("slow"));
        QCOMPARE(alert.severity, Severity::High);
        QCOMPARE(alert.lastValue, 350.0); // (400 + 300 + 350) / 3
        QCOMPARE(alert.firstSeen, m_t0.addSecs(60));
        QCOMPARE(alert.details.value(u"samples").toInt(), 3);
        QCOMPARE(alert.details.value(u"raise_threshold").toDouble(), 250.0);
        QCOMPARE(alert.message,
            QStringLiteral("Average latency 350.0 ms for session slow over the last 5 min (raised at 250.0 ms, clears "
                           "at 200.0 ms)"));
        QCOMPARE(stored(AlertSelection::Unresolved), QList<Alert>({ alert }));

        // Still bad: the same alert, updated; worse: its peak follows.
        m_clock->advance(10);
        record({ sample(QStringLiteral("slow"), 750) });
        QVERIFY(evaluate(evaluator).raised.isEmpty());
        QCOMPARE(stored(AlertSelection::All).size(), 1);
        QCOMPARE(stored(AlertSelection::Unresolved).constFirst().peakValue, 450.0); // (400+300+350+750) / 4
        QCOMPARE(stored(AlertSelection::Unresolved).constFirst().lastSeen, m_t0.addSecs(70));

        // The slow samples leave the 5-minute window and fast ones come: clear from 6 min 10 s, resolved 60 s later.
        m_clock->setNow(m_t0.addSecs(370));
        record({ sample(QStringLiteral("slow"), 50), sample(QStringLiteral("slow"), 70) });
        QVERIFY(evaluate(evaluator).resolved.isEmpty());
        m_clock->advance(60);
        record({ sample(QStringLiteral("slow"), 50) });
        const EvaluationResult resolved = evaluate(evaluator);
        QCOMPARE(resolved.resolved.size(), 1);
        QCOMPARE(resolved.active, 0);
        const QList<Alert> history = stored(AlertSelection::Resolved);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.constFirst().resolvedAt, std::optional<QDateTime>(m_t0.addSecs(430)));
    }

    void everySampleRuleRaisesOnceAndResolves_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<double>("raiseAt");
        QTest::addColumn<double>("clearAt");
        for (RuleType type :
            { RuleType::HighLatency, RuleType::HighJitter, RuleType::HighPacketLoss, RuleType::LowBandwidth,
                RuleType::LowMos, RuleType::PoorQualityShare, RuleType::ConnectionFailures, RuleType::LowSuccessRate,
                RuleType::Rebuffering, RuleType::HighDroppedFrames, RuleType::FrequentQualitySwitches }) {
            const AlertRule defaults = [&] {
                for (const AlertRule &rule : RuleSetJson::defaults().rules) {
                    if (rule.type == type)
                        return rule;
                }
                return AlertRule {};
            }();
            QTest::addRow("%s", qPrintable(spelling(type))) << int(type) << defaults.raiseAt << defaults.clearAt;
        }
    }

    // Each rule type with its default thresholds, on samples that are plainly bad, then plainly good.
    void everySampleRuleRaisesOnceAndResolves()
    {
        QFETCH(int, type);
        QFETCH(double, raiseAt);
        QFETCH(double, clearAt);
        const AlertRule rule { RuleType(type), AlertScope::Session, raiseAt, clearAt, 60, 0, 1, Severity::High, true };
        RuleSet rules;
        rules.anomaly.enabled = false;
        rules.prediction.enabled = false;
        rules.rules = { rule };
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules(rules);

        auto samples = [&](bool bad) {
            ConnectionMetrics c = sample(QStringLiteral("s"), bad && type == int(RuleType::HighLatency) ? 500 : 40);
            StreamingMetrics v = Samples::streaming(QStringLiteral("s"), QStringLiteral("u-s"));
            if (bad) {
                switch (RuleType(type)) {
                case RuleType::HighJitter:
                    c.jitterMs = 100;
                    break;
                case RuleType::HighPacketLoss:
                    c.packetLossPercent = 20;
                    break;
                case RuleType::LowBandwidth:
                    c.bandwidthMbps = 0.2;
                    break;
                case RuleType::LowMos:
                    c.latencyMs = 900;
                    c.packetLossPercent = 20;
                    break;
                case RuleType::PoorQualityShare:
                    c.connectionQuality = ConnectionQuality::Poor;
                    break;
                case RuleType::ConnectionFailures:
                case RuleType::LowSuccessRate:
                    c.iceConnectionState = QStringLiteral("failed");
                    break;
                case RuleType::Rebuffering:
                    v.bufferLevelSeconds = 0.1f;
                    break;
                case RuleType::HighDroppedFrames:
                    v.droppedFrames = 100;
                    v.totalFrames = 600;
                    break;
                case RuleType::FrequentQualitySwitches:
                    v.adaptiveSwitches = 30;
                    break;
                default:
                    break;
                }
            }
            return QList<Metrics> { c, v };
        };

        record(samples(true));
        const EvaluationResult raised = evaluate(evaluator);
        QCOMPARE(raised.raised.size(), 1);
        QCOMPARE(raised.raised.constFirst().type, spelling(RuleType(type)));
        QCOMPARE(raised.raised.constFirst().scopeKey, QStringLiteral("s"));
        m_clock->advance(10);
        record(samples(true));
        const EvaluationResult still = evaluate(evaluator);
        QVERIFY(still.raised.isEmpty()); // no duplicate while it stays bad
        QCOMPARE(still.active, 1);
        m_clock->advance(61); // the bad samples leave the window
        record(samples(false));
        const EvaluationResult resolved = evaluate(evaluator);
        QCOMPARE(resolved.resolved.size(), 1);
        QCOMPARE(stored(AlertSelection::All).size(), 1);
    }

    void aRestartedEvaluatorKeepsTheUnresolvedAlert()
    {
        AlertRule atOnce = m_latency;
        atOnce.minimumDurationSeconds = 0;
        record({ sample(QStringLiteral("slow"), 400), sample(QStringLiteral("slow"), 400) });
        {
            AlertEvaluator first(m_samples, m_alerts, m_clock);
            first.setRules({ 10, { atOnce }, {}, {} });
            QCOMPARE(evaluate(first).raised.size(), 1);
        }
        AlertEvaluator second(m_samples, m_alerts, m_clock);
        second.setRules({ 10, { atOnce }, {}, {} });
        m_clock->advance(10);
        const EvaluationResult again = evaluate(second);
        QVERIFY(again.raised.isEmpty());
        QCOMPARE(again.active, 1);
        QCOMPARE(stored(AlertSelection::All).size(), 1);
    }

    void keysWithoutSamplesAndRemovedRulesClear()
    {
        AlertRule atOnce = m_latency;
        atOnce.minimumDurationSeconds = 0;
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules({ 10, { atOnce }, {}, {} });
        record({ sample(QStringLiteral("a"), 400), sample(QStringLiteral("a"), 400), sample(QStringLiteral("b"), 400),
            sample(QStringLiteral("b"), 400) });
        QCOMPARE(evaluate(evaluator).raised.size(), 2);
        // Session a stops reporting: once its samples are out of the window its alert resolves.
        m_clock->advance(301);
        record({ sample(QStringLiteral("b"), 400), sample(QStringLiteral("b"), 400) });
        const EvaluationResult gone = evaluate(evaluator);
        QCOMPARE(gone.resolved.size(), 1);
        QCOMPARE(gone.resolved.constFirst().scopeKey, QStringLiteral("a"));
        // The operator disables the rule: its last alert resolves too.
        atOnce.enabled = false;
        evaluator.setRules({ 10, { atOnce }, {}, {} });
        QCOMPARE(evaluate(evaluator).resolved.size(), 1);
        QVERIFY(stored(AlertSelection::Unresolved).isEmpty());
    }

    void noDataAfterThereWasSome()
    {
        const AlertRule noData { RuleType::NoData, AlertScope::Global, 5, 1, 300, 0, 1, Severity::Medium, true };
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules({ 10, { noData }, {}, {} });
        m_clock->advance(3600);
        QVERIFY(evaluate(evaluator).raised.isEmpty()); // nothing was ever received: nothing is missing
        record({ sample(QStringLiteral("a"), 40) });
        m_clock->advance(299);
        QVERIFY(evaluate(evaluator).raised.isEmpty());
        m_clock->advance(1);
        const EvaluationResult raised = evaluate(evaluator);
        QCOMPARE(raised.raised.size(), 1);
        QCOMPARE(raised.raised.constFirst().lastValue, 5.0);
        record({ sample(QStringLiteral("a"), 40) });
        QCOMPARE(evaluate(evaluator).resolved.size(), 1);
    }

    void consoleRulesFromHostSamples()
    {
        const AlertRule cpu { RuleType::HostCpu, AlertScope::Global, 90, 75, 300, 10, 1, Severity::Medium, true };
        const AlertRule errors { RuleType::IngestErrors, AlertScope::Global, 5, 1, 60, 0, 20, Severity::High, true };
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules({ 10, { cpu, errors }, {}, {} });
        QVERIFY(evaluate(evaluator).raised.isEmpty()); // no host sample yet: nothing to say
        auto host = [&](double cpuPercent, qint64 requests, qint64 rejected) {
            HostSample s;
            s.at = m_clock->now();
            s.host = QStringLiteral("console-1");
            s.cpuPercent = cpuPercent;
            s.ingestRequests = requests;
            s.rejectedIngestRequests = rejected;
            evaluator.addHostSample(s);
        };
        host(95, 100, 0);
        QVERIFY(evaluate(evaluator).raised.isEmpty());
        m_clock->advance(10);
        host(97, 130, 3); // 3 of 30 requests rejected in the minute: 10 %
        QStringList types;
        for (const Alert &alert : evaluate(evaluator).raised)
            types << alert.type;
        types.sort();
        QCOMPARE(types, QStringList({ QStringLiteral("HostCpu"), QStringLiteral("IngestErrors") }));
        const QList<Alert> raised = stored(AlertSelection::Unresolved);
        QCOMPARE(raised.constFirst().scopeKey, QStringLiteral("console-1")); // one per host sharing the database
        QVERIFY2(raised.constFirst().message.contains(u" on console-1"), qPrintable(raised.constFirst().message));
        // The window moves on: 61 s later only the newest requests count, and none was rejected.
        m_clock->advance(61);
        host(50, 160, 3);
        m_clock->advance(10);
        const EvaluationResult later = evaluate(evaluator);
        QCOMPARE(later.resolved.size(), 1);
        QCOMPARE(later.resolved.constFirst().type, QStringLiteral("IngestErrors"));
    }

    void anomalyOfAFleetFigureWithoutAnyThreshold()
    {
        RuleSet onlyAnomalies;
        onlyAnomalies.prediction.enabled = false;
        onlyAnomalies.anomaly.minimumSamples = 2;
        onlyAnomalies.anomaly.minimumDurationSeconds = 20;
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules(onlyAnomalies);
        // Latency around 100 ms for 40 passes (the baseline warms up on 30), then a step to 300 ms.
        QList<Alert> raised;
        for (int pass = 0; pass < 46; ++pass) {
            const quint32 latency = pass < 40 ? 95 + quint32(pass % 3) * 5 : 300;
            record({ sample(QStringLiteral("s"), latency), sample(QStringLiteral("s"), latency) });
            raised += evaluate(evaluator).raised;
            m_clock->advance(10);
        }
        QCOMPARE(raised.size(), 1);
        const Alert &anomaly = raised.constFirst();
        QCOMPARE(anomaly.type, QStringLiteral("Anomaly"));
        QCOMPARE(anomaly.scopeKey, QStringLiteral("latency_ms"));
        QCOMPARE(anomaly.firstSeen, m_t0.addSecs(10 * 42)); // outside from pass 40, for 20 s
        const double high = anomaly.details.value(u"expected_high").toDouble();
        QVERIFY2(high > 100 && high < 200, qPrintable(QString::number(high)));
        QVERIFY(anomaly.lastValue > high);
        QVERIFY2(anomaly.message.startsWith(QStringLiteral("Anomaly: average latency")), qPrintable(anomaly.message));
    }

    void predictionBeforeTheRuleFires()
    {
        RuleSet rules;
        rules.anomaly.enabled = false;
        rules.prediction.minimumPoints = 5;
        rules.prediction.minimumDurationSeconds = 0;
        rules.rules = { { RuleType::HighLatency, AlertScope::Global, 250, 200, 30, 0, 1, Severity::High, true } };
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules(rules);
        // Latency rising by 10 ms every 10 s from 100 ms: 250 ms is 150 s away at the start.
        QStringList events;
        for (int pass = 0; pass < 18; ++pass) {
            record({ sample(QStringLiteral("s"), quint32(100 + 10 * pass)) });
            const EvaluationResult result = evaluate(evaluator);
            for (const Alert &alert : result.raised)
                events << QStringLiteral("%1 raised %2").arg(pass).arg(alert.type);
            for (const Alert &alert : result.resolved)
                events << QStringLiteral("%1 resolved %2").arg(pass).arg(alert.type);
            m_clock->advance(10);
        }
        // The 30 s window averages the last samples: the prediction comes first, the rule later, and then
        // the prediction, come true, resolves.
        QVERIFY2(events.size() == 3, qPrintable(events.join(u", ")));
        QVERIFY(events.at(0).endsWith(QStringLiteral("raised PredictedHighLatency")));
        QVERIFY(events.at(1).endsWith(QStringLiteral("raised HighLatency")));
        QVERIFY(events.at(2).endsWith(QStringLiteral("resolved PredictedHighLatency")));
        QVERIFY(events.at(0).section(u' ', 0, 0).toInt() < events.at(1).section(u' ', 0, 0).toInt());
    }

    void fleetRulesFromEveryKindOfSample()
    {
        // Rebuffering over streaming samples and LowMos over connection samples, at once.
        const AlertRule rebuffering { RuleType::Rebuffering, AlertScope::Global, 10, 5, 300, 0, 2, Severity::Medium,
            true };
        const AlertRule lowMos { RuleType::LowMos, AlertScope::Global, 3.6, 3.8, 300, 0, 1, Severity::High, true };
        AlertEvaluator evaluator(m_samples, m_alerts, m_clock);
        evaluator.setRules({ 10, { rebuffering, lowMos }, {}, {} });
        StreamingMetrics starving = Samples::streaming(QStringLiteral("s"), QStringLiteral("u"));
        starving.bufferLevelSeconds = 0.1f;
        ConnectionMetrics lossy = sample(QStringLiteral("s"), 100);
        lossy.packetLossPercent = 10; // R = 93.2 - 3 - 25 = 65.2: MOS about 3.36
        record({ starving, Samples::streaming(QStringLiteral("s"), QStringLiteral("u")), lossy });
        const EvaluationResult result = evaluate(evaluator);
        QStringList types;
        for (const Alert &alert : result.raised)
            types << alert.type;
        types.sort();
        QCOMPARE(types, QStringList({ QStringLiteral("LowMos"), QStringLiteral("Rebuffering") }));
    }
};

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "tst_alertevaluator.moc"
