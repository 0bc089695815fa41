#include "apiserver.h"
#include "commandline.h"
#include "logfile.h"
#include "mainwindow.h"
#include "settings.h"
#include "signalwatcher.h"

#include "analytics/clock.h"
#include "storage/repositoryfactory.h"

#include <QApplication>
#include <QTextStream>

#include <cstdio>

namespace {

void configureApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("VibeStream"));
    QCoreApplication::setApplicationName(QStringLiteral("vibestream-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIBESTREAM_VERSION));
}

// Scripts read the reason as one line; database drivers' messages span several.
int failure(const QString &message)
{
    std::fprintf(stderr, "vibestream-console: %s\n", qPrintable(message.simplified()));
    return 1;
}

QString urlOf(const QHostAddress &address, quint16 port)
{
    const QString host
        = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

} // namespace

int main(int argc, char *argv[])
{
    configureApplication();
    const CommandLine options = CommandLine::parse(argc, argv, Settings());
    std::unique_ptr<QCoreApplication> app = options.headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                             : std::make_unique<QApplication>(argc, argv);
    QString error;
    if (!options.logFile.isEmpty() && !installLogFile(options.logFile, &error))
        return failure(error);

    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(options.databaseUrl, &error);
    if (!url)
        return failure(error);
    QHostAddress bindAddress;
    if (!bindAddress.setAddress(options.bindAddress))
        return failure(u"--bind takes an IP address, not " + options.bindAddress);

    // Opening once here migrates the schema and reports an unreachable database before listening.
    auto repositories = std::make_shared<RepositoryFactory>(*url);
    if (const auto probe = repositories->open(); !probe.ok())
        return failure(probe.error().message);

    ServerConfig config;
    config.address = bindAddress;
    config.port = quint16(options.port);
    config.threads = options.httpThreads;
    config.limits.maxRecordBytes = options.maxRecordBytes;
    config.limits.maxBatchBytes = options.maxBatchBytes;
    ApiServer server(repositories, std::make_shared<SystemClock>());
    if (!server.start(config, &error))
        return failure(error);

    QTextStream out(stdout);
    out << "Listening on " << urlOf(server.address(), server.port()) << Qt::endl;

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, app.get(), &QCoreApplication::quit);
    std::unique_ptr<MainWindow> window;
    if (!options.headless) {
        window = std::make_unique<MainWindow>();
        window->setDatabase(url->backendName(), url->displayString());
        window->show();
    }
    const int status = app->exec();
    window.reset();
    server.stop(); // answers what was accepted before returning
    return status;
}
