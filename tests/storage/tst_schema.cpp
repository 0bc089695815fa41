#include "analytics/analyticsservice.h"
#include "databasetestcase.h"
#include "storage/migrator.h"

#include <QTest>

// The seed's schema as existing tools read it, and how the console moves a database between versions.
// Run against SQLite and PostgreSQL.
class TestSchema : public DatabaseTestCase
{
    Q_OBJECT

private:
    bool isPostgres() const { return m_database->url().backend == DatabaseUrl::Backend::PostgreSql; }

    QStringList query(const QString &sql)
    {
        QString error;
        const auto rows = m_database->executeSql({ sql }, &error);
        if (!rows)
            qWarning("%s: %s", qPrintable(sql), qPrintable(error));
        return rows.value_or(QStringList());
    }

    // "name type" of each column in order; the type as PostgreSQL's catalog names it, or as declared in SQLite.
    QStringList columnsOf(const QString &table)
    {
        if (isPostgres()) {
            return query(QStringLiteral("SELECT column_name || ' ' || data_type FROM information_schema.columns "
                                        "WHERE table_name = '%1' ORDER BY ordinal_position")
                             .arg(table));
        }
        return query(QStringLiteral("SELECT name || ' ' || type FROM pragma_table_info('%1') ORDER BY cid").arg(table));
    }

