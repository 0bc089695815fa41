// Times the HTTP API's analytics queries through AnalyticsService (what each endpoint calls), on a
// database of any backend:
//   bench_queries fill <database-url> <records>   fills it with BenchData's samples (24 hours up to now)
//   bench_queries run <database-url> [rounds]     prints, per query, the median and 95th percentile of
//                                                  `rounds` (default 21) calls, in milliseconds
// Queries: stats?hours=24, trends?hours=24, realtime-metrics?hours=24, user/{id}, performance-report/{id}?days=7,
// at the newest stored sample (BenchData::clockAtNewestSample).
#include "benchdata.h"

#include "analytics/analyticsservice.h"
#include "storage/repositoryfactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <functional>

namespace {

int usage()
{
    QTextStream(stderr) << "usage: bench_queries fill <database-url> <records>\n"
                           "       bench_queries run <database-url> [rounds]\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3 || (args.at(1) != u"fill" && args.at(1) != u"run")
        || (args.at(1) == u"fill" && args.size() != 4))
        return usage();
    QString error;
    const auto url = DatabaseUrl::parse(args.at(2), &error);
    if (!url)
        return QTextStream(stderr) << error << '\n', 1;
    RepositoryFactory factory(*url);
    const auto repository = factory.open();
    if (!repository.ok())
        return QTextStream(stderr) << repository.error().message << '\n', 1;
    QTextStream out(stdout);

    if (args.at(1) == u"fill") {
        QElapsedTimer timer;
        timer.start();
        const qint64 records = args.at(3).toLongLong();
        if (!BenchData::fill(*repository.value(), records, QDateTime::currentDateTimeUtc()))
            return 1;
        out << "filled " << records << " records in " << double(timer.nsecsElapsed()) / 1e9 << " s\n";
        return 0;
    }

    const int rounds = args.size() > 3 ? args.at(3).toInt() : 21;
    AnalyticsRepository &store = *repository.value();
    const auto clock = BenchData::clockAtNewestSample(store);
    const SampleFilter day { TimeWindow::endingAt(clock->now(), 86400), QString(), QString() };
    const SampleFilter fiveMinutes { TimeWindow::endingAt(clock->now(), 300), QString(), QString() };
    const QList<std::pair<QString, std::function<bool()>>> calls {
        { QStringLiteral("sessionSummaries"), [&] { return store.sessionSummaries(day).ok(); } },
        { QStringLiteral("connectionTotals"), [&] { return store.connectionTotals(day).ok(); } },
        { QStringLiteral("streamingTotals"), [&] { return store.streamingTotals(day).ok(); } },
        { QStringLiteral("sampleSums"), [&] { return store.sampleSums(day).ok(); } },
        { QStringLiteral("systemTotals"), [&] { return store.systemTotals(day).ok(); } },
        { QStringLiteral("transferredBytes"), [&] { return store.transferredBytes(day).ok(); } },
        { QStringLiteral("peakConcurrentUsers"), [&] { return store.peakConcurrentUsers(day).ok(); } },
        { QStringLiteral("mosDistribution"), [&] { return store.mosDistribution(day).ok(); } },
        { QStringLiteral("connectionBuckets"), [&] { return store.connectionBuckets(day, 3600'000).ok(); } },
        { QStringLiteral("activityBuckets"), [&] { return store.activityBuckets(day, 3600'000).ok(); } },
        // What the alert rules read each evaluation: the last 5 minutes, per group.
        { QStringLiteral("groupTotals(peer, 5 min)"),
            [&] { return store.groupTotals(fiveMinutes, SampleGroup::Peer).ok(); } },
        { QStringLiteral("groupTotals(session, 5 min)"),
            [&] { return store.groupTotals(fiveMinutes, SampleGroup::Session).ok(); } },
        { QStringLiteral("groupTotals(global, 5 min)"),
            [&] { return store.groupTotals(fiveMinutes, SampleGroup::Global).ok(); } },
    };
    for (const auto &[name, call] : calls) {
        QList<double> times;
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer timer;
            timer.start();
            call();
            times.append(double(timer.nsecsElapsed()) / 1e6);
        }
        out << "call " << name << " p50_ms " << BenchData::median(times) << '\n';
    }
    AnalyticsService service(repository.value(), clock);
    const QString user = QStringLiteral("user-7");
    const QList<std::pair<QString, std::function<bool()>>> queries {
        { QStringLiteral("stats?hours=24"), [&] { return service.aggregatedStats(24).ok(); } },
        { QStringLiteral("trends?hours=24"), [&] { return service.trends(24).ok(); } },
        { QStringLiteral("realtime-metrics?hours=24"), [&] { return service.realtimeMetrics(24).ok(); } },
        { QStringLiteral("user/{id}"), [&] { return service.userAnalytics(user).ok(); } },
        { QStringLiteral("performance-report/{id}?days=7"), [&] { return service.performanceReport(user, 7).ok(); } },
    };
    for (const auto &[name, query] : queries) {
        QList<double> times;
        for (int round = 0; round < rounds; ++round) {
            QElapsedTimer timer;
            timer.start();
            if (!query())
                return QTextStream(stderr) << name << " failed\n", 1;
            times.append(double(timer.nsecsElapsed()) / 1e6);
        }
        out << "query " << name << " p50_ms " << BenchData::median(times) << " p95_ms "
            << BenchData::percentile(times, 0.95) << '\n';
    }
    return 0;
}
