#include "itemmodels/ruletablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestRuleTableModel : public QObject
{
    Q_OBJECT

private:
    static QList<AlertRule> rules()
    {
        return { { RuleType::HighLatency, AlertScope::Global, 250, 200, 300, 60, 10, Severity::High, true },
            { RuleType::LowMos, AlertScope::User, 3.1, 3.4, 300, 60, 3, Severity::Medium, true } };
    }

private slots:
    void showsTheRules()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(rules());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, RuleTableModel::Type).data().toString(), QStringLiteral("HighLatency"));
        QCOMPARE(model.index(1, RuleTableModel::Scope).data().toString(), QStringLiteral("user"));
        QCOMPARE(model.index(0, RuleTableModel::RaiseAt).data().toDouble(), 250.0);
        QCOMPARE(model.index(0, RuleTableModel::Enabled).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(model.index(0, RuleTableModel::Type).data(Qt::ToolTipRole).toString(),
            QStringLiteral("Average latency (ms)"));
        QVERIFY(!(model.flags(model.index(0, RuleTableModel::Type)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, RuleTableModel::RaiseAt)) & Qt::ItemIsEditable);
    }

    void edits_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("raise higher") << 0 << int(RuleTableModel::RaiseAt) << QVariant(300) << true;
        QTest::addRow("raise equal to clear") << 0 << int(RuleTableModel::RaiseAt) << QVariant(200) << false;
        QTest::addRow("raise below clear flips the rule")
            << 0 << int(RuleTableModel::RaiseAt) << QVariant(150) << false;
        QTest::addRow("low-is-bad clear") << 1 << int(RuleTableModel::ClearAt) << QVariant(3.5) << true;
        QTest::addRow("negative threshold") << 1 << int(RuleTableModel::RaiseAt) << QVariant(-1) << false;
        QTest::addRow("short window") << 0 << int(RuleTableModel::Window) << QVariant(5) << false;
        QTest::addRow("window") << 0 << int(RuleTableModel::Window) << QVariant(600) << true;
        QTest::addRow("no samples") << 0 << int(RuleTableModel::MinimumSamples) << QVariant(0) << false;
        QTest::addRow("severity") << 0 << int(RuleTableModel::Severity) << QVariant(QStringLiteral("Critical")) << true;
        QTest::addRow("unknown severity")
            << 0 << int(RuleTableModel::Severity) << QVariant(QStringLiteral("Dire")) << false;
        QTest::addRow("not a number") << 0 << int(RuleTableModel::ClearAt) << QVariant(QStringLiteral("x")) << false;
    }

    void edits()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QVariant, value);
        QFETCH(bool, accepted);
        RuleTableModel model;
        model.setRules(rules());
        QCOMPARE(model.setData(model.index(row, column), value), accepted);
        if (accepted)
            QCOMPARE(model.index(row, column).data().toString(), value.toString());
        else
            QCOMPARE(model.rules(), rules());
    }

    void switchesRulesOff()
    {
        RuleTableModel model;
        model.setRules(rules());
        QVERIFY(model.setData(model.index(1, RuleTableModel::Enabled), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.rules().at(1).enabled);
        QVERIFY(model.rules().at(0).enabled);
    }
};

QTEST_GUILESS_MAIN(TestRuleTableModel)
#include "tst_ruletablemodel.moc"
