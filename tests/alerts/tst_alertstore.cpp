#include "databasetestcase.h"
#include "storage/repositoryfactory.h"

#include <QTest>

// The AlertStore contract, run on every backend.
class TestAlertStore : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<AlertStore> m_store;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);

    Alert alert(const QString &id, const QString &key, qint64 secondsAfterT0) const
    {
        Alert a;
        a.id = id;
        a.type = QStringLiteral("HighLatency");
        a.severity = Severity::High;
        a.scope = AlertScope::Session;
        a.scopeKey = key;
        a.message = QStringLiteral("Average latency 300.0 ms, \"quoted\", ünïcode");
        a.details = QJsonObject { { QStringLiteral("raise_threshold"), 250 }, { QStringLiteral("samples"), 12 } };
        a.lastValue = 300;
        a.peakValue = 300;
        a.firstSeen = m_t0.addSecs(secondsAfterT0);
        a.lastSeen = a.firstSeen;
        return a;
    }

protected:
    void initDatabaseTest() override
    {
        auto store = m_database->sharedFactory()->openAlerts();
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        m_store = store.value();
    }

    void cleanupDatabaseTest() override { m_store.reset(); }

private slots:
    void storesAndReadsBackEveryField()
    {
        const Alert raised = alert(QStringLiteral("a1"), QStringLiteral("s1"), 0);
        QCOMPARE(m_store->raise(raised).value(), raised);
        const QList<Alert> all = m_store->alerts(AlertSelection::All, 100).value();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.constFirst(), raised);
        QCOMPARE(all.constFirst().state(), AlertState::Active);
    }

    void oneUnresolvedAlertPerKey()
    {
        QVERIFY(m_store->raise(alert(QStringLiteral("a1"), QStringLiteral("s1"), 0)).ok());
        // Another process raising the same rule for the same key gets the existing alert back.
        const Alert again = m_store->raise(alert(QStringLiteral("a2"), QStringLiteral("s1"), 10)).value();
        QCOMPARE(again.id, QStringLiteral("a1"));
        QCOMPARE(m_store->alerts(AlertSelection::All, 100).value().size(), 1);
        // Another key, or the same key once resolved, is a new alert.
        QVERIFY(m_store->raise(alert(QStringLiteral("a3"), QStringLiteral("s2"), 20)).ok());
        QVERIFY(!m_store->resolve(QStringLiteral("a1"), m_t0.addSecs(30)));
        QCOMPARE(
            m_store->raise(alert(QStringLiteral("a4"), QStringLiteral("s1"), 40)).value().id, QStringLiteral("a4"));
        QCOMPARE(m_store->alerts(AlertSelection::All, 100).value().size(), 3);
    }

    void updateKeepsTheFigure()
    {
        Alert a = alert(QStringLiteral("a1"), QStringLiteral("s1"), 0);
        QVERIFY(m_store->raise(a).ok());
        a.lastValue = 280;
        a.peakValue = 350;
        a.lastSeen = m_t0.addSecs(60);
        a.message = QStringLiteral("now 280");
        a.details.insert(QStringLiteral("samples"), 40);
        QVERIFY(!m_store->update(a));
        QCOMPARE(m_store->alerts(AlertSelection::All, 10).value().constFirst(), a);
    }

    void lifecycleAndStateFilters()
    {
        QVERIFY(m_store->raise(alert(QStringLiteral("a1"), QStringLiteral("s1"), 0)).ok());
        QVERIFY(m_store->raise(alert(QStringLiteral("a2"), QStringLiteral("s2"), 10)).ok());
        QVERIFY(m_store->raise(alert(QStringLiteral("a3"), QStringLiteral("s3"), 20)).ok());

        const auto acknowledged = m_store->acknowledge(
            QStringLiteral("a2"), QStringLiteral("ops"), QStringLiteral("on it"), m_t0.addSecs(30));
        QVERIFY(acknowledged.ok());
        QVERIFY(acknowledged.value().has_value());
        QCOMPARE(acknowledged.value()->state(), AlertState::Acknowledged);
        QCOMPARE(acknowledged.value()->acknowledgedBy, QStringLiteral("ops"));
        QCOMPARE(acknowledged.value()->acknowledgementNote, QStringLiteral("on it"));
        QCOMPARE(acknowledged.value()->acknowledgedAt, std::optional<QDateTime>(m_t0.addSecs(30)));
        // A second acknowledgement keeps the first.
        const auto twice
            = m_store->acknowledge(QStringLiteral("a2"), QStringLiteral("other"), QString(), m_t0.addSecs(40));
        QCOMPARE(twice.value()->acknowledgedBy, QStringLiteral("ops"));
        QVERIFY(!m_store->resolve(QStringLiteral("a3"), m_t0.addSecs(50)));
        QVERIFY(!m_store->acknowledge(QStringLiteral("nope"), QStringLiteral("ops"), QString(), m_t0).value());

        auto ids = [&](AlertSelection selection) {
            QStringList list;
            for (const Alert &a : m_store->alerts(selection, 100).value())
                list << a.id;
            return list;
        };
        QCOMPARE(ids(AlertSelection::All),
            QStringList({ QStringLiteral("a3"), QStringLiteral("a2"), QStringLiteral("a1") }));
        QCOMPARE(ids(AlertSelection::Active), QStringList({ QStringLiteral("a1") }));
        QCOMPARE(ids(AlertSelection::Acknowledged), QStringList({ QStringLiteral("a2") }));
        QCOMPARE(ids(AlertSelection::Resolved), QStringList({ QStringLiteral("a3") }));
        QCOMPARE(ids(AlertSelection::Unresolved), QStringList({ QStringLiteral("a2"), QStringLiteral("a1") }));
        QCOMPARE(m_store->alerts(AlertSelection::All, 2).value().size(), 2);
        // A resolved alert cannot be acknowledged any more.
        QVERIFY(!m_store->acknowledge(QStringLiteral("a3"), QStringLiteral("ops"), QString(), m_t0)
                     .value()
                     ->acknowledgedAt);
    }

    void alertsDuringAWindowAreThoseUnresolvedInIt()
    {
        QVERIFY(m_store->raise(alert(QStringLiteral("early"), QStringLiteral("s1"), 0)).ok());
        QVERIFY(!m_store->resolve(QStringLiteral("early"), m_t0.addSecs(100)));
        QVERIFY(m_store->raise(alert(QStringLiteral("open"), QStringLiteral("s2"), 50)).ok());
        QVERIFY(m_store->raise(alert(QStringLiteral("late"), QStringLiteral("s3"), 300)).ok());

        auto during = [&](qint64 from, qint64 to) {
            QStringList list;
            for (const Alert &a : m_store->alertsDuring({ m_t0.addSecs(from), m_t0.addSecs(to) }).value())
                list << a.id;
            return list;
        };
        QCOMPARE(during(-10, 40), QStringList({ QStringLiteral("early") }));
        QCOMPARE(during(60, 200), QStringList({ QStringLiteral("open"), QStringLiteral("early") }));
        // Resolved exactly at the window's start: over before it.
        QCOMPARE(during(100, 200), QStringList({ QStringLiteral("open") }));
        // Raised exactly at the window's end: in it.
        QCOMPARE(during(200, 300), QStringList({ QStringLiteral("late"), QStringLiteral("open") }));
    }
};

QTEST_GUILESS_MAIN(TestAlertStore)
#include "tst_alertstore.moc"
