// vibestream-simulate: emulates VibeStream peers reporting to a console, for demonstrations, load
// and alert checks. See Simulation and SimulatedPeer for what the peers do.
#include "simulation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

namespace {

[[noreturn]] void fail(const QString &message)
{
    QTextStream(stderr) << "vibestream-simulate: " << message << Qt::endl;
    std::exit(2);
}

int wholeNumber(const QCommandLineParser &parser, const QString &name, int fallback, int max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > max)
        fail(QStringLiteral("--%1 takes a whole number from 1 to %2").arg(name).arg(max));
    return value;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vibestream-simulate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIBESTREAM_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Emulates VibeStream peers and sessions reporting their metrics to a console.\n"
                       "Exits 0 when every request was answered 2xx, 1 when any failed."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        { QStringLiteral("url"), QStringLiteral("The console, e.g. http://127.0.0.1:8080."), QStringLiteral("url") },
        { QStringLiteral("peers"), QStringLiteral("Simulated peers (default 100)."), QStringLiteral("n") },
        { QStringLiteral("duration"), QStringLiteral("Seconds to run (default 60)."), QStringLiteral("seconds") },
        { QStringLiteral("scenario"), u"What happens: " + Scenario::names() + u" (default steady).",
            QStringLiteral("name") },
        { QStringLiteral("interval"), QStringLiteral("Seconds between a peer's reports (default 5)."),
            QStringLiteral("seconds") },
        { QStringLiteral("batch"),
            QStringLiteral("Records per request: 1 (default) posts each to its endpoint, more use /batch."),
            QStringLiteral("n") },
        { QStringLiteral("seed"), QStringLiteral("Seed of the peers' randomness (default 1)."), QStringLiteral("n") },
    });
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        fail(u"Unexpected argument " + parser.positionalArguments().constFirst());

    SimulationOptions options;
    options.url = QUrl(parser.value(QStringLiteral("url")));
    if (!options.url.isValid() || (options.url.scheme() != u"http" && options.url.scheme() != u"https")
        || options.url.host().isEmpty())
        fail(QStringLiteral("--url takes the console's http(s) URL, such as http://127.0.0.1:8080"));
    options.peers = wholeNumber(parser, QStringLiteral("peers"), options.peers, 1'000'000);
    options.durationSeconds = wholeNumber(parser, QStringLiteral("duration"), options.durationSeconds, 30 * 86400);
    if (parser.isSet(QStringLiteral("scenario"))) {
        const auto scenario = Scenario::fromName(parser.value(QStringLiteral("scenario")));
        if (!scenario)
            fail(u"--scenario takes " + Scenario::names());
        options.scenario = *scenario;
    }
    if (parser.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        options.intervalSeconds = parser.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || !(options.intervalSeconds >= 0.1 && options.intervalSeconds <= 3600))
            fail(QStringLiteral("--interval takes seconds from 0.1 to 3600"));
    }
    options.batch = wholeNumber(parser, QStringLiteral("batch"), options.batch, 10'000);
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            fail(QStringLiteral("--seed takes a whole number"));
    }

    QTextStream progress(stderr);
    QTextStream summary(stdout);
    Simulation simulation(options, progress, summary);
    QObject::connect(&simulation, &Simulation::finished, &app, &QCoreApplication::exit);
    QTimer::singleShot(0, &simulation, &Simulation::start);
    return app.exec();
}
