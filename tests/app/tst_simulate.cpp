#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// vibestream-simulate against a real console (the binary, on a SQLite file): the incident scenario
// raises the alerts of the rules it breaks and lets them resolve; failures make it exit non-zero.
class TestSimulate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_console;
    QUrl m_url;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run simulate(const QStringList &arguments, int timeoutMs = 120'000)
    {
        QProcess process;
        process.start(QStringLiteral(VIBESTREAM_SIMULATE_BINARY), arguments);
        if (!process.waitForFinished(timeoutMs))
            process.kill();
        process.waitForFinished();
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
    }

    QJsonObject get(const QString &pathAndQuery)
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(m_url.resolved(QUrl(pathAndQuery))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return {};
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Rules that react within seconds, so that a 40-second incident shows the whole lifecycle.
        QFile rules(m_dir.filePath(QStringLiteral("rules.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(R"({"evaluation_interval_seconds": 1,
            "anomaly": {"enabled": false}, "prediction": {"enabled": false},
            "rules": [
              {"type": "HighLatency", "scope": "global", "raise": 250, "clear": 200, "window_seconds": 10,
               "minimum_duration_seconds": 2, "minimum_samples": 5, "severity": "High"},
              {"type": "HighPacketLoss", "scope": "global", "raise": 5, "clear": 2, "window_seconds": 10,
               "minimum_duration_seconds": 2, "minimum_samples": 5, "severity": "High"}]})");
        rules.close();
        m_console.setProgram(QStringLiteral(VIBESTREAM_CONSOLE_BINARY));
        m_console.setArguments({ QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
            QStringLiteral("--database"), u"sqlite://" + m_dir.filePath(QStringLiteral("console.db")),
            QStringLiteral("--alert-rules"), rules.fileName() });
        m_console.start();
        QVERIFY(m_console.waitForReadyRead(20'000));
        static const QRegularExpression listening(QStringLiteral("^Listening on (http://\\S+)$"));
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_console.readLine()).trimmed());
        QVERIFY(match.hasMatch());
        m_url = QUrl(match.captured(1));
    }

    void cleanupTestCase()
    {
        m_console.terminate();
        m_console.waitForFinished(10'000);
    }

    void incidentRaisesAlertsThatResolve()
    {
        const Run run = simulate({ QStringLiteral("--url"), m_url.toString(), QStringLiteral("--peers"),
            QStringLiteral("30"), QStringLiteral("--duration"), QStringLiteral("40"), QStringLiteral("--interval"),
            QStringLiteral("0.5"), QStringLiteral("--scenario"), QStringLiteral("incident"), QStringLiteral("--seed"),
            QStringLiteral("3") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral(" 0 failed")), qPrintable(run.out));
        QVERIFY(run.err.contains(QRegularExpression(QStringLiteral("sent \\d+ ok \\d+ errors 0 rate \\d+ req/s p99"))));

        // Both figures went past their thresholds during the incident and came back after it.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray alerts
                    = get(QStringLiteral("/api/p2p/dashboard/alerts?state=all")).value(u"alerts").toArray();
                QSet<QString> resolved;
                for (const QJsonValue &alert : alerts) {
                    if (alert[u"resolved"].toBool())
                        resolved.insert(alert[u"alert_type"].toString());
                }
                return resolved.contains(QStringLiteral("HighLatency"))
                    && resolved.contains(QStringLiteral("HighPacketLoss"));
            }(),
            15'000);
        QCOMPARE(get(QStringLiteral("/api/p2p/dashboard/alerts?state=unresolved")).value(u"total_alerts").toInt(), 0);
        // 30 peers, every one with a session of its own and its reports stored.
        const QJsonObject stats = get(QStringLiteral("/api/p2p/analytics/stats?hours=1"));
        QVERIFY(stats.value(u"total_sessions").toInt() >= 30);
        QCOMPARE(stats.value(u"peak_concurrent_users").toInt(), 15); // two devices per user
    }

    void batchesAndFlashCrowdsReachTheConsole()
    {
        const Run run = simulate({ QStringLiteral("--url"), m_url.toString(), QStringLiteral("--peers"),
            QStringLiteral("40"), QStringLiteral("--duration"), QStringLiteral("4"), QStringLiteral("--interval"),
            QStringLiteral("0.5"), QStringLiteral("--batch"), QStringLiteral("25"), QStringLiteral("--scenario"),
            QStringLiteral("flash-crowd") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        static const QRegularExpression summary(
            QStringLiteral("(\\d+) records in (\\d+) requests, (\\d+) answered 2xx, 0 failed"));
        const QRegularExpressionMatch match = summary.match(run.out);
        QVERIFY2(match.hasMatch(), qPrintable(run.out));
        QVERIFY(match.captured(2).toInt() < match.captured(1).toInt() / 10); // batched
    }

    void failedRequestsMakeItExitNonZero()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        const Run run = simulate({ QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1").arg(port),
            QStringLiteral("--peers"), QStringLiteral("3"), QStringLiteral("--duration"), QStringLiteral("1"),
            QStringLiteral("--interval"), QStringLiteral("0.5") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("First failure:")), qPrintable(run.out));
    }

    void badOptionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("no url") << QStringList {} << QStringLiteral("--url");
        QTest::addRow("unknown scenario") << QStringList { QStringLiteral("--url"),
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--scenario"), QStringLiteral("storm") }
                                          << QStringLiteral("steady|incident|flash-crowd");
        QTest::addRow("no peers") << QStringList { QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1"),
            QStringLiteral("--peers"), QStringLiteral("0") }
                                  << QStringLiteral("--peers");
    }

    void badOptionsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = simulate(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSimulate)
#include "tst_simulate.moc"
