#include "apiserver.h"
#include "databasetestcase.h"
#include "httpclient.h"
#include "pdfreportwriter.h"
#include "samples.h"
#include "testcsv.h"
#include "testdata.h"

#include "alerts/alertevaluator.h"
#include "analytics/clock.h"
#include "domain/emodel.h"
#include "domain/metricscodec.h"
#include "domain/timestamps.h"
#include "storage/repositoryfactory.h"

#include <QBuffer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

// The HTTP API over real HTTP on 127.0.0.1, against SQLite and PostgreSQL.
class TestHttpApi : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<AnalyticsRepository> m_repository;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);

    static ApiLimits testLimits()
    {
        ApiLimits limits;
        limits.maxRecordBytes = 4096;
        limits.maxBatchBytes = 64 * 1024;
        limits.maxBatchRecords = 50;
        limits.maxHeaderBytes = 8192;
        limits.idleTimeoutMs = 500;
        return limits;
    }

    qsizetype stored(MetricKind kind)
    {
        const auto samples = m_repository->samples(kind, {});
        return samples.ok() ? samples.value().size() : -1;
    }

    qsizetype storedInAll()
    {
        return stored(MetricKind::Connection) + stored(MetricKind::Streaming) + stored(MetricKind::Network)
            + stored(MetricKind::System);
    }

    static QJsonObject seedConnection() { return TestData::payload(QStringLiteral("connection-metrics.json")); }
    static QJsonObject seedStreaming() { return TestData::payload(QStringLiteral("streaming-metrics.json")); }

    // The field of the first detail of a batch error entry {"index", "details": [{"field", ...}]}.
    static QString firstFaultyField(const QJsonValue &error)
    {
        const QJsonArray details = error.toObject().value(QStringLiteral("details")).toArray();
        return details.at(0).toObject().value(QStringLiteral("field")).toString();
    }

    static void expectError(const HttpClient::Reply &reply, int status)
    {
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        QVERIFY2(!reply.json().value(QStringLiteral("error")).toString().isEmpty(), reply.body);
    }

