#include "databasetestcase.h"
#include "httpclient.h"
#include "samples.h"
#include "testcsv.h"
#include "testdata.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

// The vibestream-console binary as scripts run it: its command line, its one "Listening on" line, and
// what survives SIGKILL and SIGTERM. Run against SQLite and PostgreSQL.
class TestConsoleProcess : public DatabaseTestCase
{
    Q_OBJECT

private:
    struct Console
    {
        std::unique_ptr<QProcess> process;
        QUrl url;
    };

    // The URL the console is started with (the test server's URL has no password to hide).
    QString databaseArgument() const { return m_database->url().displayString(); }

    // Starts the headless console on a free port and waits for its "Listening on" line.
    Console start(const QStringList &extraArguments = {})
    {
        Console console;
        console.process = std::make_unique<QProcess>();
        console.process->setProgram(QStringLiteral(VIBESTREAM_CONSOLE_BINARY));
        console.process->setArguments(QStringList { QStringLiteral("--headless"), QStringLiteral("--port"),
                                          QStringLiteral("0"), QStringLiteral("--database"), databaseArgument() }
            + extraArguments);
        console.process->start();
        if (!console.process->waitForReadyRead(20000))
            return console;
        const QString line = QString::fromUtf8(console.process->readLine()).trimmed();
        static const QRegularExpression listening(QStringLiteral("^Listening on (http://127\\.0\\.0\\.1:\\d+)$"));
        const QRegularExpressionMatch match = listening.match(line);
        if (match.hasMatch())
            console.url = QUrl(match.captured(1));
        else
            qWarning("Unexpected first line: %s", qPrintable(line));
        return console;
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(VIBESTREAM_CONSOLE_BINARY), arguments);
        process.waitForFinished(30000);
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
    }

    static QByteArray connectionBody(const QString &sessionId)
    {
        QJsonObject json = TestData::payload(QStringLiteral("connection-metrics.json"));
        json.insert(QStringLiteral("session_id"), sessionId);
        return QJsonDocument(json).toJson(QJsonDocument::Compact);
    }

    // Keeps `parallel` posts in flight until stop() returns true; returns the ids of acknowledged records
    // and counts answers that were neither 200, nor 503 with Retry-After (refused while stopping), nor a
    // dropped connection.
    QSet<QString> postUntil(
        const QUrl &base, int parallel, const std::function<bool(int acknowledged)> &stop, int *unexpectedAnswers)
    {
        QNetworkAccessManager manager;
        QSet<QString> acknowledged;
        int inFlight = 0;
        int sent = 0;
        bool stopping = false;
        QEventLoop loop;
        std::function<void()> sendOne = [&] {
            QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/p2p/analytics/connection-metrics"))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply *reply = manager.post(request, connectionBody(QStringLiteral("durable-%1").arg(sent++)));
            ++inFlight;
            connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                --inFlight;
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 200)
                    acknowledged.insert(
                        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("id")).toString());
                else if (status != 0 && !(status == 503 && reply->hasRawHeader("Retry-After")))
                    ++*unexpectedAnswers;
                reply->deleteLater();
                stopping = stopping || stop(int(acknowledged.size()));
                if (!stopping)
                    sendOne();
                else if (inFlight == 0)
                    loop.quit();
            });
        };
        for (int i = 0; i < parallel; ++i)
            sendOne();
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        return acknowledged;
    }

    // QProcess::waitForFinished() is false for a process whose end the event loop already saw.
    static bool ended(QProcess &process)
    {
        return process.state() == QProcess::NotRunning || process.waitForFinished(20000);
    }

    QSet<QString> storedIds()
    {
        const auto samples = m_database->open()->samples(MetricKind::Connection, {});
        QSet<QString> ids;
        for (const StoredSample &sample : samples.value())
            ids.insert(sample.ids.id);
        return ids;
    }

