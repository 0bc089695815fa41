#include "domain/qualityscale.h"

#include <QTest>

class TestQualityScale : public QObject
{
    Q_OBJECT

private slots:
    void scores()
    {
        QCOMPARE(QualityScale::score(ConnectionQuality::Excellent), 5);
        QCOMPARE(QualityScale::score(ConnectionQuality::Good), 4);
        QCOMPARE(QualityScale::score(ConnectionQuality::Fair), 3);
        QCOMPARE(QualityScale::score(ConnectionQuality::Poor), 2);
        QCOMPARE(QualityScale::score(ConnectionQuality::Unusable), 1);
        QCOMPARE(QualityScale::score(QualityLevel::UltraHD), 5);
        QCOMPARE(QualityScale::score(QualityLevel::Low), 1);
    }

    void fromScore_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<ConnectionQuality>("quality");
        QTest::addColumn<QualityLevel>("level");
        QTest::addRow("5") << 5.0 << ConnectionQuality::Excellent << QualityLevel::UltraHD;
        QTest::addRow("4.5 boundary") << 4.5 << ConnectionQuality::Excellent << QualityLevel::UltraHD;
        QTest::addRow("just under 4.5") << 4.4999 << ConnectionQuality::Good << QualityLevel::FullHD;
        QTest::addRow("3.5 boundary") << 3.5 << ConnectionQuality::Good << QualityLevel::FullHD;
        QTest::addRow("just under 3.5") << 3.4999 << ConnectionQuality::Fair << QualityLevel::HD;
        QTest::addRow("2.5 boundary") << 2.5 << ConnectionQuality::Fair << QualityLevel::HD;
        QTest::addRow("just under 2.5") << 2.4999 << ConnectionQuality::Poor << QualityLevel::SD;
        QTest::addRow("1.5 boundary") << 1.5 << ConnectionQuality::Poor << QualityLevel::SD;
        QTest::addRow("just under 1.5") << 1.4999 << ConnectionQuality::Unusable << QualityLevel::Low;
        QTest::addRow("1") << 1.0 << ConnectionQuality::Unusable << QualityLevel::Low;
    }

    void fromScore()
    {
        QFETCH(double, score);
        QFETCH(ConnectionQuality, quality);
        QFETCH(QualityLevel, level);
        QCOMPARE(QualityScale::connectionQualityFromScore(score), quality);
        QCOMPARE(QualityScale::qualityLevelFromScore(score), level);
    }

    void spellingsRoundTrip()
    {
        const QStringList qualities = enumSpellings<ConnectionQuality>();
        QCOMPARE(qualities,
            QStringList({ QStringLiteral("Excellent"), QStringLiteral("Good"), QStringLiteral("Fair"),
                QStringLiteral("Poor"), QStringLiteral("Unusable") }));
        for (const QString &name : qualities)
            QCOMPARE(spelling(*enumFromString<ConnectionQuality>(name)), name);
        QCOMPARE(enumSpellings<ConnectionType>().join(u','), QStringLiteral("WebRTC,WebSocket,Direct,Relay"));
        QCOMPARE(enumSpellings<QualityLevel>().join(u','), QStringLiteral("UltraHD,FullHD,HD,SD,Low"));
        QCOMPARE(enumSpellings<Severity>().join(u','), QStringLiteral("Low,Medium,High,Critical"));
        QVERIFY(!enumFromString<Severity>(QStringLiteral("critical")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestQualityScale)
#include "tst_qualityscale.moc"
