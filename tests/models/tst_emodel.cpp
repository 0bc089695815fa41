#include "domain/emodel.h"

#include <QTest>

class TestEModel : public QObject
{
    Q_OBJECT

private slots:
    void referencePoints_data()
    {
        QTest::addColumn<double>("latency");
        QTest::addColumn<double>("jitter");
        QTest::addColumn<double>("loss");
        QTest::addColumn<double>("r");
        QTest::addColumn<double>("mos");
        // Values worked by hand from the documented formula.
        QTest::addRow("no impairment") << 0.0 << 0.0 << 0.0 << 93.2 - 10.0 / 40 << 4.4044;
        QTest::addRow("40 ms, 5 ms jitter") << 40.0 << 5.0 << 0.0 << 93.2 - 60.0 / 40 << 4.3784;
        QTest::addRow("knee at 160 ms effective") << 150.0 << 0.0 << 0.0 << 93.2 - 40.0 / 10 << 4.3189;
        QTest::addRow("2 %% loss") << 40.0 << 5.0 << 2.0 << 93.2 - 1.5 - 5 << 4.2500;
        QTest::addRow("dreadful: R floors at 0") << 2000.0 << 100.0 << 50.0 << 0.0 << 1.0;
    }

    void referencePoints()
    {
        QFETCH(double, latency);
        QFETCH(double, jitter);
        QFETCH(double, loss);
        QFETCH(double, r);
        QFETCH(double, mos);
        QVERIFY(qAbs(EModel::rFactor(latency, jitter, loss) - r) < 1e-9);
        QVERIFY2(qAbs(EModel::mos(latency, jitter, loss) - mos) < 5e-5,
            qPrintable(QString::number(EModel::mos(latency, jitter, loss), 'f', 6)));
    }

    void defaultRGivesAbout441()
    {
        QVERIFY(qAbs(EModel::mosFromR(EModel::DefaultR) - 4.41) < 0.005);
        QCOMPARE(EModel::mosFromR(100), EModel::HighestMos); // 4.5 at most
        QCOMPARE(EModel::mosFromR(0), EModel::LowestMos);
    }

    void monotonicInEachInput()
    {
        double previous = 5;
        for (double latency = 0; latency <= 1000; latency += 5) {
            const double mos = EModel::mos(latency, 5, 1);
            QVERIFY2(mos <= previous, qPrintable(QString::number(latency)));
            previous = mos;
        }
        previous = 5;
        for (double jitter = 0; jitter <= 300; jitter += 2) {
            const double mos = EModel::mos(60, jitter, 1);
            QVERIFY(mos <= previous);
            previous = mos;
        }
        previous = 5;
        for (double loss = 0; loss <= 100; loss += 0.5) {
            const double mos = EModel::mos(60, 5, loss);
            QVERIFY(mos <= previous);
            previous = mos;
        }
        QVERIFY(EModel::mos(60, 5, 10) < EModel::mos(60, 5, 1)); // and strictly where it matters
    }

    void qualityBands_data()
    {
        QTest::addColumn<double>("r");
        QTest::addColumn<ConnectionQuality>("quality");
        QTest::addRow("R 93.2") << 93.2 << ConnectionQuality::Excellent;
        QTest::addRow("R 90") << 90.0 << ConnectionQuality::Excellent;
        QTest::addRow("R 89.9") << 89.9 << ConnectionQuality::Good;
        QTest::addRow("R 80") << 80.0 << ConnectionQuality::Good;
        QTest::addRow("R 79.9") << 79.9 << ConnectionQuality::Fair;
        QTest::addRow("R 70") << 70.0 << ConnectionQuality::Fair;
        QTest::addRow("R 69.9") << 69.9 << ConnectionQuality::Poor;
        QTest::addRow("R 60") << 60.0 << ConnectionQuality::Poor;
        QTest::addRow("R 59.9") << 59.9 << ConnectionQuality::Unusable;
        QTest::addRow("R 0") << 0.0 << ConnectionQuality::Unusable;
    }

    void qualityBands()
    {
        QFETCH(double, r);
        QFETCH(ConnectionQuality, quality);
        QCOMPARE(EModel::qualityFromMos(EModel::mosFromR(r)), quality);
    }

    void classDistance()
    {
        QCOMPARE(EModel::classDistance(ConnectionQuality::Good, ConnectionQuality::Good), 0);
        QCOMPARE(EModel::classDistance(ConnectionQuality::Excellent, ConnectionQuality::Fair), 2);
        QCOMPARE(EModel::classDistance(ConnectionQuality::Unusable, ConnectionQuality::Excellent), 4);
    }
};

QTEST_GUILESS_MAIN(TestEModel)
#include "tst_emodel.moc"
