#include "commandline.h"

#include "apiserver.h"
#include "settings.h"

#include "alerts/webhookurl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "vibestream-console: %s\n", qPrintable(message));
    std::exit(1);
}

qint64 positive(const QCommandLineParser &parser, const QString &name, qint64 fallback, qint64 max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 1 || value > max)
        fail(QStringLiteral("--%1 takes a whole number from 1 to %2").arg(name).arg(max));
    return value;
}

} // namespace

CommandLine CommandLine::parse(int argc, char *argv[], const Settings &settings)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Monitoring console for VibeStream peer-to-peer streaming.\n"
                                                    "Reports: vibestream-console export --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        { QStringLiteral("headless"), QStringLiteral("Run as an ingestion server, without a window.") },
        { QStringLiteral("bind"), QStringLiteral("Address the HTTP API listens on (default 127.0.0.1)."),
            QStringLiteral("address") },
        { QStringLiteral("port"), QStringLiteral("HTTP port; 0 picks a free one (default 8080)."),
            QStringLiteral("n") },
        { QStringLiteral("database"),
            QStringLiteral("Database URL: sqlite:///path.db, memory: or postgresql://user:password@host:port/db."),
            QStringLiteral("url") },
        { QStringLiteral("log-file"), QStringLiteral("Append the log to this file."), QStringLiteral("path") },
        { QStringLiteral("alert-webhook"),
            QStringLiteral("POST every raised and resolved alert as JSON to this http(s) URL; \"\" for none."),
            QStringLiteral("url") },
        { QStringLiteral("cors-origins"),
            QStringLiteral("Origins whose pages may post metrics and load reporter.js: \"*\" (default), \"\" for "
                           "none, or a comma-separated list such as https://player.example.com."),
            QStringLiteral("origins") },
        { QStringLiteral("alert-rules"),
            QStringLiteral("Evaluate the alert rules of this JSON file (as resources/alerts/default-rules.json) "
                           "instead of the console's own."),
            QStringLiteral("file") },
        { QStringLiteral("raw-retention-days"),
            QStringLiteral("Delete raw samples older than this many days (default 30)."), QStringLiteral("days") },
        { QStringLiteral("rollup-retention-days"),
            QStringLiteral("Delete rollups older than this many days (default 400)."), QStringLiteral("days") },
        { QStringLiteral("http-threads"), QStringLiteral("HTTP threads (default 4)."), QStringLiteral("n") },
        { QStringLiteral("max-body-bytes"), QStringLiteral("Largest single-record body (default 1 MiB)."),
            QStringLiteral("bytes") },
        { QStringLiteral("max-batch-bytes"), QStringLiteral("Largest batch body (default 16 MiB)."),
            QStringLiteral("bytes") },
        { QStringLiteral("screenshot"), QStringLiteral("Load the data, save the window as a PNG, and exit."),
            QStringLiteral("path") },
        { QStringLiteral("page"),
            QStringLiteral("Page of --screenshot: dashboard (default), trends, sessions, health or alerts."),
            QStringLiteral("name") },
    });
    if (!parser.parse(arguments))
        fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        fail(u"Unexpected argument " + parser.positionalArguments().constFirst());

    CommandLine line;
    line.headless = parser.isSet(QStringLiteral("headless"));
    line.databaseUrl
        = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database")) : settings.databaseUrl();
    line.bindAddress
        = parser.isSet(QStringLiteral("bind")) ? parser.value(QStringLiteral("bind")) : settings.bindAddress();
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        line.port = parser.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || line.port < 0 || line.port > 65535)
            fail(QStringLiteral("--port takes a number from 0 to 65535"));
    } else {
        line.port = settings.port();
    }
    line.httpThreads = int(positive(parser, QStringLiteral("http-threads"), ServerConfig().threads, 256));
    line.maxRecordBytes = positive(parser, QStringLiteral("max-body-bytes"), settings.maxRecordBytes(), 1LL << 30);
    line.maxBatchBytes = positive(parser, QStringLiteral("max-batch-bytes"), settings.maxBatchBytes(), 1LL << 32);
    line.logFile = parser.value(QStringLiteral("log-file"));
    line.alertWebhookUrl = parser.isSet(QStringLiteral("alert-webhook")) ? parser.value(QStringLiteral("alert-webhook"))
                                                                         : settings.alertWebhookUrl();
    if (!line.alertWebhookUrl.isEmpty() && !isWebhookUrl(line.alertWebhookUrl))
        fail(u"--alert-webhook takes an http or https URL, not " + line.alertWebhookUrl);
    const RetentionPolicy stored = settings.retention();
    line.retention = { int(positive(
                           parser, QStringLiteral("raw-retention-days"), stored.rawDays, RetentionPolicy::MaxDays)),
        int(positive(parser, QStringLiteral("rollup-retention-days"), stored.rollupDays, RetentionPolicy::MaxDays)) };
    if (!line.retention.isValid())
        fail(QStringLiteral("Rollups must be kept at least as long as raw samples (--rollup-retention-days %1 is "
                            "less than --raw-retention-days %2)")
                 .arg(line.retention.rollupDays)
                 .arg(line.retention.rawDays));
    QString corsError;
    const std::optional<CorsPolicy> cors
        = CorsPolicy::parse(parser.isSet(QStringLiteral("cors-origins")) ? parser.value(QStringLiteral("cors-origins"))
                                                                         : settings.corsOrigins(),
            &corsError);
    if (!cors)
        fail(u"--cors-origins: " + corsError);
    line.cors = *cors;
    line.alertRules = settings.alertRules();
    if (parser.isSet(QStringLiteral("alert-rules"))) {
        QFile file(parser.value(QStringLiteral("alert-rules")));
        if (!file.open(QIODevice::ReadOnly))
            fail(QStringLiteral("--alert-rules: cannot read %1: %2").arg(file.fileName(), file.errorString()));
        const RuleSetJson::Parsed parsed = RuleSetJson::parse(file.readAll());
        if (!parsed.errors.isEmpty())
            fail(
                QStringLiteral("--alert-rules: %1: %2").arg(file.fileName(), parsed.errors.join(QStringLiteral("; "))));
        line.alertRules = parsed.ruleSet;
        line.alertRulesFromFile = true;
    }
    line.screenshotPath = parser.value(QStringLiteral("screenshot"));
    line.screenshotPage
        = parser.isSet(QStringLiteral("page")) ? parser.value(QStringLiteral("page")) : QStringLiteral("dashboard");
    if (!QStringList { QStringLiteral("dashboard"), QStringLiteral("trends"), QStringLiteral("sessions"),
            QStringLiteral("health"), QStringLiteral("alerts") }
             .contains(line.screenshotPage))
        fail(QStringLiteral("--page takes dashboard, trends, sessions, health or alerts"));
    if (!line.screenshotPath.isEmpty() && line.headless)
        fail(QStringLiteral("--screenshot needs the window: leave out --headless"));
    return line;
}