    QStringList indicesOf(const QString &table)
    {
        if (isPostgres())
            return query(QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = '%1'").arg(table));
        return query(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '%1'").arg(table));
    }

    // A seed column as the catalog reports it: PostgreSQL normalizes type names, SQLite keeps the declaration.
    QString column(const QString &name, const QString &declared, const QString &postgres = QString()) const
    {
        const QString type = isPostgres() ? (postgres.isEmpty() ? declared : postgres) : declared;
        return name + u' ' + type;
    }

private slots:
    void seedTablesColumnsAndIndicesExist()
    {
        QVERIFY(m_database->open());
        const QString varchar = QStringLiteral("VARCHAR(255)");
        const QString pgVarchar = QStringLiteral("character varying");
        const QString timestamptz = QStringLiteral("TIMESTAMP WITH TIME ZONE");
        const QString pgTimestamptz = QStringLiteral("timestamp with time zone");
        const QString dbl = QStringLiteral("DOUBLE PRECISION");
        const QString pgDouble = QStringLiteral("double precision");
        // The u32 columns are widened to bigint on PostgreSQL (migration 2), where INTEGER is signed 32-bit.
        const QString integer = QStringLiteral("INTEGER");
        const QString pgWide = QStringLiteral("bigint");

        const QStringList aggregates = columnsOf(QStringLiteral("p2p_analytics_aggregates"));
        const QStringList expectedAggregates {
            column(QStringLiteral("id"), varchar, pgVarchar),
            column(QStringLiteral("session_id"), varchar, pgVarchar),
            column(QStringLiteral("user_id"), varchar, pgVarchar),
            column(QStringLiteral("network_metrics"), QStringLiteral("JSONB"), QStringLiteral("jsonb")),
            column(QStringLiteral("system_metrics"), QStringLiteral("JSONB"), QStringLiteral("jsonb")),
            column(QStringLiteral("created_at"), timestamptz, pgTimestamptz),
            column(QStringLiteral("updated_at"), timestamptz, pgTimestamptz),
        };
        QCOMPARE(aggregates, expectedAggregates);

        const QStringList connection = columnsOf(QStringLiteral("p2p_connection_metrics"));
        const QStringList expectedConnection {
            column(QStringLiteral("id"), varchar, pgVarchar),
            column(QStringLiteral("analytics_id"), varchar, pgVarchar),
            column(QStringLiteral("connection_id"), varchar, pgVarchar),
            column(QStringLiteral("session_id"), varchar, pgVarchar),
            column(QStringLiteral("peer_id"), varchar, pgVarchar),
            column(QStringLiteral("connection_type"), QStringLiteral("VARCHAR(50)"), pgVarchar),
            column(QStringLiteral("latency_ms"), integer, pgWide),
            column(QStringLiteral("bandwidth_mbps"), dbl, pgDouble),
            column(QStringLiteral("packet_loss_percent"), dbl, pgDouble),
            column(QStringLiteral("jitter_ms"), integer, pgWide),
            column(QStringLiteral("connection_quality"), QStringLiteral("VARCHAR(50)"), pgVarchar),
            column(QStringLiteral("ice_connection_state"), varchar, pgVarchar),
            column(QStringLiteral("dtls_transport_state"), varchar, pgVarchar),
            column(QStringLiteral("created_at"), timestamptz, pgTimestamptz),
            column(QStringLiteral("updated_at"), timestamptz, pgTimestamptz),
        };
        QCOMPARE(connection.mid(0, expectedConnection.size()), expectedConnection);

        const QStringList streaming = columnsOf(QStringLiteral("p2p_streaming_metrics"));
        const QStringList expectedStreaming {
            column(QStringLiteral("id"), varchar, pgVarchar),
            column(QStringLiteral("analytics_id"), varchar, pgVarchar),
            column(QStringLiteral("stream_id"), varchar, pgVarchar),
            column(QStringLiteral("content_id"), varchar, pgVarchar),
            column(QStringLiteral("user_id"), varchar, pgVarchar),
            column(QStringLiteral("quality_level"), QStringLiteral("VARCHAR(50)"), pgVarchar),
            column(QStringLiteral("bitrate_kbps"), integer, pgWide),
            column(QStringLiteral("frame_rate"), QStringLiteral("REAL"), QStringLiteral("real")),
            column(QStringLiteral("resolution_width"), integer, pgWide),
            column(QStringLiteral("resolution_height"), integer, pgWide),
            column(QStringLiteral("buffer_level_seconds"), QStringLiteral("REAL"), QStringLiteral("real")),
            column(QStringLiteral("dropped_frames"), integer, pgWide),
            column(QStringLiteral("total_frames"), integer, pgWide),
            column(QStringLiteral("adaptive_switches"), integer, pgWide),
            column(QStringLiteral("start_time"), timestamptz, pgTimestamptz),
            column(QStringLiteral("end_time"), timestamptz, pgTimestamptz),
            column(QStringLiteral("duration_seconds"), dbl, pgDouble),
        };
        QCOMPARE(streaming.mid(0, expectedStreaming.size()), expectedStreaming);

        const QStringList indices = indicesOf(QStringLiteral("p2p_analytics_aggregates"));
        for (const char *index :
            { "idx_p2p_analytics_session_id", "idx_p2p_analytics_user_id", "idx_p2p_analytics_created_at" })
            QVERIFY2(indices.contains(QLatin1String(index)), index);

        QCOMPARE(query(QStringLiteral("SELECT MAX(version) FROM schema_version")),
            QStringList { QString::number(Migrator::latestVersion()) });
    }

    void previousVersionUpgradesWithoutLosingRows()
    {
        QString error;
        QVERIFY2(m_database->migrateTo(1, &error), qPrintable(error));
        QCOMPARE(query(QStringLiteral("SELECT MAX(version) FROM schema_version")), QStringList { QStringLiteral("1") });

        // Rows as the seed's schema holds them, written without the console.
        const QDateTime t0(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        auto time = [&](qint64 seconds) {
            return isPostgres() ? u"'" + t0.addSecs(seconds).toString(Qt::ISODate) + u"'"
                                : QString::number(t0.addSecs(seconds).toMSecsSinceEpoch());
        };
        const QStringList inserts {
            QStringLiteral(
                "INSERT INTO p2p_analytics_aggregates VALUES ('agg-1', 'old-session', 'old-user', '{}', '{}', %1, %2)")
                .arg(time(0), time(60)),
            QStringLiteral(
                "INSERT INTO p2p_connection_metrics VALUES ('c-1', 'agg-1', 'conn-1', 'old-session', 'peer-1', "
                "'WebRTC', 45, 10.5, 0.1, 5, 'Fair', 'connected', 'connected', %1, %1)")
                .arg(time(30)),
            QStringLiteral(
                "INSERT INTO p2p_streaming_metrics VALUES ('s-1', 'agg-1', 'stream-1', 'content-1', 'old-user', "
                "'HD', 2500, 30.0, 1920, 1080, 5.0, 2, 900, 1, %1, NULL, 1800.0)")
                .arg(time(45)),
        };
        QVERIFY2(m_database->executeSql(inserts, &error), qPrintable(error));

        // Opening with this binary migrates to the latest version.
        const std::shared_ptr<AnalyticsRepository> repository = m_database->open();
        QVERIFY(repository);
        QCOMPARE(query(QStringLiteral("SELECT MAX(version) FROM schema_version")),
            QStringList { QString::number(Migrator::latestVersion()) });

        // The samples stored before the rollups existed count in the fleet's figures.
        QCOMPARE(value(repository->connectionTotals({})).samples, 1);
        QCOMPARE(value(repository->streamingTotals({})).durationSecondsSum, 1800.0);
        QCOMPARE(value(repository->distinctUsers({})), 1);
        const auto connections = repository->samples(MetricKind::Connection, {});
        QVERIFY(connections.ok());
        QCOMPARE(connections.value().size(), 1);
        const auto &connection = std::get<ConnectionMetrics>(connections.value()[0].record.metrics);
        QCOMPARE(connection.userId, QStringLiteral("old-user")); // back-filled from the aggregate
        QCOMPARE(connection.latencyMs, 45u);
        QCOMPARE(connections.value()[0].record.recordedAt, t0.addSecs(30));

        const auto streams = repository->samples(MetricKind::Streaming, {});
        QVERIFY(streams.ok());
        QCOMPARE(streams.value().size(), 1);
        const auto &stream = std::get<StreamingMetrics>(streams.value()[0].record.metrics);
        QCOMPARE(stream.sessionId, QStringLiteral("old-session")); // back-filled from the aggregate
        QCOMPARE(streams.value()[0].record.recordedAt, t0.addSecs(45)); // back-filled from start_time

        // The figures read the old rows like new ones.
        AnalyticsService service(repository, std::make_shared<ManualClock>(t0.addSecs(3600)));
        const auto session = service.sessionAnalytics(QStringLiteral("old-session"));
        QVERIFY(session.ok() && session.value());
        QCOMPARE(session.value()->userId, QStringLiteral("old-user"));
        QCOMPARE(session.value()->totalConnections, 1);
        QCOMPARE(session.value()->totalStreamingSessions, 1);
        QCOMPARE(session.value()->averageConnectionQuality, ConnectionQuality::Fair);
        QCOMPARE(session.value()->totalStreamingHours, 0.5);
        QCOMPARE(session.value()->createdAt, t0);
    }

    void newerDatabaseIsRefused()
    {
        QVERIFY(m_database->open());
        QString error;
        QVERIFY2(
            m_database->executeSql({ QStringLiteral("INSERT INTO schema_version (version, description, applied_at) "
                                                    "VALUES (999, 'from the future', %1)")
                                           .arg(isPostgres() ? QStringLiteral("now()") : QStringLiteral("0")) },
                &error),
            qPrintable(error));
        const auto refused = m_database->factory().open();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
            QStringLiteral("The database has schema version 999, newer than the %1 this VibeStream Console "
                           "knows: use a newer console with this database")
                .arg(Migrator::latestVersion()));
    }

    void reopeningMigratesNothing()
    {
        QVERIFY(m_database->open());
        QVERIFY(m_database->open());
        QCOMPARE(query(QStringLiteral("SELECT COUNT(*) FROM schema_version")),
            QStringList { QString::number(Migrator::latestVersion()) });
    }

    void sqliteRunsInWalMode()
    {
        if (isPostgres())
            QSKIP("SQLite only");
        QVERIFY(m_database->open());
        // The journal mode is kept in the file, so another connection sees what the repository set.
        QCOMPARE(query(QStringLiteral("PRAGMA journal_mode")), QStringList { QStringLiteral("wal") });
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
