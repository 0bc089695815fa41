#include "alerts/alertrule.h"

#include <QTest>

class TestAlertRule : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValidAndCoverEveryType()
    {
        const RuleSet defaults = RuleSetJson::defaults();
        QCOMPARE(defaults.evaluationIntervalSeconds, 10);
        QSet<RuleType> types;
        for (const AlertRule &rule : defaults.rules) {
            types.insert(rule.type);
            QVERIFY(rule.enabled);
        }
        QCOMPARE(types.size(), enumSpellings<RuleType>().size());
    }

    void roundTrips()
    {
        const RuleSet defaults = RuleSetJson::defaults();
        const RuleSetJson::Parsed again = RuleSetJson::parse(RuleSetJson::serialize(defaults));
        QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.join(u'\n')));
        QCOMPARE(again.ruleSet, defaults);
    }

    void directionFollowsTheThresholds()
    {
        AlertRule high { RuleType::HighLatency, AlertScope::Global, 250, 200 };
        QVERIFY(high.highIsBad());
        QVERIFY(high.isBad(250));
        QVERIFY(!high.isBad(249.9));
        QVERIFY(high.isClear(200));
        QVERIFY(!high.isClear(200.1)); // between the thresholds: neither
        AlertRule low { RuleType::LowMos, AlertScope::Global, 3.6, 3.8 };
        QVERIFY(!low.highIsBad());
        QVERIFY(low.isBad(3.6));
        QVERIFY(!low.isBad(3.7));
        QVERIFY(!low.isClear(3.7));
        QVERIFY(low.isClear(3.8));
    }

    void faultsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not JSON") << QByteArray("{") << QStringLiteral("Not a JSON object");
        QTest::addRow("no rules") << QByteArray("{}") << QStringLiteral("rules must be an array");
        QTest::addRow("interval") << QByteArray(R"({"evaluation_interval_seconds": 0, "rules": []})")
                                  << QStringLiteral("evaluation_interval_seconds must be a number from 1 to 3600");
        QTest::addRow("unknown type") << QByteArray(
            R"({"rules": [{"type": "Slow", "raise": 1, "clear": 0, "severity": "Low"}]})")
                                      << QStringLiteral("rules[0]: type must be one of HighLatency");
        QTest::addRow("unknown scope") << QByteArray(
            R"({"rules": [{"type": "HighJitter", "scope": "planet", "raise": 1, "clear": 0, "severity": "Low"}]})")
                                       << QStringLiteral("rules[0]: scope must be one of global, user, session, peer");
        QTest::addRow("equal thresholds")
            << QByteArray(R"({"rules": [{"type": "HighJitter", "raise": 1, "clear": 1, "severity": "Low"}]})")
            << QStringLiteral("rules[0]: raise and clear must differ");
        QTest::addRow("missing threshold")
            << QByteArray(R"({"rules": [{"type": "HighJitter", "raise": 1, "severity": "Low"}]})")
            << QStringLiteral("rules[0]: raise and clear thresholds are required numbers");
        QTest::addRow("severity") << QByteArray(
            R"({"rules": [{"type": "HighJitter", "raise": 1, "clear": 0, "severity": "Dire"}]})")
                                  << QStringLiteral("rules[0]: severity must be one of Low, Medium, High, Critical");
        QTest::addRow("negative window") << QByteArray(
            R"({"rules": [{"type": "HighJitter", "raise": 1, "clear": 0, "severity": "Low", "window_seconds": -5}]})")
                                         << QStringLiteral("rules[0]: window_seconds must be a number of at least 10");
        QTest::addRow("NoData per session") << QByteArray(
            R"({"rules": [{"type": "NoData", "scope": "session", "raise": 5, "clear": 1, "severity": "Low"}]})")
                                            << QStringLiteral("rules[0]: NoData watches the whole fleet or console");
        QTest::addRow("twice the same rule")
            << QByteArray(R"({"rules": [{"type": "HighJitter", "raise": 2, "clear": 1, "severity": "Low"},
                                         {"type": "HighJitter", "raise": 3, "clear": 1, "severity": "High"}]})")
            << QStringLiteral("rules[1]: a second HighJitter/global rule");
    }

    void faultsAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const RuleSetJson::Parsed parsed = RuleSetJson::parse(json);
        QVERIFY2(std::any_of(parsed.errors.cbegin(), parsed.errors.cend(),
                     [&](const QString &e) { return e.startsWith(error); }),
            qPrintable(parsed.errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestAlertRule)
#include "tst_alertrule.moc"
