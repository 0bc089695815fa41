#include "itemmodels/alertfilterproxy.h"
#include "itemmodels/alerttablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestAlertTableModel : public QObject
{
    Q_OBJECT

private:
    static QList<Alert> alerts()
    {
        const QDateTime t0(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        auto make = [&](const char *id, Severity severity, int minutes, bool acknowledged, bool resolved) {
            Alert a;
            a.id = QString::fromLatin1(id);
            a.type = QStringLiteral("HighLatency");
            a.severity = severity;
            a.scope = AlertScope::Session;
            a.scopeKey = QStringLiteral("s-") + a.id;
            a.message = QStringLiteral("Average latency high");
            a.lastValue = 300 + minutes;
            a.firstSeen = t0.addSecs(minutes * 60);
            a.lastSeen = a.firstSeen.addSecs(30);
            if (acknowledged)
                a.acknowledgedAt = a.lastSeen;
            if (resolved)
                a.resolvedAt = a.lastSeen.addSecs(60);
            return a;
        };
        return { make("critical", Severity::Critical, 4, false, false),
            make("high-ack", Severity::High, 3, true, false), make("medium", Severity::Medium, 2, false, false),
            make("low-resolved", Severity::Low, 1, false, true) };
    }

private slots:
    void modelIsConsistent()
    {
        AlertTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAlerts(alerts());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.unresolvedCount(), 3);
        QCOMPARE(model.index(0, AlertTableModel::Severity).data().toString(), QStringLiteral("Critical"));
        QCOMPARE(model.index(1, AlertTableModel::State).data().toString(), QStringLiteral("acknowledged"));
        QCOMPARE(model.index(3, AlertTableModel::State).data().toString(), QStringLiteral("resolved"));
        QCOMPARE(model.index(0, AlertTableModel::Scope).data().toString(), QStringLiteral("session s-critical"));
        QCOMPARE(model.index(0, AlertTableModel::Value).data(AlertTableModel::SortRole).toDouble(), 304.0);
        QCOMPARE(model.headerData(AlertTableModel::Message, Qt::Horizontal).toString(), QStringLiteral("Message"));
    }

    void sameAlertsUpdateInPlace()
    {
        AlertTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAlerts(alerts());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QList<Alert> later = alerts();
        later[0].lastValue = 999;
        model.setAlerts(later);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(model.index(0, AlertTableModel::Value).data(AlertTableModel::SortRole).toDouble(), 999.0);
        later.removeLast();
        model.setAlerts(later);
        QCOMPARE(resets.count(), 1);
    }

    void filters_data()
    {
        QTest::addColumn<int>("selection");
        QTest::addColumn<int>("minimumSeverity"); // -1: any
        QTest::addColumn<QStringList>("shown");
        QTest::addRow("unresolved") << int(AlertSelection::Unresolved) << -1
                                    << QStringList { QStringLiteral("critical"), QStringLiteral("high-ack"),
                                           QStringLiteral("medium") };
        QTest::addRow("active") << int(AlertSelection::Active) << -1
                                << QStringList { QStringLiteral("critical"), QStringLiteral("medium") };
        QTest::addRow("acknowledged") << int(AlertSelection::Acknowledged) << -1
                                      << QStringList { QStringLiteral("high-ack") };
        QTest::addRow("resolved") << int(AlertSelection::Resolved) << -1
                                  << QStringList { QStringLiteral("low-resolved") };
        QTest::addRow("all, High or worse") << int(AlertSelection::All) << int(Severity::High)
                                            << QStringList { QStringLiteral("critical"), QStringLiteral("high-ack") };
        QTest::addRow("resolved, Medium or worse")
            << int(AlertSelection::Resolved) << int(Severity::Medium) << QStringList();
    }

    void filters()
    {
        QFETCH(int, selection);
        QFETCH(int, minimumSeverity);
        QFETCH(QStringList, shown);
        AlertTableModel model;
        model.setAlerts(alerts());
        AlertFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSelection(AlertSelection(selection));
        proxy.setMinimumSeverity(minimumSeverity < 0 ? std::nullopt : std::optional(Severity(minimumSeverity)));
        proxy.sort(AlertTableModel::FirstSeen, Qt::DescendingOrder);
        QStringList ids;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ids << model.alert(proxy.mapToSource(proxy.index(row, 0)).row()).id;
        QCOMPARE(ids, shown);
    }

    void sortsBySeverity()
    {
        AlertTableModel model;
        model.setAlerts(alerts());
        AlertFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setSelection(AlertSelection::All);
        proxy.sort(AlertTableModel::Severity, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, AlertTableModel::Severity).data().toString(), QStringLiteral("Low"));
        QCOMPARE(proxy.index(3, AlertTableModel::Severity).data().toString(), QStringLiteral("Critical"));
    }
};

QTEST_GUILESS_MAIN(TestAlertTableModel)
#include "tst_alerttablemodel.moc"
