// Exports every connection sample of a SQLite database as CSV and reports the export's speed and the
// process's peak memory, to show that memory stays bounded whatever the number of rows:
//   bench_export fill <database-path> <records>   fills the database (once; a separate process, so
//                                                 that filling does not count in the export's peak)
//   bench_export run <database-path> <csv-path>   exports, then prints rows, seconds, rows/s, bytes,
//                                                 the resident memory before and at peak (VmHWM),
//                                                 and the peak of anonymous (heap) memory
#include "benchdata.h"

#include "analytics/analyticsservice.h"
#include "reports/reportexporter.h"
#include "storage/repositoryfactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

namespace {

int usage()
{
    QTextStream(stderr) << "usage: bench_export fill <database-path> <records>\n"
                           "       bench_export run <database-path> <csv-path>\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 || (args.at(1) != u"fill" && args.at(1) != u"run"))
        return usage();
    QString error;
    const auto url = DatabaseUrl::parse(u"sqlite://" + QFileInfo(args.at(2)).absoluteFilePath(), &error);
    if (!url)
        return QTextStream(stderr) << error << '\n', 1;
    RepositoryFactory factory(*url);
    const auto stores = factory.openStores();
    if (!stores.ok())
        return QTextStream(stderr) << stores.error().message << '\n', 1;
    QTextStream out(stdout);

    if (args.at(1) == u"fill") {
        if (!BenchData::fill(*stores.value().samples, args.at(3).toLongLong(), QDateTime::currentDateTimeUtc()))
            return 1;
        out << "filled " << args.at(3) << " records\n";
        return 0;
    }

    AnalyticsService service(stores.value().samples, std::make_shared<SystemClock>());
    // Raw samples need no PDF writer.
    ReportExporter exporter(service, *stores.value().samples, *stores.value().alerts,
        [](const ReportDocument &, QIODevice &) { return std::optional<QString>(QStringLiteral("no PDF here")); });
    ExportRequest request;
    request.type = ReportType::Connections;
    request.format = ReportFormat::Csv;
    // Every sample the database holds.
    request.filter.period = { QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC), QDateTime::currentDateTimeUtc() };
    request.path = args.at(3);
    const qint64 rssBefore = BenchData::statusKib("VmRSS");
    qint64 rows = 0;
    // VmHWM counts the database pages SQLite maps (mmap_size) and caches: bounded by its settings.
    // What the export itself holds is anonymous memory, sampled after every page of rows.
    qint64 peakAnon = BenchData::statusKib("RssAnon");
    QElapsedTimer timer;
    timer.start();
    if (const auto failed = exporter.exportTo(request, [&](qint64 done, qint64) {
            rows = done;
            peakAnon = std::max(peakAnon, BenchData::statusKib("RssAnon"));
            return true;
        }))
        return QTextStream(stderr) << *failed << '\n', 1;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out << "rows " << rows << " seconds " << seconds << " rows_per_s " << qint64(double(rows) / seconds) << " bytes "
        << QFileInfo(args.at(3)).size() << " rss_before_kib " << rssBefore << " peak_rss_kib "
        << BenchData::statusKib("VmHWM") << " peak_anon_kib " << peakAnon << '\n';
    return 0;
}
