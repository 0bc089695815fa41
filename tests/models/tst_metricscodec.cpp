#include "domain/metricscodec.h"

#include "testdata.h"

#include <QJsonDocument>
#include <QTest>

// How a test row changes the valid seed payload: set a field to a value, or remove it.
struct Mutation
{
    QString field;
    QJsonValue value; // Undefined removes the field
};
Q_DECLARE_METATYPE(Mutation)

class TestMetricsCodec : public QObject
{
    Q_OBJECT

private:
    static QJsonObject mutated(QJsonObject json, const Mutation &mutation)
    {
        if (mutation.value.isUndefined())
            json.remove(mutation.field);
        else
            json.insert(mutation.field, mutation.value);
        return json;
    }

    static void addFaultColumns()
    {
        QTest::addColumn<Mutation>("mutation");
        QTest::addColumn<QString>("field"); // empty: the sample stays valid
        QTest::addColumn<QString>("message");
    }

    static void checkFault(const QList<FieldError> &errors, bool valid)
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        if (field.isEmpty()) {
            QVERIFY2(valid, qPrintable(errors.isEmpty() ? QString() : errors.constFirst().message));
            QVERIFY(errors.isEmpty());
            return;
        }
        QVERIFY(!valid);
        QCOMPARE(errors, QList<FieldError>({ { field, message } }));
    }

    static inline const QString s_u32Message = QStringLiteral("must be an integer between 0 and 4294967295");
    static inline const QString s_numberMessage = QStringLiteral("must be a finite number >= 0");
    static inline const QString s_percentMessage = QStringLiteral("must be a number between 0 and 100");

