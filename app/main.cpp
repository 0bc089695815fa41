#include "mainwindow.h"
#include "settings.h"
#include "signalwatcher.h"

#include "storage/repositoryfactory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

namespace {

void configureApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("VibeStream"));
    QCoreApplication::setApplicationName(QStringLiteral("vibestream-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIBESTREAM_VERSION));
}

struct Options
{
    bool headless = false;
    QString databaseUrl;
};

// Parsed before any QApplication exists, so that --help, --version and --headless need no display.
Options parseCommandLine(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Monitoring console for VibeStream peer-to-peer streaming."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run without a window."));
    const QCommandLineOption database(QStringLiteral("database"),
        QStringLiteral("Database URL: sqlite:///path.db, memory: or "
                       "postgresql://user:password@host:port/db."),
        QStringLiteral("url"));
    parser.addOptions({ headless, database });
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        std::exit(1);
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    return { parser.isSet(headless), parser.value(database) };
}

} // namespace

int main(int argc, char *argv[])
{
    configureApplication();
    const Options options = parseCommandLine(argc, argv);
    std::unique_ptr<QCoreApplication> app = options.headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                             : std::make_unique<QApplication>(argc, argv);

    Settings settings;
    const QString urlText = options.databaseUrl.isEmpty() ? settings.databaseUrl() : options.databaseUrl;
    QString urlError;
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(urlText, &urlError);
    if (!url) {
        std::fprintf(stderr, "vibestream-console: %s\n", qPrintable(urlError));
        return 1;
    }
    RepositoryFactory factory(*url);
    const auto repository = factory.open();
    if (!repository.ok()) {
        std::fprintf(stderr, "vibestream-console: %s\n", qPrintable(repository.error().message));
        return 1;
    }

    QTextStream out(stdout);
    out << "Database: " << url->backendName() << " at " << url->displayString() << Qt::endl;

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, app.get(), &QCoreApplication::quit);
    std::unique_ptr<MainWindow> window;
    if (!options.headless) {
        window = std::make_unique<MainWindow>();
        window->setDatabase(url->backendName(), url->displayString());
        window->show();
    }
    return app->exec();
}
