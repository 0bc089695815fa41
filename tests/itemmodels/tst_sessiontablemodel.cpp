#include "itemmodels/sessionfilterproxy.h"
#include "itemmodels/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestSessionTableModel : public QObject
{
    Q_OBJECT

private:
    static QList<SessionOverview> sessions()
    {
        const QDateTime t0(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        auto make = [&](const char *session, const char *user, ConnectionQuality quality, double success, int minutes,
                        const QStringList &peers, const QList<ConnectionType> &types) {
            SessionAnalytics s;
            s.sessionId = QString::fromLatin1(session);
            s.userId = QString::fromLatin1(user);
            s.averageConnectionQuality = quality;
            s.successRatePercent = success;
            s.totalConnections = minutes;
            s.createdAt = t0.addSecs(minutes * 60);
            s.updatedAt = s.createdAt.addSecs(30);
            return SessionOverview { s, peers, types };
        };
        return { make("alpha-1", "alice", ConnectionQuality::Excellent, 100, 1,
                     { QStringLiteral("edge-eu"), QStringLiteral("phone-7") }, { ConnectionType::WebRTC }),
            make("alpha-2", "alice", ConnectionQuality::Poor, 50, 2, { QStringLiteral("edge-us") },
                { ConnectionType::WebRTC, ConnectionType::Relay }),
            make("beta-1", "bob", ConnectionQuality::Fair, 75, 3, { QStringLiteral("Phone-9") },
                { ConnectionType::Direct }),
            make("gamma-1", "Carol", ConnectionQuality::Unusable, 0, 4, {}, {}) };
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
        QCOMPARE(model.index(0, SessionTableModel::Peers).data().toString(), QStringLiteral("edge-eu, phone-7"));
        QCOMPARE(model.index(0, SessionTableModel::Peers).data(SessionTableModel::SortRole).toInt(), 2);
        QCOMPARE(model.index(0, SessionTableModel::Peers).data(Qt::ToolTipRole).toString(),
            QStringLiteral("edge-eu\nphone-7"));
        QCOMPARE(model.index(1, SessionTableModel::ConnectionTypes).data().toString(), QStringLiteral("WebRTC, Relay"));
        QCOMPARE(model.index(3, SessionTableModel::ConnectionTypes).data().toString(), QString());
        QVERIFY(model.index(0, SessionTableModel::Mos).data().isNull()); // no MOS without connection samples
        QList<SessionOverview> withMos = sessions();
        withMos[0].figures.averageMos = 1.9;
        withMos[0].figures.computedQuality = ConnectionQuality::Unusable;
        withMos[0].figures.qualityMismatch = true;
        model.setSessions(withMos);
        QCOMPARE(model.index(0, SessionTableModel::Mos).data(SessionTableModel::SortRole).toDouble(), 1.9);
        QCOMPARE(model.index(0, SessionTableModel::Quality).data().toString(),
            QStringLiteral("Excellent (E-model: Unusable)"));
        QVERIFY(
            model.index(0, SessionTableModel::Quality).data(Qt::ToolTipRole).toString().contains(u"not to be trusted"));
        model.setSessions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<int>("connectionType"); // -1: any
        QTest::addColumn<int>("qualityAtMost"); // -1: any
        QTest::addColumn<QStringList>("shown");
        const QString any;
        QTest::addRow("no filter") << any << any << any << -1 << -1
                                   << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2"),
                                          QStringLiteral("beta-1"), QStringLiteral("gamma-1") };
        QTest::addRow("user, any case") << QStringLiteral("CAROL") << any << any << -1 << -1
                                        << QStringList { QStringLiteral("gamma-1") };
        QTest::addRow("user part") << QStringLiteral("ali") << any << any << -1 << -1
                                   << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2") };
        QTest::addRow("session part") << any << QStringLiteral("-1") << any << -1 << -1
                                      << QStringList { QStringLiteral("alpha-1"), QStringLiteral("beta-1"),
                                             QStringLiteral("gamma-1") };
        QTest::addRow("peer part, any case, any of the session's peers")
            << any << any << QStringLiteral("PHONE") << -1 << -1
            << QStringList { QStringLiteral("alpha-1"), QStringLiteral("beta-1") };
        QTest::addRow("connection type used among others")
            << any << any << any << int(ConnectionType::Relay) << -1 << QStringList { QStringLiteral("alpha-2") };
        QTest::addRow("connection type") << any << any << any << int(ConnectionType::WebRTC) << -1
                                         << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2") };
        QTest::addRow("type nobody used") << any << any << any << int(ConnectionType::WebSocket) << -1 << QStringList();
        QTest::addRow("Fair or worse") << any << any << any << -1 << int(ConnectionQuality::Fair)
                                       << QStringList { QStringLiteral("alpha-2"), QStringLiteral("beta-1"),
                                              QStringLiteral("gamma-1") };
        QTest::addRow("user and quality") << QStringLiteral("alice") << any << any << -1 << int(ConnectionQuality::Poor)
                                          << QStringList { QStringLiteral("alpha-2") };
        QTest::addRow("peer and type") << any << any << QStringLiteral("edge") << int(ConnectionType::WebRTC) << -1
                                       << QStringList { QStringLiteral("alpha-1"), QStringLiteral("alpha-2") };
        QTest::addRow("nothing matches") << QStringLiteral("dave") << any << any << -1 << -1 << QStringList();
    }

    void filters()
    {
        QFETCH(QString, user);
        QFETCH(QString, session);
        QFETCH(QString, peer);
        QFETCH(int, connectionType);
        QFETCH(int, qualityAtMost);
        QFETCH(QStringList, shown);
        SessionTableModel model;
        model.setSessions(sessions());
        SessionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setUserFilter(user);
        proxy.setSessionFilter(session);
        proxy.setPeerFilter(peer);
        proxy.setConnectionType(connectionType < 0 ? std::nullopt : std::optional(ConnectionType(connectionType)));
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
