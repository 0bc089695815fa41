#include "itemmodels/sessionfilterproxy.h"
#include "itemmodels/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestSessionTableModel : public QObject
{
    Q_OBJECT

private:
    static QList<SessionAnalytics> sessions()
    {
        const QDateTime t0(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        auto make = [&](const char *session, const char *user, ConnectionQuality quality, double success, int minutes) {
            SessionAnalytics s;
            s.sessionId = QString::fromLatin1(session);
            s.userId = QString::fromLatin1(user);
            s.averageConnectionQuality = quality;
            s.successRatePercent = success;
            s.totalConnections = minutes;
            s.createdAt = t0.addSecs(minutes * 60);
            s.updatedAt = s.createdAt.addSecs(30);
            return s;
        };
        return { make("alpha-1", "alice", ConnectionQuality::Excellent, 100, 1),
            make("alpha-2", "alice", ConnectionQuality::Poor, 50, 2),
            make("beta-1", "bob", ConnectionQuality::Fair, 75, 3),
            make("gamma-1", "Carol", ConnectionQuality::Unusable, 0, 4) };
    }

private slots:
    void modelIsConsistent()
    {
        SessionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(sessions());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(SessionTableModel::ColumnCount));
        QCOMPARE(model.index(1, SessionTableModel::Quality).data().toString(), QStringLiteral("Poor"));
        QCOMPARE(model.index(1, SessionTableModel::Quality).data(SessionTableModel::SortRole).toInt(), 2);
        QCOMPARE(model.index(2, SessionTableModel::SuccessRate).data(SessionTableModel::SortRole).toDouble(), 75.0);
        QCOMPARE(model.headerData(SessionTableModel::User, Qt::Horizontal).toString(), QStringLiteral("User"));
        model.setSessions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("session");
        QTest::addColumn<int>("qualityAtMost"); // -1: any
        QTest::addColumn<QStringList>("shown");
        QTest::addRow("no filter") << QString() << QString() << -1
                                   << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2"),
                                          QStringLiteral("beta-1"), QStringLiteral("gamma-1") };
        QTest::addRow("user, any case") << QStringLiteral("CAROL") << QString() << -1
                                        << QStringList { QStringLiteral("gamma-1") };
        QTest::addRow("user part") << QStringLiteral("ali") << QString() << -1
                                   << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2") };
        QTest::addRow("session part") << QString() << QStringLiteral("-1") << -1
                                      << QStringList { QStringLiteral("alpha-1"), QStringLiteral("beta-1"),
                                             QStringLiteral("gamma-1") };
        QTest::addRow("Fair or worse") << QString() << QString() << int(ConnectionQuality::Fair)
                                       << QStringList { QStringLiteral("alpha-2"), QStringLiteral("beta-1"),
                                              QStringLiteral("gamma-1") };
        QTest::addRow("user and quality") << QStringLiteral("alice") << QString() << int(ConnectionQuality::Poor)
                                          << QStringList { QStringLiteral("alpha-2") };
        QTest::addRow("nothing matches") << QStringLiteral("dave") << QString() << -1 << QStringList();
    }

    void filters()
    {
        QFETCH(QString, user);
        QFETCH(QString, session);
        QFETCH(int, qualityAtMost);
        QFETCH(QStringList, shown);
        SessionTableModel model;
        model.setSessions(sessions());
        SessionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setUserFilter(user);
        proxy.setSessionFilter(session);
        proxy.setQualityAtMost(qualityAtMost < 0 ? std::nullopt : std::optional(ConnectionQuality(qualityAtMost)));
        proxy.sort(SessionTableModel::Session);
        QStringList sessionsShown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            sessionsShown << proxy.index(row, SessionTableModel::Session).data().toString();
        QCOMPARE(sessionsShown, shown);
    }

    void sortsByRawValues()
    {
        SessionTableModel model;
        model.setSessions(sessions());
        SessionFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(SessionTableModel::SuccessRate, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, SessionTableModel::Session).data().toString(), QStringLiteral("alpha-1"));
        QCOMPARE(proxy.index(3, SessionTableModel::Session).data().toString(), QStringLiteral("gamma-1"));
        proxy.sort(SessionTableModel::Quality);
        QCOMPARE(proxy.index(0, SessionTableModel::Session).data().toString(), QStringLiteral("gamma-1"));
    }
};

QTEST_GUILESS_MAIN(TestSessionTableModel)
#include "tst_sessiontablemodel.moc"
