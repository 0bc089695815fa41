// Times one console refresh over a SQLite database filled with N connection samples spread over the
// last 24 hours:
//   bench_refresh <database-path> <records>
// The database is filled on first use and reused afterwards. For each window it prints the median of
// 5 rounds of
//   - queries: the service calls behind one refresh (dashboard with previous window, trends, sessions);
//   - console: the same through the MainWindow on the offscreen platform, from refresh() until every
//     tile, chart and table holds the new figures and the window has repainted;
// and the longest GUI-thread stall seen during the console rounds (the largest delay of a 1 ms timer).
#include "benchdata.h"

#include "analytics/analyticsservice.h"
#include "analytics/queryworker.h"
#include "mainwindow.h"
#include "storage/repositoryfactory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace {

// The longest time the GUI thread was busy: how late a 1 ms timer fired, at worst.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestMs = std::max(m_longestMs, double(m_sinceTick.nsecsElapsed()) / 1e6 - 1);
            m_sinceTick.start();
        });
    }
    void start()
    {
        m_sinceTick.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return m_longestMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    double m_longestMs = 0;
};

// Refreshes the window once and returns the milliseconds until it has shown and painted the result.
double consoleRefresh(MainWindow &window)
{
    QEventLoop loop;
    bool succeeded = false;
    const auto connection = QObject::connect(&window, &MainWindow::refreshCompleted, &loop, [&](bool ok) {
        succeeded = ok;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    window.refresh();
    loop.exec();
    window.repaint();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(connection);
    return succeeded ? ms : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: bench_refresh <database-path> <records>\n";
        return 2;
    }
    const bool fresh = !QFileInfo::exists(args.at(1));
    auto factory = std::make_shared<RepositoryFactory>(DatabaseUrl::sqlite(args.at(1)));
    auto repository = factory->open();
    if (!repository.ok()) {
        QTextStream(stderr) << repository.error().message << '\n';
        return 1;
    }
    QTextStream out(stdout);
    const qint64 records = args.at(2).toLongLong();
    if (fresh) {
        if (!BenchData::fill(*repository.value(), records, QDateTime::currentDateTimeUtc()))
            return 1;
        out << "filled " << records << " records\n";
    }

    const auto clock = BenchData::clockAtNewestSample(*repository.value());
    AnalyticsService service(repository.value(), clock);
    QueryWorker queries(factory, clock);
    MainWindow window(&queries);
    window.show();
    constexpr int Rounds = 5;
    for (qint64 windowSeconds : { qint64(3600), qint64(86400) }) {
        QList<double> queryTimes;
        for (int round = 0; round < Rounds; ++round) {
            QElapsedTimer timer;
            timer.start();
            const bool ok = service.dashboard(windowSeconds).ok()
                && service.trendsOver(windowSeconds, QueryWorker::chartBucketSeconds(windowSeconds)).ok()
                && service.sessionsActiveIn(windowSeconds).ok();
            if (!ok)
                return 1;
            queryTimes.append(double(timer.nsecsElapsed()) / 1e6);
        }

        ConsolePreferences preferences;
        preferences.refreshIntervalSeconds = 3600; // no timer refresh in between
        preferences.defaultWindowSeconds = windowSeconds;
        window.setPreferences(preferences);
        consoleRefresh(window); // settles the refresh the window change started
        QList<double> consoleTimes;
        StallMeter stalls;
        stalls.start();
        for (int round = 0; round < Rounds; ++round) {
            const double ms = consoleRefresh(window);
            if (ms < 0)
                return 1;
            consoleTimes.append(ms);
        }
        stalls.stop();
        out << "window=" << windowSeconds << " queries_ms median " << BenchData::median(queryTimes)
            << " console_ms median " << BenchData::median(consoleTimes) << " max "
            << *std::max_element(consoleTimes.cbegin(), consoleTimes.cend()) << " longest_gui_stall_ms "
            << stalls.longestMs() << '\n';
    }
    // What the console holds with this database open: resident now and at peak (SQLite maps part of
    // the file, mmap_size, and caches 32 MiB of pages per connection).
    out << "rss_kib " << BenchData::statusKib("VmRSS") << " peak_rss_kib " << BenchData::statusKib("VmHWM")
        << " anon_kib " << BenchData::statusKib("RssAnon") << '\n';
    return 0;
}
