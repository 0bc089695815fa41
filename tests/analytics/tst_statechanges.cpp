#include "analytics/statechanges.h"
#include "domain/emodel.h"
#include "itemmodels/sampletablemodel.h"
#include "samples.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestStateChanges : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    StoredSample sample(int seconds, const QString &connection, const char *ice, const char *dtls) const
    {
        ConnectionMetrics m = Samples::connection(QStringLiteral("s"), QStringLiteral("u"));
        m.connectionId = connection;
        m.iceConnectionState = QString::fromLatin1(ice);
        m.dtlsTransportState = QString::fromLatin1(dtls);
        return { { QStringLiteral("id-%1").arg(seconds), QStringLiteral("a") }, { m, m_t0.addSecs(seconds) } };
    }

private slots:
    void keepsFirstAndChangedStatesPerConnection()
    {
        const QList<StoredSample> samples {
            sample(0, QStringLiteral("c1"), "checking", "new"),
            sample(5, QStringLiteral("c1"), "checking", "new"), // unchanged
            sample(6, QStringLiteral("c2"), "connected", "connected"), // another connection's first
            sample(10, QStringLiteral("c1"), "connected", "connecting"),
            sample(15, QStringLiteral("c1"), "connected", "connected"),
            sample(20, QStringLiteral("c2"), "connected", "connected"), // unchanged
            sample(25, QStringLiteral("c1"), "disconnected", "connected"),
        };
        const QList<StateChange> changes = stateChangesOf(samples);
        const QList<StateChange> expected {
            { m_t0, QStringLiteral("c1"), QStringLiteral("checking"), QStringLiteral("new") },
            { m_t0.addSecs(6), QStringLiteral("c2"), QStringLiteral("connected"), QStringLiteral("connected") },
            { m_t0.addSecs(10), QStringLiteral("c1"), QStringLiteral("connected"), QStringLiteral("connecting") },
            { m_t0.addSecs(15), QStringLiteral("c1"), QStringLiteral("connected"), QStringLiteral("connected") },
            { m_t0.addSecs(25), QStringLiteral("c1"), QStringLiteral("disconnected"), QStringLiteral("connected") },
        };
        QCOMPARE(changes, expected);
        QVERIFY(stateChangesOf({}).isEmpty());
    }

    void sampleTableShowsTheSamples()
    {
        SampleTableModel model(SampleTableModel::connectionColumns());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSamples({ sample(0, QStringLiteral("c1"), "checking", "new"),
            sample(5, QStringLiteral("c2"), "failed", "failed") });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 12);
        QCOMPARE(model.headerData(9, Qt::Horizontal).toString(), QStringLiteral("MOS"));
        QCOMPARE(model.index(0, 9).data().toDouble(), std::round(EModel::mos(40, 4, 0.5) * 100) / 100);
        QCOMPARE(model.headerData(10, Qt::Horizontal).toString(), QStringLiteral("ICE"));
        QCOMPARE(model.index(1, 10).data().toString(), QStringLiteral("failed"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("c1"));
        QCOMPARE(model.index(0, 4).data().toLongLong(), 40); // the sample's latency
        SampleTableModel streaming(SampleTableModel::streamingColumns());
        QAbstractItemModelTester streamingTester(&streaming, QAbstractItemModelTester::FailureReportingMode::QtTest);
        streaming.setSamples({ { { QStringLiteral("x"), QStringLiteral("a") },
            { Samples::streaming(QStringLiteral("s"), QStringLiteral("u")), m_t0 } } });
        QCOMPARE(streaming.index(0, 6).data().toString(), QStringLiteral("1280×720"));
        QCOMPARE(streaming.index(0, 8).data().toString(), QStringLiteral("1 / 900"));
    }
};

QTEST_GUILESS_MAIN(TestStateChanges)
#include "tst_statechanges.moc"
