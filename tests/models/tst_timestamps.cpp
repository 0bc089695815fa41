#include "domain/timestamps.h"

#include <QTest>
#include <QTimeZone>

class TestTimestamps : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: rejected
        const QDateTime tenUtc(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        QTest::addRow("UTC with Z") << QStringLiteral("2026-11-28T10:00:00Z") << tenUtc;
        QTest::addRow("lower-case t and z") << QStringLiteral("2026-11-28t10:00:00z") << tenUtc;
        QTest::addRow("space separator") << QStringLiteral("2026-11-28 10:00:00Z") << tenUtc;
        QTest::addRow("positive offset") << QStringLiteral("2026-11-28T12:00:00+02:00") << tenUtc;
        QTest::addRow("negative offset") << QStringLiteral("2026-11-28T05:30:00-04:30") << tenUtc;
        QTest::addRow("milliseconds") << QStringLiteral("2026-11-28T10:00:00.123Z") << tenUtc.addMSecs(123);
        QTest::addRow("one fraction digit") << QStringLiteral("2026-11-28T10:00:00.5Z") << tenUtc.addMSecs(500);
        QTest::addRow("nanoseconds cut to milliseconds")
            << QStringLiteral("2026-11-28T10:00:00.123456789Z") << tenUtc.addMSecs(123);
        QTest::addRow("no offset") << QStringLiteral("2026-11-28T10:00:00") << QDateTime();
        QTest::addRow("date only") << QStringLiteral("2026-11-28") << QDateTime();
        QTest::addRow("no seconds") << QStringLiteral("2026-11-28T10:00Z") << QDateTime();
        QTest::addRow("month 13") << QStringLiteral("2026-13-01T10:00:00Z") << QDateTime();
        QTest::addRow("hour 25") << QStringLiteral("2026-11-28T25:00:00Z") << QDateTime();
        QTest::addRow("trailing text") << QStringLiteral("2026-11-28T10:00:00Z now") << QDateTime();
        QTest::addRow("empty") << QString() << QDateTime();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const std::optional<QDateTime> parsed = Timestamps::parse(text);
        QCOMPARE(parsed.has_value(), expected.isValid());
        if (parsed) {
            QCOMPARE(*parsed, expected);
            QCOMPARE(parsed->timeSpec(), Qt::UTC);
        }
    }

    void formatIsUtcWithMilliseconds()
    {
        const QDateTime local(QDate(2026, 11, 28), QTime(12, 0, 0, 7), QTimeZone(7200));
        QCOMPARE(Timestamps::format(local), QStringLiteral("2026-11-28T10:00:00.007Z"));
    }
};

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
