#include "domain/latencyhistogram.h"

#include <QTest>

#include <algorithm>
#include <vector>

class TestLatencyHistogram : public QObject
{
    Q_OBJECT

private:
    static double binWidth(int bin)
    {
        return double(LatencyHistogram::lowerBound(bin + 1)) - double(LatencyHistogram::lowerBound(bin));
    }

private slots:
    void bins_data()
    {
        QTest::addColumn<quint32>("latency");
        QTest::addColumn<int>("bin");
        QTest::addRow("0") << 0u << 0;
        QTest::addRow("9") << 9u << 9;
        QTest::addRow("10") << 10u << 10;
        QTest::addRow("14") << 14u << 10;
        QTest::addRow("15") << 15u << 11;
        QTest::addRow("99") << 99u << 27;
        QTest::addRow("100") << 100u << 28;
        QTest::addRow("149") << 149u << 28;
        QTest::addRow("150") << 150u << 29;
        QTest::addRow("999") << 999u << 45;
        QTest::addRow("1000") << 1000u << 46;
        QTest::addRow("9999") << 9999u << 63;
        QTest::addRow("10000") << 10000u << LatencyHistogram::OverflowBin;
        QTest::addRow("u32 max") << 4294967295u << LatencyHistogram::OverflowBin;
    }

    void bins()
    {
        QFETCH(quint32, latency);
        QFETCH(int, bin);
        QCOMPARE(LatencyHistogram::binOf(latency), bin);
    }

    void everyLatencyLiesWithinItsBin()
    {
        for (quint32 latency = 0; latency < 12000; ++latency) {
            const int bin = LatencyHistogram::binOf(latency);
            QVERIFY(LatencyHistogram::lowerBound(bin) <= latency);
            if (bin < LatencyHistogram::OverflowBin)
                QVERIFY2(latency < LatencyHistogram::lowerBound(bin + 1), qPrintable(QString::number(latency)));
        }
    }

    void percentilesInterpolateWithinTheBin()
    {
        LatencyHistogram histogram;
        QCOMPARE(histogram.percentile(0.95, 0, 0), 0.0);
        // One sample at each of 0..99 ms.
        for (quint32 latency = 0; latency < 100; ++latency)
            histogram.add(LatencyHistogram::binOf(latency));
        QCOMPARE(histogram.total(), 100);
        QCOMPARE(histogram.percentile(0.5, 0, 99), 50.0); // rank 50 ends bin [45, 50)
        QCOMPARE(histogram.percentile(0.95, 0, 99), 95.0);
        QCOMPARE(histogram.percentile(1.0, 0, 99), 99.0); // kept within the largest sample
        QCOMPARE(histogram.percentile(0.0, 0, 99), 0.0);
    }

    void onlySampleValueIsExact()
    {
        LatencyHistogram histogram;
        histogram.add(LatencyHistogram::binOf(120), 7);
        QCOMPARE(histogram.percentile(0.95, 120, 120), 120.0);
    }

    void openBinIsBoundedByTheLargestSample()
    {
        LatencyHistogram histogram;
        histogram.add(LatencyHistogram::OverflowBin, 10);
        QCOMPARE(histogram.percentile(0.95, 20000, 30000), 29000.0);
    }

    void estimateIsWithinOneBinOfTheExactPercentile()
    {
        std::vector<quint32> latencies;
        LatencyHistogram histogram;
        for (quint32 i = 0; i < 5000; ++i) {
            const quint32 latency = (i * i + 7 * i) % 3000; // spread over three ranges, unevenly
            latencies.push_back(latency);
            histogram.add(LatencyHistogram::binOf(latency));
        }
        std::sort(latencies.begin(), latencies.end());
        for (double fraction : { 0.5, 0.9, 0.95, 0.99 }) {
            const quint32 exact = latencies.at(std::size_t(fraction * double(latencies.size())) - 1);
            const double estimate = histogram.percentile(fraction, latencies.front(), latencies.back());
            QVERIFY2(std::abs(estimate - double(exact)) <= binWidth(LatencyHistogram::binOf(exact)),
                qPrintable(QStringLiteral("p%1: %2 vs %3").arg(fraction * 100).arg(estimate).arg(exact)));
        }
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
