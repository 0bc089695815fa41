#include "alerts/anomalydetector.h"

#include <QTest>

#include <random>

class TestAnomalyDetector : public QObject
{
    Q_OBJECT

private:
    // Normal noise around 100 with a deviation of 5, the same for every run.
    static QList<double> noise(int count, unsigned seed = 7)
    {
        std::mt19937 generator(seed);
        std::normal_distribution<double> normal(100, 5);
        QList<double> values;
        for (int i = 0; i < count; ++i)
            values.append(normal(generator));
        return values;
    }

    // The longest run of consecutive observations outside the band, and where it starts.
    static std::pair<int, int> longestOutsideRun(RobustBaseline &baseline, const QList<double> &values)
    {
        int longest = 0;
        int longestStart = -1;
        int run = 0;
        for (qsizetype i = 0; i < values.size(); ++i) {
            run = baseline.observe(values.at(i)).outside ? run + 1 : 0;
            if (run > longest) {
                longest = run;
                longestStart = int(i) - run + 1;
            }
        }
        return { longest, longestStart };
    }

private slots:
    void noiseIsNotAnAnomaly()
    {
        for (unsigned seed : { 1u, 2u, 3u, 4u, 5u }) {
            RobustBaseline baseline({});
            QVERIFY2(longestOutsideRun(baseline, noise(2000, seed)).first < 3, qPrintable(QString::number(seed)));
        }
    }

    void aStepIsFlaggedAndStaysFlagged()
    {
        RobustBaseline baseline({});
        QList<double> values = noise(200);
        const QList<double> after = noise(50, 11);
        for (double v : after)
            values.append(v + 50); // ten deviations up
        QCOMPARE(longestOutsideRun(baseline, values), std::make_pair(50, 200));
    }

    void aRampIsFlagged()
    {
        RobustBaseline baseline({});
        QList<double> values = noise(200);
        const QList<double> after = noise(200, 13);
        for (qsizetype i = 0; i < after.size(); ++i)
            values.append(after.at(i) + double(i)); // a fifth of a deviation more at each step
        const auto [longest, start] = longestOutsideRun(baseline, values);
        QVERIFY2(longest >= 100 && start > 200 && start < 300,
            qPrintable(QStringLiteral("%1 from %2").arg(longest).arg(start)));
    }

    void bandIsNamedOnceWarm()
    {
        RobustBaseline baseline({});
        QVERIFY(!baseline.observe(100).band); // warming up
        for (double v : noise(100))
            baseline.observe(v);
        const RobustBaseline::Verdict verdict = baseline.observe(100);
        QVERIFY(verdict.band);
        QVERIFY(verdict.band->low < 100 && verdict.band->high > 100);
        QVERIFY(qAbs(verdict.band->mean - 100) < 3);
        QVERIFY2(verdict.band->deviation > 3 && verdict.band->deviation < 8,
            qPrintable(QString::number(verdict.band->deviation)));
    }

    void projectsWhenAThresholdWillBeCrossed()
    {
        const QDateTime t0(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
        TrendProjection rising(600, 10);
        for (int i = 0; i < 30; ++i)
            rising.add(t0.addSecs(10 * i), 100 + 2.0 * i); // 0.2 per second, 158 now
        QVERIFY(!TrendProjection(600, 10).secondsUntil(250)); // no points
        const std::optional<double> eta = rising.secondsUntil(250);
        QVERIFY(eta);
        QVERIFY2(qAbs(*eta - 460) < 1e-6, qPrintable(QString::number(*eta))); // (250 - 158) / 0.2
        QVERIFY(!rising.secondsUntil(50)); // moving away from a low threshold
        // Only the window counts: an old rise followed by a flat stretch projects nothing.
        TrendProjection flattened(300, 10);
        for (int i = 0; i < 30; ++i)
            flattened.add(t0.addSecs(10 * i), 100 + 2.0 * i);
        for (int i = 30; i < 70; ++i)
            flattened.add(t0.addSecs(10 * i), 158);
        QVERIFY(!flattened.secondsUntil(250));
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "tst_anomalydetector.moc"
