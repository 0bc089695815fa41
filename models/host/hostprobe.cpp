#include "hostprobe.h"

#include <QFile>
#include <QList>
#include <QSysInfo>

namespace {

QByteArray readProc(const char *path)
{
    QFile file(QString::fromLatin1(path));
    // /proc files report a size of 0: read until the end instead.
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The numbers after a line's label, e.g. "MemTotal:  24683620 kB" -> { 24683620 }.
QList<quint64> numbersAfter(const QByteArray &line, qsizetype labelEnd)
{
    QList<quint64> numbers;
    const QList<QByteArray> fields = line.mid(labelEnd).simplified().split(' ');
    for (const QByteArray &field : fields) {
        bool ok = false;
        const quint64 value = field.toULongLong(&ok);
        if (ok)
            numbers.append(value);
    }
    return numbers;
}

std::optional<double> perSecond(double amount, const QDateTime &from, const QDateTime &to)
{
    const qint64 ms = from.msecsTo(to);
    return ms > 0 ? std::optional<double>(amount * 1000.0 / double(ms)) : std::nullopt;
}

} // namespace

namespace ProcFiles {

std::optional<CpuTimes> cpuTimes(const QByteArray &procStat)
{
    const QList<QByteArray> lines = procStat.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("cpu "))
            continue;
        // user nice system idle iowait irq softirq steal ...: idle and iowait are the idle ones.
        const QList<quint64> times = numbersAfter(line, 4);
        if (times.size() < 5)
            return std::nullopt;
        CpuTimes cpu;
        for (qsizetype i = 0; i < std::min<qsizetype>(times.size(), 8); ++i)
            cpu.total += times.at(i);
        cpu.busy = cpu.total - times.at(3) - times.at(4);
        return cpu;
    }
    return std::nullopt;
}

std::optional<std::pair<qint64, qint64>> memory(const QByteArray &procMeminfo)
{
    std::optional<qint64> total;
    std::optional<qint64> available;
    const QList<QByteArray> lines = procMeminfo.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        const QList<quint64> kib = numbersAfter(line, colon + 1);
        if (kib.isEmpty())
            continue;
        if (line.startsWith("MemTotal:"))
            total = qint64(kib.constFirst()) * 1024;
        else if (line.startsWith("MemAvailable:"))
            available = qint64(kib.constFirst()) * 1024;
    }
    if (!total || !available)
        return std::nullopt;
    return std::make_pair(*total, *available);
}

std::optional<quint64> networkBytes(const QByteArray &procNetDev)
{
    quint64 bytes = 0;
    bool any = false;
    const QList<QByteArray> lines = procNetDev.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() == "lo")
            continue;
        // Receive bytes is the 1st number, transmit bytes the 9th.
        const QList<quint64> numbers = numbersAfter(line, colon + 1);
        if (numbers.size() < 9)
            continue;
        bytes += numbers.at(0) + numbers.at(8);
        any = true;
    }
    return any ? std::optional<quint64>(bytes) : std::nullopt;
}

std::optional<qint64> residentBytes(const QByteArray &procStatus)
{
    const QList<QByteArray> lines = procStatus.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            const QList<quint64> kib = numbersAfter(line, 6);
            if (!kib.isEmpty())
                return qint64(kib.constFirst()) * 1024;
        }
    }
    return std::nullopt;
}

} // namespace ProcFiles

HostProbe::HostProbe(std::function<ServerCounters()> counters)
    : m_counters(std::move(counters))
{ }

HostSample HostProbe::sample(const QDateTime &now)
{
    HostSample s;
    s.at = now;
    s.host = QSysInfo::machineHostName();
    if (const auto cpu = ProcFiles::cpuTimes(readProc("/proc/stat"))) {
        if (m_lastCpu && cpu->total > m_lastCpu->total)
            s.cpuPercent = 100.0 * double(cpu->busy - m_lastCpu->busy) / double(cpu->total - m_lastCpu->total);
        m_lastCpu = cpu;
    }
    if (const auto memory = ProcFiles::memory(readProc("/proc/meminfo"))) {
        s.memoryTotalBytes = memory->first;
        s.memoryUsedBytes = memory->first - memory->second;
        s.memoryPercent = 100.0 * double(s.memoryUsedBytes) / double(s.memoryTotalBytes);
    }
    const std::optional<quint64> network = ProcFiles::networkBytes(readProc("/proc/net/dev"));
    s.processRssBytes = ProcFiles::residentBytes(readProc("/proc/self/status")).value_or(0);
    const ServerCounters counters = m_counters();
    s.storedRecords = counters.storedRecords;
    s.ingestRequests = counters.ingestRequests;
    s.rejectedIngestRequests = counters.rejectedIngestRequests;
    if (m_last) {
        if (network && m_lastNetworkBytes && *network >= *m_lastNetworkBytes)
            s.networkMbps = perSecond(double(*network - *m_lastNetworkBytes) * 8 / 1e6, m_last->at, now);
        s.ingestRecordsPerSecond = perSecond(double(s.storedRecords - m_last->storedRecords), m_last->at, now);
        const qint64 requests = s.ingestRequests - m_last->ingestRequests;
        if (requests > 0)
            s.ingestErrorPercent
                = 100.0 * double(s.rejectedIngestRequests - m_last->rejectedIngestRequests) / double(requests);
    }
    m_lastNetworkBytes = network;
    m_last = s;
    return s;
}