protected:
    void initDatabaseTest() override
    {
        QString error;
        m_repository = m_database->open();
        QVERIFY(m_repository);
        m_clock = std::make_shared<ManualClock>(m_now);
        m_server = std::make_unique<ApiServer>(m_database->sharedFactory(), m_clock);
        ServerConfig config;
        config.port = 0;
        config.threads = 4;
        config.limits = testLimits();
        config.pdfWriter = PdfReportWriter::write;
        QVERIFY2(m_server->start(config, &error), qPrintable(error));
        QCOMPARE(m_server->address(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(m_server->port() > 0);
        m_client = std::make_unique<HttpClient>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    }

    void cleanupDatabaseTest() override
    {
        m_client.reset();
        m_server.reset();
        m_repository.reset();
    }

private slots:
    void alertsFromRealSamplesListedAndAcknowledged()
    {
        // Two slow samples over HTTP, then one pass of a rule that raises at once.
        QJsonObject slow = seedConnection();
        slow.insert(QStringLiteral("latency_ms"), 900);
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), slow).status, 200);
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), slow).status, 200);
        const AlertRule rule { RuleType::HighLatency, AlertScope::Global, 250, 200, 300, 0, 2, Severity::Critical,
            true };
        AlertEvaluator evaluator(m_repository, m_database->sharedFactory()->openAlerts().value(), m_clock);
        evaluator.setRules({ 10, { rule }, {}, {} });
        QCOMPARE(evaluator.evaluate().value().raised.size(), 1);

        const HttpClient::Reply listed = m_client->get(QStringLiteral("/api/p2p/dashboard/alerts"));
        QCOMPARE(listed.status, 200);
        const QJsonObject list = listed.json();
        QCOMPARE(list.value(u"total_alerts").toInt(), 1);
        QCOMPARE(list.value(u"critical_alerts").toInt(), 1);
        QCOMPARE(list.value(u"active_alerts").toInt(), 1);
        const QJsonObject alert = list.value(u"alerts").toArray().at(0).toObject();
        QCOMPARE(alert.keys(),
            QStringList({ QStringLiteral("alert_type"), QStringLiteral("details"), QStringLiteral("id"),
                QStringLiteral("message"), QStringLiteral("resolved"), QStringLiteral("severity"),
                QStringLiteral("timestamp") }));
        QCOMPARE(alert.value(u"alert_type").toString(), QStringLiteral("HighLatency"));
        QCOMPARE(alert.value(u"severity").toString(), QStringLiteral("Critical"));
        QCOMPARE(alert.value(u"resolved").toBool(), false);
        QCOMPARE(alert.value(u"timestamp").toString(), Timestamps::format(m_now));
        const QJsonObject details = alert.value(u"details").toObject();
        QCOMPARE(details.value(u"value").toDouble(), 900.0);
        QCOMPARE(details.value(u"samples").toInt(), 2);
        QCOMPARE(details.value(u"state").toString(), QStringLiteral("active"));
        QVERIFY(alert.value(u"message").toString().startsWith(QStringLiteral("Average latency 900.0 ms")));

        const QString id = alert.value(u"id").toString();
        const QString acknowledge = QStringLiteral("/api/p2p/dashboard/alerts/%1/acknowledge").arg(id);
        QCOMPARE(m_client->postJson(acknowledge, { { QStringLiteral("by"), 42 } }).status, 400);
        const HttpClient::Reply acknowledged = m_client->postJson(acknowledge,
            { { QStringLiteral("by"), QStringLiteral("ops") }, { QStringLiteral("note"), QStringLiteral("on it") } });
        QCOMPARE(acknowledged.status, 200);
        const QJsonObject after = acknowledged.json().value(u"alert").toObject().value(u"details").toObject();
        QCOMPARE(after.value(u"state").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(after.value(u"acknowledged_by").toString(), QStringLiteral("ops"));
        QCOMPARE(after.value(u"acknowledgement_note").toString(), QStringLiteral("on it"));
        // The body is optional; an unknown id is 404.
        QCOMPARE(
            m_client->post(QStringLiteral("/api/p2p/dashboard/alerts/nope/acknowledge"), QByteArray()).status, 404);

        auto count = [&](const QString &state) {
            return m_client->get(QStringLiteral("/api/p2p/dashboard/alerts?state=") + state)
                .json()
                .value(u"total_alerts")
                .toInt();
        };
        QCOMPARE(count(QStringLiteral("active")), 0);
        QCOMPARE(count(QStringLiteral("acknowledged")), 1);
        QCOMPARE(count(QStringLiteral("resolved")), 0);
        QCOMPARE(count(QStringLiteral("all")), 1);
        const HttpClient::Reply bad = m_client->get(QStringLiteral("/api/p2p/dashboard/alerts?state=open&limit=0"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(u"details").toArray().size(), 2);
    }

    void seedWalkThrough()
    {
        const auto connection
            = m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), seedConnection());
        QCOMPARE(connection.status, 200);
        QCOMPARE(connection.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Connection metrics recorded successfully"));
        static const QRegularExpression uuid(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        QVERIFY(uuid.match(connection.json().value(QStringLiteral("id")).toString()).hasMatch());
        const QString analyticsId = connection.json().value(QStringLiteral("analytics_id")).toString();
        QVERIFY(uuid.match(analyticsId).hasMatch());

        const auto streaming
            = m_client->postJson(QStringLiteral("/api/p2p/analytics/streaming-metrics"), seedStreaming());
        QCOMPARE(streaming.status, 200);
        QCOMPARE(streaming.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Streaming metrics recorded successfully"));
        QCOMPARE(streaming.json().value(QStringLiteral("analytics_id")).toString(), analyticsId);

        const QString now = QStringLiteral("2026-11-28T12:00:00.000Z");
        const auto session = m_client->get(QStringLiteral("/api/p2p/analytics/session/test-session-001"));
        QCOMPARE(session.status, 200);
        QCOMPARE(session.json(),
            QJsonObject({ { QStringLiteral("session_id"), QStringLiteral("test-session-001") },
                { QStringLiteral("user_id"), QStringLiteral("test-user-001") },
                { QStringLiteral("total_connections"), 1 }, { QStringLiteral("total_streaming_sessions"), 1 },
                { QStringLiteral("average_connection_quality"), QStringLiteral("Excellent") },
                { QStringLiteral("total_streaming_hours"), 30.0 / 3600 },
                { QStringLiteral("success_rate_percent"), 100 }, { QStringLiteral("created_at"), now },
                { QStringLiteral("updated_at"), now } }));

        const QJsonObject user = m_client->get(QStringLiteral("/api/p2p/analytics/user/test-user-001")).json();
        QCOMPARE(user.value(QStringLiteral("total_sessions")).toInt(), 1);
        QCOMPARE(user.value(QStringLiteral("average_connection_quality")).toString(), QStringLiteral("Excellent"));
        QCOMPARE(user.value(QStringLiteral("sessions")).toArray(),
            QJsonArray({ QJsonObject({ { QStringLiteral("session_id"), QStringLiteral("test-session-001") },
                { QStringLiteral("created_at"), now }, { QStringLiteral("total_connections"), 1 },
                { QStringLiteral("total_streaming_sessions"), 1 },
                { QStringLiteral("average_quality"), QStringLiteral("Excellent") } }) }));

        QJsonObject stats = m_client->get(QStringLiteral("/api/p2p/analytics/stats?hours=24")).json();
        // The E-model's figures, computed by the database: equal to the last bits or so. One sample: p5 is itself.
        const double mos = EModel::mos(45, 5, 0.1);
        QVERIFY(qAbs(stats.take(QStringLiteral("average_mos")).toDouble() - mos) < 1e-9);
        QVERIFY(qAbs(stats.take(QStringLiteral("mos_p5")).toDouble() - mos) < 1e-9);
        QCOMPARE(stats,
            QJsonObject({ { QStringLiteral("period_hours"), 24 }, { QStringLiteral("total_sessions"), 1 },
                { QStringLiteral("total_streaming_hours"), 30.0 / 3600 },
                { QStringLiteral("average_connection_quality"), QStringLiteral("Excellent") },
                { QStringLiteral("average_latency_ms"), 45 }, { QStringLiteral("average_bandwidth_mbps"), 10.5 },
                { QStringLiteral("total_data_transferred_gb"), 0 }, { QStringLiteral("success_rate_percent"), 100 },
                { QStringLiteral("peak_concurrent_users"), 1 }, { QStringLiteral("average_cpu_usage_percent"), 0 },
                { QStringLiteral("average_memory_usage_mb"), 0 }, { QStringLiteral("generated_at"), now },
                // One sample: every percentile is that sample's value.
                { QStringLiteral("latency_ms_percentiles"),
                    QJsonObject {
                        { QStringLiteral("p50"), 45 }, { QStringLiteral("p95"), 45 }, { QStringLiteral("p99"), 45 } } },
                { QStringLiteral("jitter_ms_percentiles"),
                    QJsonObject {
                        { QStringLiteral("p50"), 5 }, { QStringLiteral("p95"), 5 }, { QStringLiteral("p99"), 5 } } },
                { QStringLiteral("packet_loss_percent_percentiles"),
                    QJsonObject { { QStringLiteral("p50"), 0.1 }, { QStringLiteral("p95"), 0.1 },
                        { QStringLiteral("p99"), 0.1 } } } }));

        const QJsonObject report
            = m_client->get(QStringLiteral("/api/p2p/analytics/performance-report/test-user-001?days=7")).json();
        QCOMPARE(report.value(QStringLiteral("period_days")).toInt(), 7);
        QCOMPARE(report.value(QStringLiteral("total_sessions")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("success_rate_percent")).toDouble(), 100.0);
        QCOMPARE(report.value(QStringLiteral("generated_at")).toString(), now);

        const QJsonObject realtime = m_client->get(QStringLiteral("/api/p2p/dashboard/realtime-metrics")).json();
        QCOMPARE(realtime.value(QStringLiteral("period_hours")).toInt(), 24);
        QCOMPARE(realtime.value(QStringLiteral("timestamp")).toString(), now);
        const QJsonObject p2p = realtime.value(QStringLiteral("p2p_metrics")).toObject();
        QCOMPARE(p2p.value(QStringLiteral("active_peers")).toInt(), 1);
        QCOMPARE(p2p.value(QStringLiteral("network_health_score")).toDouble(), 1.0);
        const QJsonObject streams = realtime.value(QStringLiteral("streaming_metrics")).toObject();
        QCOMPARE(streams.value(QStringLiteral("active_streams")).toInt(), 1);
        QCOMPARE(streams.value(QStringLiteral("average_quality")).toString(), QStringLiteral("HD"));
        QCOMPARE(streams.value(QStringLiteral("quality_switches")).toInt(), 1);
        QCOMPARE(streams.keys().size(), 10);
        QCOMPARE(realtime.value(QStringLiteral("overview")).toObject().keys().size(), 7);
        QCOMPARE(realtime.value(QStringLiteral("system_health"))
                     .toObject()
                     .value(QStringLiteral("error_rate_percent"))
                     .toDouble(),
            0.0);

        const QJsonObject alerts = m_client->get(QStringLiteral("/api/p2p/dashboard/alerts")).json();
        QCOMPARE(alerts.value(QStringLiteral("total_alerts")).toInt(), 0);
        QCOMPARE(alerts.value(QStringLiteral("alerts")).toArray(), QJsonArray());

        const QJsonObject trends = m_client->get(QStringLiteral("/api/p2p/dashboard/trends?hours=24")).json();
        const QJsonArray point { QJsonObject {
            { QStringLiteral("timestamp"), now }, { QStringLiteral("value"), 45 } } };
        QCOMPARE(trends.value(QStringLiteral("latency_trend")).toArray(), point);
        QCOMPARE(trends.value(QStringLiteral("sessions_trend")).toArray().size(), 1);
        QCOMPARE(trends.value(QStringLiteral("success_rate_trend"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toDouble(),
            100.0);
        const QJsonObject latencyOnly
            = m_client->get(QStringLiteral("/api/p2p/dashboard/trends?hours=2&metric_type=latency")).json();
        QCOMPARE(
            latencyOnly.keys(), QStringList({ QStringLiteral("bucket_seconds"), QStringLiteral("latency_trend") }));
        QCOMPARE(latencyOnly.value(QStringLiteral("bucket_seconds")).toInt(), 300);

        for (const QString &path : { QStringLiteral("/api/p2p/dashboard/"), QStringLiteral("/api/p2p/dashboard") }) {
            const auto page = m_client->get(path);
            QCOMPARE(page.status, 200);
            QVERIFY(page.header("Content-Type").startsWith("text/html"));
            QVERIFY(page.body.contains("<title>VibeStream P2P Dashboard</title>"));
        }
        // What the page loads: Chart.js from Debian's package, compiled in; and the six cards' figures.
        const auto chartJs = m_client->get(QStringLiteral("/api/p2p/dashboard/assets/chart.min.js"));
        QCOMPARE(chartJs.status, 200);
        QCOMPARE(chartJs.header("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
        QVERIFY(chartJs.body.startsWith("/*!\n * Chart.js v"));
        expectError(m_client->get(QStringLiteral("/api/p2p/dashboard/assets/nope.js")), 404);
        expectError(m_client->get(QStringLiteral("/api/p2p/dashboard/assets/..%2Fdashboard.html")), 404);
        QCOMPARE(trends.value(QStringLiteral("users_trend")).toArray().at(0).toObject().value(QStringLiteral("value")),
            QJsonValue(1));
        const QJsonObject summary = m_client->get(QStringLiteral("/api/p2p/dashboard/summary")).json();
        QCOMPARE(summary.value(QStringLiteral("window_seconds")).toInt(), 3600);
        const QJsonObject users = summary.value(QStringLiteral("active_users")).toObject();
        QCOMPARE(users.value(QStringLiteral("current")), QJsonValue(1));
        QCOMPARE(users.value(QStringLiteral("previous")), QJsonValue(0));
        QVERIFY(users.value(QStringLiteral("change_percent")).isNull()); // no change from nothing
        const QJsonObject latency = summary.value(QStringLiteral("average_latency_ms")).toObject();
        QCOMPARE(latency.value(QStringLiteral("current")), QJsonValue(45));
        QVERIFY(latency.value(QStringLiteral("previous")).isNull()); // no samples: unknown, not zero
        QCOMPARE(firstFaultyField(m_client->get(QStringLiteral("/api/p2p/dashboard/summary?window_seconds=5")).json()),
            QStringLiteral("window_seconds"));

        const auto health = m_client->get(QStringLiteral("/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.json().value(QStringLiteral("version")).toString(), QStringLiteral(VIBESTREAM_VERSION));
    }

    void extensionsAndUnknownUser()
    {
        QJsonObject network
            = MetricsCodec::encode(Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 1 << 30, 0));
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/network-metrics"), network).status, 200);
        SystemMetrics system = Samples::system(QStringLiteral("edge-1"), 50, 1000);
        const auto systemReply
            = m_client->postJson(QStringLiteral("/api/p2p/analytics/system-metrics"), MetricsCodec::encode(system));
        QCOMPARE(systemReply.status, 200);
        QCOMPARE(systemReply.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("System metrics recorded successfully"));
        QVERIFY(systemReply.json().value(QStringLiteral("analytics_id")).isNull());
        const QJsonObject stats = m_client->get(QStringLiteral("/api/p2p/analytics/stats")).json();
        QCOMPARE(stats.value(QStringLiteral("total_data_transferred_gb")).toDouble(), 1.0);
        QCOMPARE(stats.value(QStringLiteral("average_cpu_usage_percent")).toDouble(), 50.0);
        QCOMPARE(stats.value(QStringLiteral("average_memory_usage_mb")).toInt(), 1000);

        const auto user = m_client->get(QStringLiteral("/api/p2p/analytics/user/nobody"));
        QCOMPARE(user.status, 200);
        QCOMPARE(user.json().value(QStringLiteral("total_sessions")).toInt(), 0);
        QCOMPARE(user.json().value(QStringLiteral("sessions")).toArray(), QJsonArray());
        // Identifiers with reserved characters travel percent-encoded in the path.
        QJsonObject odd = seedConnection();
        odd.insert(QStringLiteral("session_id"), QStringLiteral("a/b c?é"));
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), odd).status, 200);
        const auto oddSession = m_client->get(QStringLiteral("/api/p2p/analytics/session/a%2Fb%20c%3F%C3%A9"));
        QCOMPARE(oddSession.status, 200);
        QCOMPARE(oddSession.json().value(QStringLiteral("session_id")).toString(), QStringLiteral("a/b c?é"));
    }

    void crossOriginPagesMayPostMetrics()
    {
        const QByteArray origin = "https://player.example.com";
        const auto preflight = m_client->send("OPTIONS", QStringLiteral("/api/p2p/analytics/batch"), {},
            { { "Origin", origin }, { "Access-Control-Request-Method", "POST" },
                { "Access-Control-Request-Headers", "content-type" } });
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), origin);
        QCOMPARE(preflight.header("Access-Control-Allow-Methods"), QByteArray("POST, OPTIONS"));
        QVERIFY(preflight.header("Access-Control-Allow-Headers").contains("Content-Type"));

        const auto posted = m_client->post(QStringLiteral("/api/p2p/analytics/connection-metrics"),
            QJsonDocument(seedConnection()).toJson(), { { "Content-Type", "application/json" }, { "Origin", origin } });
        QCOMPARE(posted.status, 200);
        QCOMPARE(posted.header("Access-Control-Allow-Origin"), origin);

        // Queries stay same-origin: no CORS headers, no preflight.
        const auto stats
            = m_client->send("GET", QStringLiteral("/api/p2p/analytics/stats"), {}, { { "Origin", origin } });
        QCOMPARE(stats.status, 200);
        QVERIFY(stats.header("Access-Control-Allow-Origin").isEmpty());
        QCOMPARE(
            m_client->send("OPTIONS", QStringLiteral("/api/p2p/analytics/stats"), {}, { { "Origin", origin } }).status,
            405);

        const auto script = m_client->send("GET", QStringLiteral("/api/p2p/reporter.js"), {}, { { "Origin", origin } });
        QCOMPARE(script.status, 200);
        QCOMPARE(script.header("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
        QCOMPARE(script.header("Access-Control-Allow-Origin"), origin);
        QVERIFY(script.body.contains("VibeStreamReporter"));

        // A console that lets one origin in refuses the others.
        QString error;
        ServerConfig config;
        config.port = 0;
        config.cors = *CorsPolicy::parse(QStringLiteral("https://player.example.com, http://localhost:3000"), &error);
        ApiServer restricted(m_database->sharedFactory(), m_clock);
        QVERIFY2(restricted.start(config, &error), qPrintable(error));
        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(restricted.port())));
        QCOMPARE(
            client.send("OPTIONS", QStringLiteral("/api/p2p/analytics/batch"), {}, { { "Origin", origin } }).status,
            204);
        const auto refused = client.send(
            "OPTIONS", QStringLiteral("/api/p2p/analytics/batch"), {}, { { "Origin", "https://evil.example.com" } });
        expectError(refused, 403);
        QVERIFY(refused.header("Access-Control-Allow-Origin").isEmpty());
        const auto unshared = client.post(QStringLiteral("/api/p2p/analytics/connection-metrics"),
            QJsonDocument(seedConnection()).toJson(),
            { { "Content-Type", "application/json" }, { "Origin", "https://evil.example.com" } });
        QVERIFY(unshared.header("Access-Control-Allow-Origin").isEmpty()); // the browser will not show the answer
        restricted.stop();
    }

    void corsOriginListsAreChecked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("origins"); // empty with `valid` false: refused
        QTest::addColumn<bool>("valid");
        QTest::newRow("any") << QStringLiteral("*") << QStringList { QStringLiteral("*") } << true;
        QTest::newRow("none") << QString() << QStringList() << true;
        QTest::newRow("two") << QStringLiteral("https://a.example, http://b.example:8080")
                             << QStringList { QStringLiteral("https://a.example"),
                                    QStringLiteral("http://b.example:8080") }
                             << true;
        QTest::newRow("path") << QStringLiteral("https://a.example/") << QStringList() << false;
        QTest::newRow("scheme") << QStringLiteral("ftp://a.example") << QStringList() << false;
    }

    void corsOriginListsAreChecked()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, origins);
        QFETCH(bool, valid);
        QString error;
        const std::optional<CorsPolicy> policy = CorsPolicy::parse(text, &error);
        QCOMPARE(policy.has_value(), valid);
        if (policy)
            QCOMPARE(policy->allowedOrigins, origins);
        else
            QVERIFY(error.contains(QStringLiteral("scheme://host")));
    }

    void performanceReportAsCsvAndPdf()
    {
        QJsonObject sample = seedConnection();
        sample.insert(QStringLiteral("user_id"), QStringLiteral("csv, \"user\""));
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), sample).status, 200);
        const QString path = QStringLiteral("/api/p2p/analytics/performance-report/csv%2C%20%22user%22?days=2");
        const QJsonObject json = m_client->get(path).json();
        QCOMPARE(json.value(QStringLiteral("total_sessions")).toInt(), 1);

        const auto summary = m_client->get(path + QStringLiteral("&format=csv"));
        QCOMPARE(summary.status, 200);
        QCOMPARE(summary.header("Content-Type"), QByteArray("text/csv; charset=utf-8; header=present"));
        QCOMPARE(summary.header("Content-Disposition"),
            QByteArray("attachment; filename=\"performance-csv___user_-2d.csv\""));
        const QList<QStringList> rows = TestCsv::parse(summary.body);
        QCOMPARE(rows.at(1), QStringList({ QStringLiteral("Sessions"), QStringLiteral("1"), QString() }));
        QCOMPARE(rows.at(4).at(1).toDouble(), json.value(QStringLiteral("success_rate_percent")).toDouble());

        const auto daily = m_client->get(path + QStringLiteral("&format=csv&table=daily"));
        QCOMPARE(daily.status, 200);
        QCOMPARE(TestCsv::parse(daily.body).size(), 1 + 3); // two days ending at noon span three dates

        const auto pdf = m_client->get(path + QStringLiteral("&format=pdf"));
        QCOMPARE(pdf.status, 200);
        QCOMPARE(pdf.header("Content-Type"), QByteArray("application/pdf"));
        QVERIFY(pdf.body.startsWith("%PDF-"));

        auto faultyParameter = [&](const QString &query) {
            const auto reply = m_client->get(path + query);
            expectError(reply, 400);
            return firstFaultyField(reply.json());
        };
        QCOMPARE(faultyParameter(QStringLiteral("&format=xml")), QStringLiteral("format"));
        QCOMPARE(faultyParameter(QStringLiteral("&format=csv&table=nope")), QStringLiteral("table"));
        QCOMPARE(faultyParameter(QStringLiteral("&table=daily")), QStringLiteral("table"));
    }

    void errorStatuses()
    {
        const QString connectionPath = QStringLiteral("/api/p2p/analytics/connection-metrics");
        expectError(m_client->post(connectionPath, "{\"session_id\": "), 400);
        QVERIFY(m_client->post(connectionPath, "{\"session_id\": ")
                    .json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .startsWith(QStringLiteral("Malformed JSON")));
        expectError(m_client->post(connectionPath, "[1, 2]"), 422);
        expectError(m_client->post(
                        connectionPath, QJsonDocument(seedConnection()).toJson(), { { "Content-Type", "text/plain" } }),
            415);
        expectError(m_client->post(connectionPath, QJsonDocument(seedConnection()).toJson(),
                        { { "Content-Type", "application/json" }, { "Content-Encoding", "br" } }),
            415);

        QJsonObject faulty = seedConnection();
        faulty.insert(QStringLiteral("latency_ms"), QStringLiteral("45"));
        faulty.remove(QStringLiteral("peer_id"));
        const auto invalid = m_client->postJson(connectionPath, faulty);
        expectError(invalid, 422);
        QCOMPARE(invalid.json().value(QStringLiteral("details")).toArray(),
            QJsonArray({ QJsonObject { { QStringLiteral("field"), QStringLiteral("peer_id") },
                             { QStringLiteral("message"), QStringLiteral("is required") } },
                QJsonObject { { QStringLiteral("field"), QStringLiteral("latency_ms") },
                    { QStringLiteral("message"), QStringLiteral("must be an integer between 0 and 4294967295") } } }));

        const auto unknownSession = m_client->get(QStringLiteral("/api/p2p/analytics/session/nope"));
        QCOMPARE(unknownSession.status, 404);
        QCOMPARE(unknownSession.json(),
            QJsonObject({ { QStringLiteral("error"), QStringLiteral("Session analytics not found") } }));
        expectError(m_client->get(QStringLiteral("/api/p2p/nothing-here")), 404);

        const auto wrongMethod = m_client->get(connectionPath);
        expectError(wrongMethod, 405);
        QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));

        for (const QString &query : { QStringLiteral("hours=0"), QStringLiteral("hours=8761"),
                 QStringLiteral("hours=abc"), QStringLiteral("hours=2.5") }) {
            const auto bad = m_client->get(u"/api/p2p/analytics/stats?" + query);
            expectError(bad, 400);
            QCOMPARE(bad.json()
                         .value(QStringLiteral("details"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("field"))
                         .toString(),
                QStringLiteral("hours"));
        }
        expectError(m_client->get(QStringLiteral("/api/p2p/analytics/performance-report/u?days=3651")), 400);
        expectError(m_client->get(QStringLiteral("/api/p2p/dashboard/trends?metric_type=cpu")), 400);
        expectError(m_client->get(QStringLiteral("/api/p2p/dashboard/realtime-metrics?hours=-1")), 400);

        // Beyond the body limit (4 KiB here): refused from the Content-Length, before the body is read.
        const QByteArray big(8000, ' ');
        expectError(m_client->post(connectionPath, big), 413);
        QCOMPARE(storedInAll(), 0);
    }

    void guardRefusesBeforeBuffering()
    {
        // A huge Content-Length with no body behind it: answered at once, from the headers alone.
        const QByteArray claim
            = m_client->raw({ "POST /api/p2p/analytics/connection-metrics HTTP/1.1\r\nHost: x\r\n"
                              "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n" },
                2000);
        QVERIFY2(claim.startsWith("HTTP/1.1 413"), claim);
        QVERIFY(claim.contains("\"error\""));

        const QByteArray chunked
            = m_client->raw({ "POST /api/p2p/analytics/connection-metrics HTTP/1.1\r\nHost: x\r\n"
                              "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5\r\nhello\r\n0\r\n\r\n" },
                2000);
        QVERIFY2(chunked.startsWith("HTTP/1.1 411"), chunked);

        const QByteArray headers
            = m_client->raw({ "GET /health HTTP/1.1\r\nX-Padding: " + QByteArray(10000, 'x') + "\r\n\r\n" }, 2000);
        QVERIFY2(headers.startsWith("HTTP/1.1 431"), headers);
        QCOMPARE(storedInAll(), 0);
    }

    void keepAliveFollowsRequestBoundaries()
    {
        // Two requests in one write, then one sent in pieces: each is answered in order.
        const QByteArray body = QJsonDocument(seedConnection()).toJson(QJsonDocument::Compact);
        const QByteArray post = "POST /api/p2p/analytics/connection-metrics HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QByteArray last = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const QByteArray answer
            = m_client->raw({ post + post.first(30), post.sliced(30, 70), post.sliced(100), last }, 3000, 50);
        QCOMPARE(answer.count("HTTP/1.1 200"), 3);
        QCOMPARE(stored(MetricKind::Connection), 2);
    }

    void idleConnectionsAreClosed()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(2000));
        // The test server closes connections silent for 500 ms.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void batchPartialAcceptance()
    {
        QJsonObject connection = seedConnection();
        connection.insert(QStringLiteral("kind"), QStringLiteral("connection"));
        QJsonObject streaming = seedStreaming();
        streaming.insert(QStringLiteral("kind"), QStringLiteral("streaming"));
        QJsonObject badLatency = connection;
        badLatency.insert(QStringLiteral("latency_ms"), -5);
        QJsonObject noKind = seedConnection();
        const QJsonObject batch { { QStringLiteral("records"),
            QJsonArray { connection, noKind, streaming, badLatency, 17, connection } } };
        const auto reply = m_client->postJson(QStringLiteral("/api/p2p/analytics/batch"), batch);
        QCOMPARE(reply.status, 200);
        const QJsonObject answer = reply.json();
        QCOMPARE(answer.value(QStringLiteral("accepted")).toInt(), 3);
        QCOMPARE(answer.value(QStringLiteral("rejected")).toInt(), 3);
        const QJsonArray errors = answer.value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("index")).toInt(), 1);
        QCOMPARE(firstFaultyField(errors.at(0)), QStringLiteral("kind"));
        QCOMPARE(errors.at(1).toObject().value(QStringLiteral("index")).toInt(), 3);
        QCOMPARE(firstFaultyField(errors.at(1)), QStringLiteral("latency_ms"));
        QCOMPARE(errors.at(2).toObject().value(QStringLiteral("index")).toInt(), 4);
        QCOMPARE(stored(MetricKind::Connection), 2);
        QCOMPARE(stored(MetricKind::Streaming), 1);

        // Over the record limit (50 in this test): refused whole.
        QJsonArray many;
        for (int i = 0; i < 51; ++i)
            many.append(connection);
        expectError(
            m_client->postJson(QStringLiteral("/api/p2p/analytics/batch"), { { QStringLiteral("records"), many } }),
            413);
        expectError(
            m_client->postJson(QStringLiteral("/api/p2p/analytics/batch"), { { QStringLiteral("records"), 3 } }), 422);
        QCOMPARE(stored(MetricKind::Connection), 2);
    }

    void gzipBodies()
    {
        QJsonObject connection = seedConnection();
        connection.insert(QStringLiteral("kind"), QStringLiteral("connection"));
        QJsonArray records;
        for (int i = 0; i < 40; ++i)
            records.append(connection);
        const QByteArray json = QJsonDocument(QJsonObject { { QStringLiteral("records"), records } }).toJson();
        const QList<QPair<QByteArray, QByteArray>> gzipHeaders { { "Content-Type", "application/json" },
            { "Content-Encoding", "gzip" } };
        const auto accepted = m_client->post(QStringLiteral("/api/p2p/analytics/batch"), gzipped(json), gzipHeaders);
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.json().value(QStringLiteral("accepted")).toInt(), 40);

        // Small on the wire, beyond the 64 KiB batch limit once inflated.
        const QByteArray bomb = "{\"records\": [" + QByteArray(200 * 1024, ' ') + "]}";
        QVERIFY(gzipped(bomb).size() < 4096);
        expectError(m_client->post(QStringLiteral("/api/p2p/analytics/batch"), gzipped(bomb), gzipHeaders), 413);
        expectError(m_client->post(QStringLiteral("/api/p2p/analytics/batch"), "not gzip at all", gzipHeaders), 400);
        QCOMPARE(stored(MetricKind::Connection), 40);
    }

    void serverMetrics()
    {
        QCOMPARE(
            m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), seedConnection()).status, 200);
        QCOMPARE(m_client->post(QStringLiteral("/api/p2p/analytics/connection-metrics"), "{}").status, 422);
        QCOMPARE(m_client->get(QStringLiteral("/nowhere")).status, 404);
        const auto metrics = m_client->get(QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.header("Content-Type").startsWith("text/plain"));
        const QByteArray text = metrics.body;
        QVERIFY2(
            text.contains(
                "vibestream_http_requests_total{route=\"/api/p2p/analytics/connection-metrics\",status=\"200\"} 1\n"),
            text);
        QVERIFY(text.contains(
            "vibestream_http_requests_total{route=\"/api/p2p/analytics/connection-metrics\",status=\"422\"} 1\n"));
        QVERIFY(text.contains("vibestream_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"));
        QVERIFY(text.contains("vibestream_records_stored_total{kind=\"connection\"} 1\n"));
        QVERIFY(text.contains("vibestream_records_stored_total{kind=\"streaming\"} 0\n"));
        QVERIFY(text.contains("vibestream_records_rejected_total 1\n"));
        QVERIFY(text.contains("vibestream_ingest_queue_depth 0\n"));
        QVERIFY(text.contains("vibestream_commit_batch_size_bucket{le=\"1\"} 1\n"));
        QVERIFY(text.contains("vibestream_commit_batch_size_count 1\n"));
        QVERIFY(text.contains("vibestream_commit_latency_seconds_count 1\n"));
    }

    void storageFailureStoresNothing()
    {
        QString error;
        QVERIFY2(
            m_database->executeSql({ QStringLiteral("DROP TABLE p2p_streaming_metrics") }, &error), qPrintable(error));
        const auto reply = m_client->postJson(QStringLiteral("/api/p2p/analytics/streaming-metrics"), seedStreaming());
        expectError(reply, 500);
        // The failed transaction left no aggregate behind.
        const auto session = m_repository->findSession(QStringLiteral("test-session-001"));
        QVERIFY(session.ok());
        QVERIFY(!session.value().has_value());
    }

    void lostDatabaseConnectionAnswers503ThenRecovers()
    {
        if (m_database->url().backend != DatabaseUrl::Backend::PostgreSql)
            QSKIP("Needs a database server whose connections can be cut");
        QCOMPARE(
            m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), seedConnection()).status, 200);
        QString error;
        QVERIFY2(
            m_database->executeSql({ QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()") },
                &error),
            qPrintable(error));
        // Every HTTP thread notices its lost connection on its next statement and reconnects on the one after.
        bool saw503 = false;
        for (int i = 0; i < 12; ++i) {
            const auto reply = m_client->get(QStringLiteral("/api/p2p/analytics/stats"));
            if (reply.status == 503) {
                saw503 = true;
                QCOMPARE(reply.header("Retry-After"), QByteArray("5"));
            } else {
                QCOMPARE(reply.status, 200);
            }
        }
        QVERIFY(saw503);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(m_client->get(QStringLiteral("/health")).status, 200);
        QCOMPARE(
            m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), seedConnection()).status, 200);
        // The test's own connection was cut too: its first statement finds out, the next reconnects.
        if (m_repository->checkHealth())
            QVERIFY(!m_repository->checkHealth());
        QCOMPARE(stored(MetricKind::Connection), 2);
    }
};

QTEST_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
