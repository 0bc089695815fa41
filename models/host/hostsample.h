#pragma once

#include <QDateTime>
#include <QMetaType>

#include <optional>

/**
 * One look at the console's host and process, taken every few seconds: what the status bar, the
 * Console health page and the HostCpu, HostMemory and IngestErrors rules read. Rates cover the time
 * since the previous sample, so the first sample has none.
 */
struct HostSample
{
    QDateTime at;
    QString host; // the machine's name: console-side alerts are one per host when several share a database
    std::optional<double> cpuPercent; // busy share of all CPUs
    std::optional<double> memoryPercent; // (MemTotal - MemAvailable) / MemTotal
    qint64 memoryUsedBytes = 0;
    qint64 memoryTotalBytes = 0;
    std::optional<double> networkMbps; // received + sent on every interface but loopback
    qint64 processRssBytes = 0;
    // The server's counters since it started, and their rates.
    qint64 storedRecords = 0;
    qint64 ingestRequests = 0;
    qint64 rejectedIngestRequests = 0;
    std::optional<double> ingestRecordsPerSecond;
    std::optional<double> ingestErrorPercent; // rejected share of the ingestion requests in between
};

Q_DECLARE_METATYPE(HostSample)