private slots:
    void seedPayloadsRoundTrip()
    {
        const QJsonObject connectionJson = TestData::payload(QStringLiteral("connection-metrics.json"));
        const Decoded<ConnectionMetrics> connection = MetricsCodec::decodeConnection(connectionJson);
        QVERIFY(connection.isValid());
        QCOMPARE(connection.value->sessionId, QStringLiteral("test-session-001"));
        QCOMPARE(connection.value->connectionType, ConnectionType::WebRTC);
        QCOMPARE(connection.value->latencyMs, 45u);
        QCOMPARE(connection.value->bandwidthMbps, 10.5);
        QCOMPARE(connection.value->connectionQuality, ConnectionQuality::Excellent);
        QVERIFY(connection.value->isSuccessful());
        const QJsonObject connectionOut = MetricsCodec::encode(*connection.value);
        QCOMPARE(connectionOut.keys(), connectionJson.keys());
        QCOMPARE(MetricsCodec::decodeConnection(connectionOut).value, connection.value);

        const QJsonObject streamingJson = TestData::payload(QStringLiteral("streaming-metrics.json"));
        const Decoded<StreamingMetrics> streaming = MetricsCodec::decodeStreaming(streamingJson);
        QVERIFY(streaming.isValid());
        QCOMPARE(streaming.value->qualityLevel, QualityLevel::HD);
        QCOMPARE(streaming.value->startTime, QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC));
        QVERIFY(!streaming.value->endTime.has_value());
        QCOMPARE(streaming.value->durationSeconds, 30.0);
        const QJsonObject streamingOut = MetricsCodec::encode(*streaming.value);
        QCOMPARE(streamingOut.keys(), streamingJson.keys());
        QCOMPARE(
            streamingOut.value(QStringLiteral("start_time")).toString(), QStringLiteral("2026-11-28T10:00:00.000Z"));
        QVERIFY(streamingOut.value(QStringLiteral("end_time")).isNull());
        QCOMPARE(MetricsCodec::decodeStreaming(streamingOut).value, streaming.value);
    }

    void connectionFaults_data()
    {
        addFaultColumns();
        QTest::addRow("latency as a string") << Mutation { QStringLiteral("latency_ms"), QStringLiteral("45") }
                                             << QStringLiteral("latency_ms") << s_u32Message;
        QTest::addRow("latency with a fraction")
            << Mutation { QStringLiteral("latency_ms"), 45.5 } << QStringLiteral("latency_ms") << s_u32Message;
        QTest::addRow("latency negative")
            << Mutation { QStringLiteral("latency_ms"), -1 } << QStringLiteral("latency_ms") << s_u32Message;
        QTest::addRow("latency above u32")
            << Mutation { QStringLiteral("latency_ms"), 4294967296.0 } << QStringLiteral("latency_ms") << s_u32Message;
        QTest::addRow("latency at u32 max")
            << Mutation { QStringLiteral("latency_ms"), 4294967295.0 } << QString() << QString();
        QTest::addRow("jitter boolean") << Mutation { QStringLiteral("jitter_ms"), true } << QStringLiteral("jitter_ms")
                                        << s_u32Message;
        QTest::addRow("bandwidth negative") << Mutation { QStringLiteral("bandwidth_mbps"), -0.1 }
                                            << QStringLiteral("bandwidth_mbps") << s_numberMessage;
        QTest::addRow("bandwidth as a string") << Mutation { QStringLiteral("bandwidth_mbps"), QStringLiteral("10") }
                                               << QStringLiteral("bandwidth_mbps") << s_numberMessage;
        QTest::addRow("bandwidth zero") << Mutation { QStringLiteral("bandwidth_mbps"), 0 } << QString() << QString();
        QTest::addRow("packet loss above 100") << Mutation { QStringLiteral("packet_loss_percent"), 100.5 }
                                               << QStringLiteral("packet_loss_percent") << s_percentMessage;
        QTest::addRow("packet loss negative") << Mutation { QStringLiteral("packet_loss_percent"), -0.5 }
                                              << QStringLiteral("packet_loss_percent") << s_percentMessage;
        QTest::addRow("packet loss at 100")
            << Mutation { QStringLiteral("packet_loss_percent"), 100 } << QString() << QString();
        QTest::addRow("connection type in lower case")
            << Mutation { QStringLiteral("connection_type"), QStringLiteral("webrtc") }
            << QStringLiteral("connection_type") << QStringLiteral("must be one of WebRTC, WebSocket, Direct, Relay");
        QTest::addRow("connection type Relay")
            << Mutation { QStringLiteral("connection_type"), QStringLiteral("Relay") } << QString() << QString();
        QTest::addRow("quality as a number")
            << Mutation { QStringLiteral("connection_quality"), 5 } << QStringLiteral("connection_quality")
            << QStringLiteral("must be one of Excellent, Good, Fair, Poor, Unusable");
        QTest::addRow("session id empty") << Mutation { QStringLiteral("session_id"), QString() }
                                          << QStringLiteral("session_id") << QStringLiteral("must not be empty");
        QTest::addRow("session id of 256 characters")
            << Mutation { QStringLiteral("session_id"), QString(256, u'x') } << QStringLiteral("session_id")
            << QStringLiteral("must be at most 255 characters");
        QTest::addRow("session id of 255 characters")
            << Mutation { QStringLiteral("session_id"), QString(255, u'x') } << QString() << QString();
        QTest::addRow("session id of 255 non-BMP characters")
            << Mutation { QStringLiteral("session_id"), QString::fromUcs4(std::u32string(255, U'\U0001F3AC').c_str()) }
            << QString() << QString();
        QTest::addRow("user id as a number") << Mutation { QStringLiteral("user_id"), 7 } << QStringLiteral("user_id")
                                             << QStringLiteral("must be a string");
        QTest::addRow("peer id missing") << Mutation { QStringLiteral("peer_id"), QJsonValue(QJsonValue::Undefined) }
                                         << QStringLiteral("peer_id") << QStringLiteral("is required");
        QTest::addRow("peer id null") << Mutation { QStringLiteral("peer_id"), QJsonValue() }
                                      << QStringLiteral("peer_id") << QStringLiteral("is required");
        QTest::addRow("ice state missing")
            << Mutation { QStringLiteral("ice_connection_state"), QJsonValue(QJsonValue::Undefined) }
            << QStringLiteral("ice_connection_state") << QStringLiteral("is required");
    }

    void connectionFaults()
    {
        QFETCH(Mutation, mutation);
        const auto decoded = MetricsCodec::decodeConnection(
            mutated(TestData::payload(QStringLiteral("connection-metrics.json")), mutation));
        checkFault(decoded.errors, decoded.isValid());
    }

    void streamingFaults_data()
    {
        addFaultColumns();
        QTest::addRow("dropped above total")
            << Mutation { QStringLiteral("dropped_frames"), 901 } << QStringLiteral("dropped_frames")
            << QStringLiteral("must not exceed total_frames");
        QTest::addRow("dropped equal to total")
            << Mutation { QStringLiteral("dropped_frames"), 900 } << QString() << QString();
        QTest::addRow("end before start")
            << Mutation { QStringLiteral("end_time"), QStringLiteral("2026-11-28T09:59:59Z") }
            << QStringLiteral("end_time") << QStringLiteral("must not be before start_time");
        QTest::addRow("end after start in another offset")
            << Mutation { QStringLiteral("end_time"), QStringLiteral("2026-11-28T11:30:00+01:00") } << QString()
            << QString();
        QTest::addRow("end omitted") << Mutation { QStringLiteral("end_time"), QJsonValue(QJsonValue::Undefined) }
                                     << QString() << QString();
        QTest::addRow("start without offset")
            << Mutation { QStringLiteral("start_time"), QStringLiteral("2026-11-28T10:00:00") }
            << QStringLiteral("start_time")
            << QStringLiteral("must be an RFC 3339 timestamp such as 2026-11-28T10:00:00Z");
        QTest::addRow("start as epoch number")
            << Mutation { QStringLiteral("start_time"), 1795860000 } << QStringLiteral("start_time")
            << QStringLiteral("must be an RFC 3339 timestamp such as 2026-11-28T10:00:00Z");
        QTest::addRow("start missing") << Mutation { QStringLiteral("start_time"), QJsonValue(QJsonValue::Undefined) }
                                       << QStringLiteral("start_time") << QStringLiteral("is required");
        QTest::addRow("frame rate negative")
            << Mutation { QStringLiteral("frame_rate"), -30 } << QStringLiteral("frame_rate") << s_numberMessage;
        QTest::addRow("frame rate beyond float")
            << Mutation { QStringLiteral("frame_rate"), 1e300 } << QStringLiteral("frame_rate") << s_numberMessage;
        QTest::addRow("buffer level as a string")
            << Mutation { QStringLiteral("buffer_level_seconds"), QStringLiteral("5") }
            << QStringLiteral("buffer_level_seconds") << s_numberMessage;
        QTest::addRow("unknown quality level")
            << Mutation { QStringLiteral("quality_level"), QStringLiteral("4K") } << QStringLiteral("quality_level")
            << QStringLiteral("must be one of UltraHD, FullHD, HD, SD, Low");
        QTest::addRow("unknown extra field")
            << Mutation { QStringLiteral("codec"), QStringLiteral("vp9") } << QString() << QString();
    }

    void streamingFaults()
    {
        QFETCH(Mutation, mutation);
        const auto decoded = MetricsCodec::decodeStreaming(
            mutated(TestData::payload(QStringLiteral("streaming-metrics.json")), mutation));
        checkFault(decoded.errors, decoded.isValid());
    }

    void everyFaultReportedAtOnce()
    {
        QJsonObject json = TestData::payload(QStringLiteral("connection-metrics.json"));
        json.remove(QStringLiteral("session_id"));
        json.insert(QStringLiteral("latency_ms"), QStringLiteral("45"));
        json.insert(QStringLiteral("connection_type"), QStringLiteral("Carrier pigeon"));
        json.insert(QStringLiteral("packet_loss_percent"), 250);
        const auto decoded = MetricsCodec::decodeConnection(json);
        QVERIFY(!decoded.isValid());
        QStringList fields;
        for (const FieldError &error : decoded.errors)
            fields << error.field;
        QCOMPARE(fields,
            QStringList({ QStringLiteral("session_id"), QStringLiteral("connection_type"), QStringLiteral("latency_ms"),
                QStringLiteral("packet_loss_percent") }));

        const auto empty = MetricsCodec::decodeStreaming(QJsonObject());
        QCOMPARE(empty.errors.size(), 15); // every required field; end_time is optional
    }

    void nonFiniteNumbersRejected()
    {
        // JSON has no NaN or Infinity literal; an overflowing exponent is the way one arrives.
        QJsonObject json = TestData::payload(QStringLiteral("connection-metrics.json"));
        QByteArray text = QJsonDocument(json).toJson();
        text.replace("10.5", "1e400");
        const QJsonDocument document = QJsonDocument::fromJson(text);
        if (!document.isNull()) {
            const auto decoded = MetricsCodec::decodeConnection(document.object());
            QCOMPARE(decoded.errors, QList<FieldError>({ { QStringLiteral("bandwidth_mbps"), s_numberMessage } }));
        }
    }

    void networkAndSystem()
    {
        QJsonObject network {
            { QStringLiteral("session_id"), QStringLiteral("s") },
            { QStringLiteral("user_id"), QStringLiteral("u") },
            { QStringLiteral("peer_id"), QStringLiteral("p") },
            { QStringLiteral("total_data_sent_bytes"), 5'000'000'000.0 },
            { QStringLiteral("total_data_received_bytes"), 7 },
            { QStringLiteral("active_connections"), 2 },
            { QStringLiteral("max_connections"), 8 },
            { QStringLiteral("connection_errors"), 0 },
            { QStringLiteral("successful_transfers"), 3 },
            { QStringLiteral("failed_transfers"), 1 },
            { QStringLiteral("average_transfer_speed_mbps"), 12.5 },
        };
        const auto decodedNetwork = MetricsCodec::decode(MetricKind::Network, network);
        QVERIFY(decodedNetwork.isValid());
        QCOMPARE(std::get<NetworkMetrics>(*decodedNetwork.value).totalDataSentBytes, 5'000'000'000ull);
        QCOMPARE(MetricsCodec::encode(*decodedNetwork.value), network);

        network.insert(QStringLiteral("total_data_sent_bytes"), 1e17);
        QCOMPARE(MetricsCodec::decodeNetwork(network).errors,
            QList<FieldError>({ { QStringLiteral("total_data_sent_bytes"),
                QStringLiteral("must be an integer between 0 and 9007199254740991") } }));

        QJsonObject system {
            { QStringLiteral("cpu_usage_percent"), 101 },
            { QStringLiteral("memory_usage_mb"), 512 },
            { QStringLiteral("network_throughput_mbps"), 80 },
            { QStringLiteral("active_streams"), 4 },
            { QStringLiteral("total_peers"), 9 },
            { QStringLiteral("average_latency_ms"), 30.5 },
            { QStringLiteral("error_rate_percent"), 0.5 },
        };
        QCOMPARE(MetricsCodec::decodeSystem(system).errors,
            QList<FieldError>({ { QStringLiteral("node_id"), QStringLiteral("is required when session_id is absent") },
                { QStringLiteral("cpu_usage_percent"), s_percentMessage } }));
        system.insert(QStringLiteral("cpu_usage_percent"), 55);
        system.insert(QStringLiteral("node_id"), QStringLiteral("edge-1"));
        system.insert(QStringLiteral("transcoding_jobs_active"), 2);
        const auto decodedSystem = MetricsCodec::decodeSystem(system);
        QVERIFY(decodedSystem.isValid());
        QCOMPARE(decodedSystem.value->reporter(), QStringLiteral("edge-1"));
        QCOMPARE(decodedSystem.value->transcodingJobsActive, std::optional<quint32>(2));
        QVERIFY(!decodedSystem.value->transcodingJobsFailed.has_value());
    }

    void metricKindNames()
    {
        for (MetricKind kind :
            { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System })
            QCOMPARE(metricKindFromString(spelling(kind)), std::optional<MetricKind>(kind));
        QCOMPARE(spelling(MetricKind::Streaming), QStringLiteral("streaming"));
        QVERIFY(!metricKindFromString(QStringLiteral("Connection")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestMetricsCodec)
#include "tst_metricscodec.moc"
