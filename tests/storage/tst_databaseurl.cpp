#include "storage/databaseurl.h"

#include <QTest>

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void valid()
    {
        QString error;
        const auto memory = DatabaseUrl::parse(QStringLiteral("memory:"), &error);
        QVERIFY(memory);
        QCOMPARE(memory->backend, DatabaseUrl::Backend::Memory);

        const auto sqlite = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/vibestream/data.db"), &error);
        QVERIFY(sqlite);
        QCOMPARE(sqlite->backend, DatabaseUrl::Backend::Sqlite);
        QCOMPARE(sqlite->path, QStringLiteral("/var/lib/vibestream/data.db"));
        QCOMPARE(sqlite->displayString(), QStringLiteral("sqlite:///var/lib/vibestream/data.db"));

        const auto pg
            = DatabaseUrl::parse(QStringLiteral("postgresql://vibe:s3cret@db.example:6543/analytics"), &error);
        QVERIFY(pg);
        QCOMPARE(pg->backend, DatabaseUrl::Backend::PostgreSql);
        QCOMPARE(pg->host, QStringLiteral("db.example"));
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->user, QStringLiteral("vibe"));
        QCOMPARE(pg->password, QStringLiteral("s3cret"));
        QCOMPARE(pg->databaseName, QStringLiteral("analytics"));
        QCOMPARE(pg->displayString(), QStringLiteral("postgresql://vibe@db.example:6543/analytics"));

        const auto defaultPort = DatabaseUrl::parse(QStringLiteral("postgres://127.0.0.1/vibe"), &error);
        QVERIFY(defaultPort);
        QCOMPARE(defaultPort->port, 5432);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reasonStart");
        QTest::addRow("relative sqlite path") << QStringLiteral("sqlite://data.db") << QStringLiteral("A SQLite URL");
        QTest::addRow("sqlite folder") << QStringLiteral("sqlite:///tmp/") << QStringLiteral("A SQLite URL");
        QTest::addRow("postgres without database")
            << QStringLiteral("postgresql://host") << QStringLiteral("A PostgreSQL URL");
        QTest::addRow("unknown scheme") << QStringLiteral("mysql://host/db")
                                        << QStringLiteral("Unknown database scheme");
        QTest::addRow("no scheme") << QStringLiteral("/tmp/data.db") << QStringLiteral("'/tmp/data.db' is not");
        QTest::addRow("empty") << QString() << QStringLiteral("'' is not");
    }

    void invalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, reasonStart);
        QString error;
        QVERIFY(!DatabaseUrl::parse(text, &error));
        QVERIFY2(error.startsWith(reasonStart), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
