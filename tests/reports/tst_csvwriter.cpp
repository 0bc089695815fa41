#include "reports/csvwriter.h"

#include <QBuffer>
#include <QTest>
#include <QTimeZone>

#include "testcsv.h"

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void quotesOnlyWhatNeedsIt_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("field");
        QTest::addRow("plain") << QVariant(QStringLiteral("peer-1")) << QStringLiteral("peer-1");
        QTest::addRow("comma") << QVariant(QStringLiteral("a,b")) << QStringLiteral("\"a,b\"");
        QTest::addRow("quote") << QVariant(QStringLiteral("say \"hi\"")) << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::addRow("line break") << QVariant(QStringLiteral("a\nb")) << QStringLiteral("\"a\nb\"");
        QTest::addRow("carriage return") << QVariant(QStringLiteral("a\rb")) << QStringLiteral("\"a\rb\"");
        QTest::addRow("non-ASCII") << QVariant(QStringLiteral("Zoë 日本")) << QStringLiteral("Zoë 日本");
        QTest::addRow("missing") << QVariant() << QString();
        QTest::addRow("integer") << QVariant(qint64(4294967295)) << QStringLiteral("4294967295");
        QTest::addRow("decimal") << QVariant(10.5) << QStringLiteral("10.5");
        QTest::addRow("tiny") << QVariant(0.1 + 0.2) << QStringLiteral("0.30000000000000004");
        QTest::addRow("time in UTC") << QVariant(QDateTime(QDate(2026, 11, 28), QTime(13, 5, 1, 250), QTimeZone(3600)))
                                     << QStringLiteral("2026-11-28T12:05:01.250Z");
        QTest::addRow("bool") << QVariant(true) << QStringLiteral("true");
    }

    void quotesOnlyWhatNeedsIt()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, field);
        QCOMPARE(CsvWriter::field(value), field);
    }

    void rowsReadBackUnderAGermanLocale()
    {
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // decimal comma
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter csv(buffer);
        QVERIFY(csv.writeHeader({ QStringLiteral("session_id"), QStringLiteral("latency_ms"),
            QStringLiteral("bandwidth_mbps"), QStringLiteral("note") }));
        const QString awkward = QStringLiteral("1,5 \"Mbit\"\nsecond line, ü");
        QVERIFY(csv.writeRow({ QStringLiteral("s1"), qint64(45), 10.5, awkward }));
        QVERIFY(csv.writeRow({ QStringLiteral("s2"), qint64(0), 0.25, QVariant() }));
        QLocale::setDefault(previous);
        QVERIFY(buffer.data().endsWith("\r\n"));
        const QList<QStringList> rows = TestCsv::parse(buffer.data());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0),
            QStringList({ QStringLiteral("session_id"), QStringLiteral("latency_ms"), QStringLiteral("bandwidth_mbps"),
                QStringLiteral("note") }));
        QCOMPARE(
            rows.at(1), QStringList({ QStringLiteral("s1"), QStringLiteral("45"), QStringLiteral("10.5"), awkward }));
        QCOMPARE(
            rows.at(2), QStringList({ QStringLiteral("s2"), QStringLiteral("0"), QStringLiteral("0.25"), QString() }));
    }

    void saysWhenTheDeviceRefuses()
    {
        QBuffer closed;
        CsvWriter csv(closed);
        QVERIFY(!csv.writeRow({ QStringLiteral("x") }));
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