private slots:
    void exportWritesReportsAndNamesFailures()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<MetricRecord> records;
        for (int i = 0; i < 5; ++i)
            records.append({ Samples::connection(QStringLiteral("cli-session"), QStringLiteral("cli-user")), now });
        QVERIFY(m_database->open()->store(records).ok());
        QTemporaryDir dir;
        const QStringList common { QStringLiteral("export"), QStringLiteral("--database"), databaseArgument() };

        const Run pdf = run(common
            + QStringList { QStringLiteral("--report"), QStringLiteral("performance"), QStringLiteral("--user"),
                QStringLiteral("cli-user"), QStringLiteral("--days"), QStringLiteral("1"), QStringLiteral("--format"),
                QStringLiteral("pdf"), QStringLiteral("--out"), dir.filePath(QStringLiteral("p.pdf")) });
        QCOMPARE(pdf.exitCode, 0);
        QCOMPARE(pdf.out.trimmed(), u"Wrote " + dir.filePath(QStringLiteral("p.pdf")));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), { dir.filePath(QStringLiteral("p.pdf")), QStringLiteral("-") });
        QVERIFY(text.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains(QStringLiteral("User cli-user")));

        const QString from = now.addSecs(-60).toString(Qt::ISODate);
        const QString to = now.addSecs(60).toString(Qt::ISODate);
        const Run csv = run(common
            + QStringList { QStringLiteral("--report"), QStringLiteral("connections"), QStringLiteral("--from"), from,
                QStringLiteral("--to"), to, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("c.csv")) });
        QCOMPARE(csv.exitCode, 0);
        QCOMPARE(TestCsv::parseFile(dir.filePath(QStringLiteral("c.csv"))).size(), 1 + 5);

        const Run nobody = run(common
            + QStringList { QStringLiteral("--report"), QStringLiteral("performance"), QStringLiteral("--user"),
                QStringLiteral("nobody"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("n.csv")) });
        QCOMPARE(nobody.exitCode, 0);
        QCOMPARE(TestCsv::parseFile(dir.filePath(QStringLiteral("n.csv"))).at(1),
            QStringList({ QStringLiteral("Sessions"), QStringLiteral("0"), QString() }));

        const Run unknown = run(common
            + QStringList { QStringLiteral("--report"), QStringLiteral("weekly"), QStringLiteral("--format"),
                QStringLiteral("csv"), QStringLiteral("--out"), dir.filePath(QStringLiteral("w.csv")) });
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(unknown.err,
            QStringLiteral("vibestream-console export: --report takes performance, fleet, connections, streaming, "
                           "sessions, alerts\n"));

        const Run unwritable = run(common
            + QStringList { QStringLiteral("--report"), QStringLiteral("fleet"), QStringLiteral("--format"),
                QStringLiteral("pdf"), QStringLiteral("--out"), QStringLiteral("/proc/report.pdf") });
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY2(unwritable.err.startsWith(QStringLiteral("vibestream-console export: Cannot write /proc/report.pdf")),
            qPrintable(unwritable.err));
        QCOMPARE(unwritable.err.trimmed().count(u'\n'), 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("w.csv"))));
    }

    void listensAndStopsOnSigterm()
    {
        Console console = start();
        QVERIFY(console.url.isValid());
        HttpClient client(console.url);
        QCOMPARE(client.get(QStringLiteral("/health")).status, 200);
        ::kill(pid_t(console.process->processId()), SIGTERM);
        QVERIFY(ended(*console.process));
        QCOMPARE(console.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(console.process->exitCode(), 0);
        QCOMPARE(console.process->readAllStandardOutput(), QByteArray()); // the one line was all
    }

    void logFileReceivesWarnings()
    {
        QTemporaryDir dir;
        const QString logPath = dir.filePath(QStringLiteral("console.log"));
        Console console = start({ QStringLiteral("--log-file"), logPath });
        QVERIFY(console.url.isValid());
        QString error;
        QVERIFY2(
            m_database->executeSql({ QStringLiteral("DROP TABLE p2p_streaming_metrics") }, &error), qPrintable(error));
        HttpClient client(console.url);
        const auto reply = client.post(QStringLiteral("/api/p2p/analytics/streaming-metrics"),
            QJsonDocument(TestData::payload(QStringLiteral("streaming-metrics.json"))).toJson());
        QCOMPARE(reply.status, 500);
        ::kill(pid_t(console.process->processId()), SIGTERM);
        QVERIFY(ended(*console.process));
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        QVERIFY2(text.contains(" warning vibestream.http: Storage failed:"), text);
    }

    void commandLineErrors()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        const Run portInUse = run({ QStringLiteral("--headless"), QStringLiteral("--port"),
            QString::number(occupier.serverPort()), QStringLiteral("--database"), databaseArgument() });
        QCOMPARE(portInUse.exitCode, 1);
        QVERIFY2(portInUse.err.startsWith(
                     QStringLiteral("vibestream-console: Cannot listen on 127.0.0.1:%1: ").arg(occupier.serverPort())),
            qPrintable(portInUse.err));
        QCOMPARE(portInUse.err.trimmed().count(u'\n'), 0);
        QCOMPARE(portInUse.out, QString());

        const Run badUrl
            = run({ QStringLiteral("--headless"), QStringLiteral("--database"), QStringLiteral("mysql://x/y") });
        QCOMPARE(badUrl.exitCode, 1);
        QCOMPARE(badUrl.err,
            QStringLiteral("vibestream-console: Unknown database scheme 'mysql' (use sqlite, postgresql "
                           "or memory)\n"));

        const Run unreachable = run({ QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
            QStringLiteral("--database"), QStringLiteral("postgresql://vibe@127.0.0.1:1/none") });
        QCOMPARE(unreachable.exitCode, 1);
        QVERIFY2(unreachable.err.startsWith(
                     QStringLiteral("vibestream-console: Cannot open postgresql://vibe@127.0.0.1:1/none")),
            qPrintable(unreachable.err));
        QCOMPARE(unreachable.err.trimmed().count(u'\n'), 0);

        const Run badPort = run({ QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("99999") });
        QCOMPARE(badPort.exitCode, 1);

        const Run badLog = run({ QStringLiteral("--headless"), QStringLiteral("--log-file"),
            QStringLiteral("/nonexistent-folder/console.log"), QStringLiteral("--database"), databaseArgument() });
        QCOMPARE(badLog.exitCode, 1);
        QVERIFY2(badLog.err.startsWith(
                     QStringLiteral("vibestream-console: Cannot open the log file /nonexistent-folder/console.log")),
            qPrintable(badLog.err));

        const Run badWebhook = run({ QStringLiteral("--headless"), QStringLiteral("--alert-webhook"),
            QStringLiteral("ftp://example.com/hook"), QStringLiteral("--database"), databaseArgument() });
        QCOMPARE(badWebhook.exitCode, 1);
        QCOMPARE(badWebhook.err,
            QStringLiteral(
                "vibestream-console: --alert-webhook takes an http or https URL, not ftp://example.com/hook\n"));

        const Run version = run({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QStringLiteral("vibestream-console " VIBESTREAM_VERSION "\n"));
        const Run help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--database <url>")));
    }

    void sigkillLosesNoAcknowledgedRecord()
    {
        Console console = start();
        QVERIFY(console.url.isValid());
        const qint64 pid = console.process->processId();
        int unexpected = 0;
        bool killed = false;
        // Once 300 records are acknowledged, SIGKILL the console with 16 requests still in flight.
        const QSet<QString> acknowledged = postUntil(
            console.url, 16,
            [&](int count) {
                if (count >= 300 && !killed) {
                    ::kill(pid_t(pid), SIGKILL);
                    killed = true;
                }
                return killed;
            },
            &unexpected);
        QVERIFY(killed);
        QVERIFY(ended(*console.process));
        QCOMPARE(console.process->exitStatus(), QProcess::CrashExit);
        QCOMPARE(unexpected, 0);
        QVERIFY(acknowledged.size() >= 300);

        // Restarted on the same database, the console serves again, and every acknowledged record is there.
        Console restarted = start();
        QVERIFY(restarted.url.isValid());
        QCOMPARE(HttpClient(restarted.url).get(QStringLiteral("/health")).status, 200);
        const QSet<QString> stored = storedIds();
        const QSet<QString> lost = acknowledged - stored;
        QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 acknowledged records lost").arg(lost.size())));
        ::kill(pid_t(restarted.process->processId()), SIGTERM);
        QVERIFY(ended(*restarted.process));
    }

    void sigtermAnswersWhatItAccepted()
    {
        Console console = start();
        QVERIFY(console.url.isValid());
        const qint64 pid = console.process->processId();
        int unexpected = 0;
        bool terminated = false;
        const QSet<QString> acknowledged = postUntil(
            console.url, 16,
            [&](int count) {
                if (count >= 100 && !terminated) {
                    ::kill(pid_t(pid), SIGTERM);
                    terminated = true;
                }
                return terminated;
            },
            &unexpected);
        QVERIFY(ended(*console.process));
        QCOMPARE(console.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(console.process->exitCode(), 0);
        QCOMPARE(unexpected, 0); // every request was stored and answered 200, or refused with 503, or not taken
        const QSet<QString> lost = acknowledged - storedIds();
        QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 acknowledged records lost").arg(lost.size())));
    }
};

QTEST_GUILESS_MAIN(TestConsoleProcess)
#include "tst_consoleprocess.moc"
