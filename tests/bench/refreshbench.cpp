// Times one console refresh (the queries behind the dashboard, trends and sessions pages) over a
// SQLite database filled with N connection samples spread over the last 24 hours:
//   bench_refresh <database-path> <records>
// The database is filled on first use and reused afterwards. Prints the median of 5 refreshes per window.
#include "analytics/analyticsservice.h"
#include "storage/repositoryfactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: bench_refresh <database-path> <records>\n";
        return 2;
    }
    const bool fresh = !QFileInfo::exists(args.at(1));
    RepositoryFactory factory(DatabaseUrl::sqlite(args.at(1)));
    auto repository = factory.open();
    if (!repository.ok()) {
        QTextStream(stderr) << repository.error().message << '\n';
        return 1;
    }
    QTextStream out(stdout);
    const qint64 records = args.at(2).toLongLong();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (fresh) {
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
            if (auto stored = repository.value()->store(batch); !stored.ok()) {
                QTextStream(stderr) << stored.error().message << '\n';
                return 1;
            }
        }
        out << "filled " << records << " records\n";
    }
    AnalyticsService service(repository.value(), std::make_shared<SystemClock>());
    for (qint64 window : { qint64(3600), qint64(86400) }) {
        QList<double> times;
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer timer;
            timer.start();
            const bool ok = service.dashboard(window).ok()
                && service.trendsOver(window, std::max<qint64>(60, window / 120)).ok()
                && service.sessionsActiveIn(window).ok();
            if (!ok)
                return 1;
            times.append(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        out << "refresh_ms window=" << window << " median " << times.at(2) << " max " << times.last() << '\n';
    }
    return 0;
}
