#include "apiserver.h"
#include "commandline.h"
#include "exportcommand.h"
#include "logfile.h"
#include "mainwindow.h"
#include "offscreenapplication.h"
#include "pdfreportwriter.h"
#include "settings.h"
#include "signalwatcher.h"

#include "alertwebhook.h"
#include "servermetrics.h"

#include "alerts/alertengine.h"
#include "analytics/clock.h"
#include "analytics/queryworker.h"
#include "host/hostprobe.h"
#include "reports/exportworker.h"
#include "storage/repositoryfactory.h"
#include "storage/retentionworker.h"

#include <QApplication>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

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
    Settings settings;
    if (argc > 1 && qstrcmp(argv[1], "export") == 0)
        return runExport(argc, argv, settings);
    const CommandLine options = CommandLine::parse(argc, argv, settings);
    // A screenshot needs no screen: without a display, render off-screen.
    if (!options.screenshotPath.isEmpty() && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Headless, PDF reports (served over HTTP) still need fonts: a GUI application on no screen.
    std::unique_ptr<QCoreApplication> app;
    if (options.headless)
        app = makeOffscreenApplication(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
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
    config.pdfWriter = PdfReportWriter::write;
    config.cors = options.cors;
    const auto clock = std::make_shared<SystemClock>();
    ApiServer server(repositories, clock);
    if (!server.start(config, &error))
        return failure(error);

    // Alerts are evaluated wherever the console runs, headless or not; the store keeps one per key.
    AlertEngine alerts(repositories, clock);
    AlertWebhook webhook;
    webhook.setUrl(QUrl(options.alertWebhookUrl));
    // Every node applies retention; deleting what another node deleted already costs nothing.
    RetentionWorker retention(repositories, clock);
    retention.start(options.retention);
    QObject::connect(&alerts, &AlertEngine::evaluated, &webhook, &AlertWebhook::deliver);

    const QString listeningUrl = urlOf(server.address(), server.port());
    QTextStream out(stdout);
    out << "Listening on " << listeningUrl << Qt::endl;

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, app.get(), &QCoreApplication::quit);
    std::unique_ptr<QueryWorker> queries;
    std::unique_ptr<ExportWorker> exports;
    std::unique_ptr<MainWindow> window;
    if (!options.headless) {
        queries = std::make_unique<QueryWorker>(repositories, clock);
        exports = std::make_unique<ExportWorker>(repositories, clock, PdfReportWriter::write);
        window = std::make_unique<MainWindow>(queries.get());
        window->setDatabase(url->backendName(), url->displayString());
        window->setListeningUrl(listeningUrl);
        window->setPreferences(
            { settings.databaseUrl(), settings.bindAddress(), settings.port(), settings.refreshIntervalSeconds(),
                settings.defaultWindowSeconds(), options.alertWebhookUrl, options.retention });
        QObject::connect(window.get(), &MainWindow::preferencesChanged,
            [&settings, &webhook, &retention](const ConsolePreferences &p) {
                webhook.setUrl(QUrl(p.alertWebhookUrl));
                retention.setPolicy(p.retention);
                settings.setRetention(p.retention);
                settings.setAlertWebhookUrl(p.alertWebhookUrl);
                settings.setDatabaseUrl(p.databaseUrl);
                settings.setBindAddress(p.bindAddress);
                settings.setPort(p.port);
                settings.setRefreshIntervalSeconds(p.refreshIntervalSeconds);
                settings.setDefaultWindowSeconds(p.defaultWindowSeconds);
            });
        // A screenshot shows the window as it comes, not as the operator last left it.
        if (options.screenshotPath.isEmpty()) {
            window->restoreGeometry(settings.windowGeometry());
            window->restoreState(settings.windowState());
        }
        window->setAlertEngine(&alerts);
        window->setExportWorker(exports.get());
        window->setAlertRules(options.alertRules);
        QObject::connect(window.get(), &MainWindow::alertRulesChanged, &alerts, [&](const RuleSet &rules) {
            if (!options.alertRulesFromFile)
                settings.setAlertRules(rules);
            alerts.setRules(rules);
        });
        window->showPage(options.screenshotPage == u"trends" ? MainWindow::Page::Trends
                : options.screenshotPage == u"sessions"      ? MainWindow::Page::Sessions
                : options.screenshotPage == u"health"        ? MainWindow::Page::Health
                : options.screenshotPage == u"alerts"        ? MainWindow::Page::Alerts
                                                             : MainWindow::Page::Dashboard);
        window->show();
        if (!options.screenshotPath.isEmpty()) {
            // Once both the first refresh and the first alert pass (or its failure) have come back.
            struct Awaited
            {
                bool refreshed = false;
                bool alerted = false;
            };
            auto awaited = std::make_shared<Awaited>();
            auto shootWhenReady = [&, awaited] {
                if (!awaited->refreshed || !awaited->alerted)
                    return;
                // Layouts the last figures changed (a toolbar button's new text) are redone first.
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                const bool saved = window->grab().save(options.screenshotPath, "PNG");
                if (!saved)
                    std::fprintf(stderr, "vibestream-console: cannot write %s\n", qPrintable(options.screenshotPath));
                app->exit(saved ? 0 : 1);
            };
            QObject::connect(window.get(), &MainWindow::refreshCompleted, app.get(), [=] {
                awaited->refreshed = true;
                shootWhenReady();
            });
            auto alerted = [=] {
                awaited->alerted = true;
                shootWhenReady();
            };
            QObject::connect(&alerts, &AlertEngine::alertsChanged, app.get(), alerted);
            QObject::connect(&alerts, &AlertEngine::failed, app.get(), alerted);
        }
    }
    // The host and the server's counters every 5 s: for the alert rules, the status bar and Console health.
    HostProbe probe([&server] {
        const ServerMetrics &metrics = server.metrics();
        return ServerCounters { metrics.storedRecords(), metrics.ingestRequests(), metrics.rejectedIngestRequests() };
    });
    auto sampleHost = [&] {
        const HostSample sample = probe.sample(clock->now());
        alerts.addHostSample(sample);
        if (window)
            window->showHostSample(sample);
    };
    sampleHost(); // the first look at once: memory and counters need no previous sample
    QTimer hostTimer;
    QObject::connect(&hostTimer, &QTimer::timeout, app.get(), sampleHost);
    hostTimer.start(5000);

    // Started once everything that listens to it is connected, so that the first pass reaches them.
    alerts.start(options.alertRules);
    const int status = app->exec();
    if (window && options.screenshotPath.isEmpty()) {
        settings.setWindowGeometry(window->saveGeometry());
        settings.setWindowState(window->saveState());
    }
    window.reset();
    exports.reset();
    queries.reset();
    server.stop(); // answers what was accepted before returning
    return status;
}
