#pragma once

#include "host/hostsample.h"

#include <QByteArray>

#include <functional>
#include <optional>

/** The raw counters of Linux's /proc files, parsed (the parsers take the files' text, for tests). */
namespace ProcFiles {

struct CpuTimes
{
    quint64 busy = 0;
    quint64 total = 0;
};
// The aggregate "cpu" line of /proc/stat.
std::optional<CpuTimes> cpuTimes(const QByteArray &procStat);
// MemTotal and MemAvailable of /proc/meminfo, in bytes.
std::optional<std::pair<qint64, qint64>> memory(const QByteArray &procMeminfo);
// Received + transmitted bytes of every interface but lo, from /proc/net/dev.
std::optional<quint64> networkBytes(const QByteArray &procNetDev);
// VmRSS of /proc/<pid>/status, in bytes.
std::optional<qint64> residentBytes(const QByteArray &procStatus);

} // namespace ProcFiles

/** The server's cumulative counters, as HostProbe asks for them. */
struct ServerCounters
{
    qint64 storedRecords = 0;
    qint64 ingestRequests = 0;
    qint64 rejectedIngestRequests = 0;
};

/**
 * Takes HostSamples: reads /proc and the server's counters, and turns the differences with the
 * previous sample into rates. Where /proc is missing (not Linux) those figures stay empty.
 */
class HostProbe
{
public:
    explicit HostProbe(std::function<ServerCounters()> counters);

    HostSample sample(const QDateTime &now);

private:
    std::function<ServerCounters()> m_counters;
    std::optional<ProcFiles::CpuTimes> m_lastCpu;
    std::optional<quint64> m_lastNetworkBytes;
    std::optional<HostSample> m_last;
};
