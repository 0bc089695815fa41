#include "domain/emodel.h"
#include "reports/reportbuilder.h"
#include "samples.h"
#include "storestestcase.h"

#include <QTest>

// The reports' figures against values worked out by hand from the samples stored, on every backend.
class TestReportBuilder : public StoresTestCase
{
    Q_OBJECT

private:
    // Three days ending now: parts of 25 and 28 November, all of 26 and 27.
    const TimeWindow m_period = TimeWindow::endingAt(m_now, 3 * 86400);
    std::unique_ptr<ReportBuilder> m_builder;

    static QDateTime on(int day, int hour) { return QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC); }

    static ConnectionMetrics relay(bool successful)
    {
        ConnectionMetrics m
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u1"), ConnectionQuality::Poor, 200, successful);
        m.connectionType = ConnectionType::Relay;
        return m;
    }

    Alert alert(const QString &id, AlertScope scope, const QString &key, const QDateTime &firstSeen) const
    {
        Alert a;
        a.id = id;
        a.type = QStringLiteral("HighLatency");
        a.severity = Severity::High;
        a.scope = scope;
        a.scopeKey = key;
        a.message = QStringLiteral("Average latency high");
        a.firstSeen = firstSeen;
        a.lastSeen = firstSeen;
        return a;
    }

    // u1: s1 over WebRTC on the 25th (and one sample at midnight, which is the 28th's), s2 over a
    // poor relay on the 26th (2 of 10 samples failed), s3 streaming only on the 27th. u2 elsewhere.
    void storeScenario()
    {
        QList<Metrics> s1(10, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1")));
        store(m_period.from, s1.mid(0, 1)); // at `from`: outside the period
        store(on(25, 18), s1);
        QList<Metrics> s2(8, relay(true));
        s2 << relay(false) << relay(false);
        store(on(26, 10), s2);
        StreamingMetrics buffering = Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1"), 60);
        buffering.bufferLevelSeconds = 0.25f;
        buffering.droppedFrames = 45;
        store(on(27, 9),
            { Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1"), 60),
                Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1"), 60),
                Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1"), 60), buffering });
        store(on(28, 0), { Samples::connection(QStringLiteral("s1"), QStringLiteral("u1")) });
        store(on(27, 11), { Samples::connection(QStringLiteral("other"), QStringLiteral("u2")) });

        AlertStore &alerts = *m_stores.alerts;
        QVERIFY(
            alerts.raise(alert(QStringLiteral("a-s2"), AlertScope::Session, QStringLiteral("s2"), on(26, 11))).ok());
        QVERIFY(alerts.raise(alert(QStringLiteral("a-u2"), AlertScope::User, QStringLiteral("u2"), on(27, 11))).ok());
        QVERIFY(alerts.raise(alert(QStringLiteral("a-old"), AlertScope::User, QStringLiteral("u1"), on(20, 11))).ok());
        QVERIFY(!alerts.resolve(QStringLiteral("a-old"), on(21, 11)));
        QVERIFY(
            alerts.raise(alert(QStringLiteral("a-peer"), AlertScope::Peer, QStringLiteral("u1-peer"), on(27, 8))).ok());
        QVERIFY(!alerts.resolve(QStringLiteral("a-peer"), on(27, 10)));
    }

protected:
    void initStoresTest() override
    {
        m_builder = std::make_unique<ReportBuilder>(*m_service, *m_stores.samples, *m_stores.alerts);
    }

    void cleanupStoresTest() override { m_builder.reset(); }

private slots:
    void performanceReportBreaksThePeriodIntoDays()
    {
        storeScenario();
        const UserPerformanceReport report = value(m_builder->performance(QStringLiteral("u1"), m_period));
        QCOMPARE(report.summary.totalSessions, 3);
        QCOMPARE(report.summary.periodDays, 3);
        QCOMPARE(report.summary.successRatePercent, 100.0 * 19 / 21);
        QCOMPARE(report.figures.connectionSamples, 21);
        QCOMPARE(report.figures.streamingSamples, 4);

        QCOMPARE(report.days.size(), 4);
        const QList<QDate> dates { QDate(2026, 11, 25), QDate(2026, 11, 26), QDate(2026, 11, 27), QDate(2026, 11, 28) };
        for (qsizetype i = 0; i < dates.size(); ++i)
            QCOMPARE(report.days.at(i).day, dates.at(i));

        const DailyFigures &first = report.days.at(0);
        QCOMPARE(first.sessions, 1);
        QCOMPARE(first.figures.connectionSamples, 10); // not the sample at `from`
        QCOMPARE(*first.figures.averageLatencyMs, 40.0);
        QCOMPARE(*first.p95LatencyMs, 40.0);
        QCOMPARE(*first.figures.averageMos, EModel::mos(40, 4, 0.5));
        QCOMPARE(first.samplesByQuality, (std::array<qint64, 5> { 0, 10, 0, 0, 0 }));
        QVERIFY(!first.figures.rebufferingPercent);

        const DailyFigures &relayDay = report.days.at(1);
        QCOMPARE(*relayDay.figures.averageLatencyMs, 200.0);
        QCOMPARE(*relayDay.figures.successRatePercent, 80.0);
        QCOMPARE(*relayDay.figures.poorPercent, 100.0);
        QCOMPARE(relayDay.samplesByQuality, (std::array<qint64, 5> { 0, 0, 0, 10, 0 }));

        const DailyFigures &streamingDay = report.days.at(2);
        QCOMPARE(streamingDay.sessions, 1);
        QCOMPARE(streamingDay.streamingHours, 240.0 / 3600);
        QCOMPARE(*streamingDay.figures.rebufferingPercent, 25.0);
        QCOMPARE(*streamingDay.figures.droppedFramePercent, 100.0 * (3 + 45) / (4 * 900));
        QVERIFY(!streamingDay.figures.averageLatencyMs); // unknown, not zero
        QVERIFY(!streamingDay.p95LatencyMs);

        // The sample at midnight belongs to the day it starts.
        QCOMPARE(report.days.at(3).figures.connectionSamples, 1);

        QCOMPARE(report.connectionTypes.size(), 2);
        QCOMPARE(report.connectionTypes.at(0).type, ConnectionType::WebRTC);
        QCOMPARE(report.connectionTypes.at(0).samples, 11);
        QCOMPARE(report.connectionTypes.at(1).averageLatencyMs, 200.0);

        QCOMPARE(report.bestSessions.size(), 1);
        QCOMPARE(report.bestSessions.at(0).sessionId, QStringLiteral("s1"));
        QCOMPARE(report.worstSessions.size(), 1);
        QCOMPARE(report.worstSessions.at(0).sessionId, QStringLiteral("s2"));

        QStringList alertIds;
        for (const Alert &a : report.alerts)
            alertIds << a.id;
        QCOMPARE(alertIds, QStringList({ QStringLiteral("a-peer"), QStringLiteral("a-s2") }));

        QVERIFY2(report.findings.contains(
                     QStringLiteral("Relay connections had 5.0x the latency of WebRTC (200.0 ms against 40.0 ms).")),
            qPrintable(report.findings.join(u'\n')));
        QVERIFY(report.findings.contains(QStringLiteral("9.5 % of connection samples reported a failed connection.")));
        QVERIFY(report.findings.contains(QStringLiteral("Playback was rebuffering in 25.0 % of streaming samples.")));
        QVERIFY(report.findings.contains(
            QStringLiteral("2 alerts were open during the period; 1 was still unresolved at its end.")));
    }

    void worstSessionIsNamedOnlyWhenItWasPoorlyServed()
    {
        store(on(27, 9),
            { Samples::connection(QStringLiteral("fine"), QStringLiteral("u1")),
                Samples::connection(QStringLiteral("slow"), QStringLiteral("u1"), ConnectionQuality::Poor, 400) });
        const UserPerformanceReport report = value(m_builder->performance(QStringLiteral("u1"), m_period));
        const double mos = EModel::mos(400, 4, 0.5); // R 62.15: Poor
        QVERIFY2(report.findings.contains(QStringLiteral("The worst session, slow, was Poor: a MOS of %1.")
                                              .arg(QLocale::c().toString(mos, 'f', 2))),
            qPrintable(report.findings.join(u'\n')));

        // In the scenario the worst session (s2, R 82) was still Good: nothing to say about it.
        storeScenario();
        for (const QString &finding : value(m_builder->performance(QStringLiteral("u1"), m_period)).findings)
            QVERIFY(!finding.startsWith(QStringLiteral("The worst session, s2")));
    }

    void unknownUserGivesAnEmptyReport()
    {
        storeScenario();
        const UserPerformanceReport report = value(m_builder->performance(QStringLiteral("nobody"), m_period));
        QCOMPARE(report.summary.totalSessions, 0);
        QCOMPARE(report.days.size(), 4);
        for (const DailyFigures &day : report.days) {
            QCOMPARE(day.sessions, 0);
            QVERIFY(!day.figures.averageLatencyMs);
        }
        QVERIFY(report.bestSessions.isEmpty());
        QVERIFY(report.alerts.isEmpty());
        QCOMPARE(report.findings, QStringList { QStringLiteral("No sessions in this period.") });
    }

    void fleetReportRanksProblemsAndCountsAlerts()
    {
        storeScenario();
        const FleetReport report = value(m_builder->fleet(m_period));
        QCOMPARE(report.stats.totalSessions, 4);
        QCOMPARE(report.stats.periodHours, 72);
        QCOMPARE(report.trends.bucketSeconds, 3600);
        QCOMPARE(report.figures.connectionSamples, 22);

        QCOMPARE(report.topUsers.size(), 1); // u2 had no problem
        QCOMPARE(report.topUsers.at(0).key, QStringLiteral("u1"));
        QCOMPARE(report.topUsers.at(0).problemReports, 12); // 10 poor, 2 of them failed
        QCOMPARE(report.topPeers.at(0).key, QStringLiteral("u1-peer"));

        const AlertSummary &alerts = report.alertSummary;
        QCOMPARE(alerts.total, 3);
        QCOMPARE(alerts.unresolved, 2);
        QCOMPARE(alerts.bySeverity, (std::array<qint64, 4> { 0, 0, 3, 0 }));
        QCOMPARE(alerts.byType.size(), 1);
        QCOMPARE(alerts.byType.at(0), (std::pair<QString, qint64>(QStringLiteral("HighLatency"), 3)));
        QCOMPARE(*alerts.medianMinutesToResolve, 120.0);
        QVERIFY(report.findings.contains(
            QStringLiteral("User u1 had the most problem reports: 12 in 21 connection samples.")));
    }

    void trendBucketsKeepChartsReadable_data()
    {
        QTest::addColumn<qint64>("periodSeconds");
        QTest::addColumn<qint64>("bucketSeconds");
        QTest::newRow("1 h") << qint64(3600) << qint64(300);
        QTest::newRow("8 h") << qint64(8 * 3600) << qint64(300);
        QTest::newRow("24 h") << qint64(86400) << qint64(900);
        QTest::newRow("3 days") << qint64(3 * 86400) << qint64(3600);
        QTest::newRow("30 days") << qint64(30 * 86400) << qint64(86400);
        QTest::newRow("1 year") << qint64(365 * 86400) << qint64(4 * 86400);
    }

    void trendBucketsKeepChartsReadable()
    {
        QFETCH(qint64, periodSeconds);
        QFETCH(qint64, bucketSeconds);
        QCOMPARE(ReportBuilder::trendBucketSeconds(periodSeconds), bucketSeconds);
    }
};

QTEST_GUILESS_MAIN(TestReportBuilder)
#include "tst_reportbuilder.moc"
