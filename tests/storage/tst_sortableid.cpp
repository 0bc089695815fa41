#include "storage/sortableid.h"

#include <QSet>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>
#include <vector>

class TestSortableId : public QObject
{
    Q_OBJECT

private slots:
    void layoutIsUuidVersion7()
    {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(0x0123'4567'89AB, Qt::UTC);
        const QString id = newSortableId(time);
        const QUuid uuid(id);
        QVERIFY(!uuid.isNull());
        QCOMPARE(uuid.toString(QUuid::WithoutBraces), id);
        // Qt 6.4's QUuid::version() knows versions up to 5 only: the version is the 13th hex digit.
        QCOMPARE(id.at(14), u'7');
        QCOMPARE(uuid.variant(), QUuid::DCE);
        // The first 48 bits are the milliseconds.
        QVERIFY2(id.startsWith(QStringLiteral("01234567-89ab-7")), qPrintable(id));
    }

    void laterIdsSortLater()
    {
        QDateTime time = QDateTime::fromMSecsSinceEpoch(1'764'000'000'000, Qt::UTC);
        QString previous = newSortableId(time);
        for (int i = 0; i < 1000; ++i) {
            time = time.addMSecs(1);
            const QString next = newSortableId(time);
            QVERIFY2(previous < next, qPrintable(previous + u" >= " + next));
            previous = next;
        }
    }

    void idsOfOneMillisecondDiffer()
    {
        // 74 random bits: no two of many ids made in one millisecond, on several threads, are equal.
        const QDateTime time = QDateTime::currentDateTimeUtc();
        constexpr int PerThread = 50'000;
        QList<QStringList> made(4);
        std::vector<std::unique_ptr<QThread>> threads;
        for (QStringList &ids : made) {
            threads.emplace_back(QThread::create([&ids, time] {
                for (int i = 0; i < PerThread; ++i)
                    ids.append(newSortableId(time));
            }));
            threads.back()->start();
        }
        QSet<QString> distinct;
        for (std::size_t i = 0; i < threads.size(); ++i) {
            QVERIFY(threads.at(i)->wait());
            for (const QString &id : made.at(qsizetype(i)))
                distinct.insert(id);
        }
        QCOMPARE(distinct.size(), 4 * PerThread);
    }
};

QTEST_GUILESS_MAIN(TestSortableId)
#include "tst_sortableid.moc"
