#include "exportcommand.h"
#include "offscreenapplication.h"

#include "pdfreportwriter.h"
#include "settings.h"

#include "analytics/clock.h"
#include "domain/timestamps.h"
#include "reports/reportexporter.h"
#include "storage/repositoryfactory.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

#include <cstdio>

namespace {

int failure(const QString &message)
{
    std::fprintf(stderr, "vibestream-console export: %s\n", qPrintable(message.simplified()));
    return 1;
}

// What the command line says, checked; the reason in one line otherwise.
struct ExportOptions
{
    ExportRequest request;
    QString databaseUrl;
};

std::optional<ExportOptions> parseOptions(
    const QStringList &arguments, const Settings &settings, const QDateTime &now, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a VibeStream report to a file."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("report"), u"What to export: " + enumSpellings<ReportType>().join(u", ") + u'.',
            QStringLiteral("type") },
        { QStringLiteral("format"), QStringLiteral("csv or pdf."), QStringLiteral("format") },
        { QStringLiteral("out"),
            QStringLiteral("The file to write; a CSV report's other tables go next to it (FILE-daily.csv...)."),
            QStringLiteral("file") },
        { QStringLiteral("user"), QStringLiteral("Only this user's samples (a performance report needs one)."),
            QStringLiteral("id") },
        { QStringLiteral("session"), QStringLiteral("Only this session's samples."), QStringLiteral("id") },
        { QStringLiteral("connection-type"),
            u"Only this connection type: " + enumSpellings<ConnectionType>().join(u", "), QStringLiteral("type") },
        { QStringLiteral("quality"),
            u"Only this connection quality or worse: " + enumSpellings<ConnectionQuality>().join(u", "),
            QStringLiteral("quality") },
        { QStringLiteral("days"), QStringLiteral("The period: the last N days (default 7)."), QStringLiteral("n") },
        { QStringLiteral("from"), QStringLiteral("The period's start, ISO 8601 (with --to)."), QStringLiteral("time") },
        { QStringLiteral("to"), QStringLiteral("The period's end, ISO 8601 (with --from)."), QStringLiteral("time") },
        { QStringLiteral("database"), QStringLiteral("Database URL (default: the console's)."), QStringLiteral("url") },
    });
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (!parser.positionalArguments().isEmpty()) {
        *error = u"unexpected argument " + parser.positionalArguments().constFirst();
        return std::nullopt;
    }
    auto fail = [&](const QString &why) {
        *error = why;
        return std::nullopt;
    };

    ExportOptions options;
    ExportRequest &request = options.request;
    const auto type = enumFromString<ReportType>(parser.value(QStringLiteral("report")));
    if (!type)
        return fail(u"--report takes " + enumSpellings<ReportType>().join(u", "));
    request.type = *type;
    const auto format = enumFromString<ReportFormat>(parser.value(QStringLiteral("format")));
    if (!format)
        return fail(QStringLiteral("--format takes csv or pdf"));
    request.format = *format;
    request.path = parser.value(QStringLiteral("out"));
    if (request.path.isEmpty())
        return fail(QStringLiteral("--out names the file to write"));

    ReportFilter &filter = request.filter;
    filter.userId = parser.value(QStringLiteral("user"));
    filter.sessionId = parser.value(QStringLiteral("session"));
    if (parser.isSet(QStringLiteral("connection-type"))) {
        filter.connectionType = enumFromString<ConnectionType>(parser.value(QStringLiteral("connection-type")));
        if (!filter.connectionType)
            return fail(u"--connection-type takes " + enumSpellings<ConnectionType>().join(u", "));
    }
    if (parser.isSet(QStringLiteral("quality"))) {
        filter.qualityAtMost = enumFromString<ConnectionQuality>(parser.value(QStringLiteral("quality")));
        if (!filter.qualityAtMost)
            return fail(u"--quality takes " + enumSpellings<ConnectionQuality>().join(u", "));
    }
    const bool byDays = parser.isSet(QStringLiteral("days"));
    const bool byTimes = parser.isSet(QStringLiteral("from")) || parser.isSet(QStringLiteral("to"));
    if (byDays && byTimes)
        return fail(QStringLiteral("give --days or --from and --to, not both"));
    if (byTimes) {
        const auto from = Timestamps::parse(parser.value(QStringLiteral("from")));
        const auto to = Timestamps::parse(parser.value(QStringLiteral("to")));
        if (!from || !to)
            return fail(QStringLiteral("--from and --to take ISO 8601 times, such as 2026-11-28T12:00:00Z"));
        filter.period = { *from, *to };
    } else {
        bool ok = true;
        const int days = byDays ? parser.value(QStringLiteral("days")).toInt(&ok) : 7;
        if (!ok || days < 1 || days > 3650)
            return fail(QStringLiteral("--days takes a whole number from 1 to 3650"));
        filter.period = TimeWindow::endingAt(now, qint64(days) * 86400);
    }
    options.databaseUrl
        = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database")) : settings.databaseUrl();
    return options;
}

} // namespace

int runExport(int argc, char *argv[], const Settings &settings)
{
    const auto app = makeOffscreenApplication(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1); // "export"
    const auto clock = std::make_shared<SystemClock>();
    QString error;
    const std::optional<ExportOptions> options = parseOptions(arguments, settings, clock->now(), &error);
    if (!options)
        return failure(error);

    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(options->databaseUrl, &error);
    if (!url)
        return failure(error);
    RepositoryFactory repositories(*url);
    const auto stores = repositories.openStores();
    if (!stores.ok())
        return failure(stores.error().message);
    AnalyticsService service(stores.value().samples, clock);
    ReportExporter exporter(service, *stores.value().samples, *stores.value().alerts, PdfReportWriter::write);
    if (const auto failed = exporter.exportTo(options->request))
        return failure(*failed);
    QTextStream(stdout) << "Wrote " << QDir::toNativeSeparators(options->request.path) << Qt::endl;
    return 0;
}
