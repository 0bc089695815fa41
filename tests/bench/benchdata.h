#pragma once

// What the benchmarks share: the synthetic samples they fill a database with, and their statistics.

#include "analytics/clock.h"
#include "storage/analyticsrepository.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <memory>

namespace BenchData {

// Fills the repository with `records` connection samples spread evenly over the 24 hours before `now`:
// 2,000 peers in 500 sessions of 200 users, one Relay sample in five, one failed state in fifty.
inline bool fill(AnalyticsRepository &repository, qint64 records, const QDateTime &now)
{
    constexpr qint64 Batch = 10'000;
    for (qint64 first = 0; first < records; first += Batch) {
        QList<MetricRecord> batch;
        for (qint64 i = first; i < std::min(records, first + Batch); ++i) {
            // 2,000 peers in 500 sessions, one sample every 86.4 s / records * i.
            ConnectionMetrics m { QStringLiteral("session-%1").arg(i % 500), QStringLiteral("user-%1").arg(i % 200),
                QStringLiteral("conn-%1").arg(i % 2000), QStringLiteral("peer-%1").arg(i % 2000),
                i % 5 ? ConnectionType::WebRTC : ConnectionType::Relay, quint32(20 + i % 180), 2.0 + double(i % 20),
                double(i % 10) / 10, quint32(i % 30), ConnectionQuality(i % 5), QStringLiteral("connected"),
                i % 50 ? QStringLiteral("connected") : QStringLiteral("failed") };
            batch.append({ m, now.addMSecs(-86'400'000 + 86'400'000 * i / records) });
        }
        if (auto stored = repository.store(batch); !stored.ok()) {
            QTextStream(stderr) << stored.error().message << '\n';
            return false;
        }
    }
    return true;
}

// A clock stopped at the newest stored sample: the queries then ask what a live console asks (the
// window ends where samples are arriving) however long after the fill the benchmark runs.
inline std::shared_ptr<ManualClock> clockAtNewestSample(AnalyticsRepository &repository)
{
    const auto latest = repository.latestSampleTime();
    const bool known = latest.ok() && latest.value().has_value();
    return std::make_shared<ManualClock>(known ? *latest.value() : QDateTime::currentDateTimeUtc());
}

inline double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// The value below which `fraction` of the values lie (nearest rank).
inline double percentile(QList<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(fraction * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

// A line of /proc/self/status in KiB ("VmRSS", "VmHWM").
inline qint64 statusKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

} // namespace BenchData
