#include "host/hostprobe.h"

#include <QTest>

class TestHostProbe : public QObject
{
    Q_OBJECT

private slots:
    void parsesProcStat()
    {
        const auto cpu = ProcFiles::cpuTimes("cpu  100 5 50 800 45 0 0 0 0 0\ncpu0 50 2 25 400 20 0 0 0 0 0\n");
        QVERIFY(cpu);
        QCOMPARE(cpu->total, 1000u);
        QCOMPARE(cpu->busy, 155u); // everything but idle (800) and iowait (45)
        QVERIFY(!ProcFiles::cpuTimes("intr 1 2 3\n"));
    }

    void parsesMeminfo()
    {
        const auto memory = ProcFiles::memory("MemTotal:       1000 kB\nMemFree:  100 kB\nMemAvailable:    250 kB\n");
        QVERIFY(memory);
        QCOMPARE(memory->first, 1000 * 1024);
        QCOMPARE(memory->second, 250 * 1024);
        QVERIFY(!ProcFiles::memory("MemTotal: 1000 kB\n"));
    }

    void parsesNetDevWithoutLoopback()
    {
        const QByteArray netDev = "Inter-|   Receive |  Transmit\n"
                                  " face |bytes packets errs drop fifo frame compressed multicast|bytes\n"
                                  "    lo: 900 1 0 0 0 0 0 0 900 1 0 0 0 0 0 0\n"
                                  "  eth0: 1000 10 0 0 0 0 0 0 500 5 0 0 0 0 0 0\n"
                                  "  eth1:20 1 0 0 0 0 0 0 30 1 0 0 0 0 0 0\n";
        QCOMPARE(ProcFiles::networkBytes(netDev), std::optional<quint64>(1550));
        QVERIFY(!ProcFiles::networkBytes("    lo: 900 1 0 0 0 0 0 0 900 1 0 0 0 0 0 0\n"));
    }

    void parsesProcessStatus()
    {
        QCOMPARE(ProcFiles::residentBytes("Name:\tx\nVmRSS:\t    1996 kB\n"), std::optional<qint64>(1996 * 1024));
        QVERIFY(!ProcFiles::residentBytes("Name:\tx\n"));
    }

    void samplesThisHostWithRates()
    {
        ServerCounters counters { 100, 10, 1 };
        HostProbe probe([&] { return counters; });
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        const HostSample first = probe.sample(t0);
        QVERIFY(!first.cpuPercent); // rates need a previous sample
        QVERIFY(!first.ingestRecordsPerSecond);
        QVERIFY(first.memoryPercent && *first.memoryPercent > 0 && *first.memoryPercent <= 100);
        QVERIFY(first.processRssBytes > 0);
        counters = { 600, 30, 6 };
        QTest::qWait(100); // long enough for the kernel's CPU counters to move
        const HostSample second = probe.sample(t0.addSecs(5));
        QVERIFY(second.cpuPercent && *second.cpuPercent >= 0 && *second.cpuPercent <= 100);
        QCOMPARE(second.ingestRecordsPerSecond, std::optional<double>(100)); // 500 records in 5 s
        QCOMPARE(second.ingestErrorPercent, std::optional<double>(25)); // 5 of 20 requests
    }
};

QTEST_GUILESS_MAIN(TestHostProbe)
#include "tst_hostprobe.moc"
