#include "alertnotifier.h"
#include "alertsdock.h"
#include "apiserver.h"
#include "dashboardpage.h"
#include "databasetestcase.h"
#include "exportdialog.h"
#include "healthpage.h"
#include "httpclient.h"
#include "itemmodels/sampletablemodel.h"
#include "kpitile.h"
#include "mainwindow.h"
#include "mixchart.h"
#include "pdfreportwriter.h"
#include "rulesdialog.h"
#include "sessiondetaildialog.h"
#include "sessionspage.h"

#include "testdata.h"
#include "trendchart.h"
#include "trendspage.h"
#include <QStandardItemModel>

#include "alerts/alertengine.h"
#include "analytics/analyticsservice.h"
#include "analytics/queryworker.h"
#include "itemmodels/alerttablemodel.h"
#include "itemmodels/ruletablemodel.h"
#include "itemmodels/sessiontablemodel.h"
#include "reports/exportworker.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// The window on the offscreen platform, fed by a real server over HTTP, against SQLite and PostgreSQL.
class TestMainWindow : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<QueryWorker> m_queries;
    std::unique_ptr<MainWindow> m_window;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);

    // Refreshes and waits for the answer; returns whether it succeeded.
    bool refreshed()
    {
        QSignalSpy done(m_window.get(), &MainWindow::refreshCompleted);
        m_window->refresh();
        if (!done.wait(10000))
            return false;
        return done.constFirst().constFirst().toBool();
    }

    void post(const QString &session, const QString &user, int latency, const QString &quality, const QString &type)
    {
        QJsonObject json = TestData::payload(QStringLiteral("connection-metrics.json"));
        json.insert(QStringLiteral("session_id"), session);
        json.insert(QStringLiteral("user_id"), user);
        json.insert(QStringLiteral("connection_id"), QString(session + u"-c"));
        json.insert(QStringLiteral("latency_ms"), latency);
        json.insert(QStringLiteral("connection_quality"), quality);
        json.insert(QStringLiteral("connection_type"), type);
        QCOMPARE(m_client->postJson(QStringLiteral("/api/p2p/analytics/connection-metrics"), json).status, 200);
    }

protected:
    void initDatabaseTest() override
    {
        QString error;
        m_clock = std::make_shared<ManualClock>(m_now);
        m_server = std::make_unique<ApiServer>(m_database->sharedFactory(), m_clock);
        ServerConfig config;
        config.port = 0;
        QVERIFY2(m_server->start(config, &error), qPrintable(error));
        m_client = std::make_unique<HttpClient>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
        m_queries = std::make_unique<QueryWorker>(m_database->sharedFactory(), m_clock);
        m_window = std::make_unique<MainWindow>(m_queries.get());
        QSignalSpy firstRefresh(m_window.get(), &MainWindow::refreshCompleted); // the window refreshes on creation
        QVERIFY(firstRefresh.wait(10000));
        m_window->setListeningUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupDatabaseTest() override
    {
        m_window.reset();
        m_queries.reset();
        m_client.reset();
        m_server.reset();
    }

private slots:
    void emptyStateShowsHowToSendAMetric()
    {
        QVERIFY(refreshed());
        QVERIFY(m_window->dashboard()->showsEmptyState());
        const QString hint = m_window->dashboard()->emptyHintText();
        QVERIFY2(hint.contains(
                     QStringLiteral("http://127.0.0.1:%1/api/p2p/analytics/connection-metrics").arg(m_server->port())),
            qPrintable(hint));
        QVERIFY(m_window->statusText().startsWith(QStringLiteral("Last updated ")));
    }

    void tilesAndChartsShowTheServiceFigures()
    {
        // Previous hour: one user at 100 ms. Last hour: two users at 20 and 60 ms, one over a relay.
        m_clock->setNow(m_now.addSecs(-5400));
        post(QStringLiteral("old"), QStringLiteral("u1"), 100, QStringLiteral("Poor"), QStringLiteral("WebRTC"));
        m_clock->setNow(m_now.addSecs(-600));
        post(QStringLiteral("a"), QStringLiteral("u1"), 20, QStringLiteral("Excellent"), QStringLiteral("Relay"));
        post(QStringLiteral("b"), QStringLiteral("u2"), 60, QStringLiteral("Good"), QStringLiteral("WebRTC"));
        m_clock->setNow(m_now);

        QVERIFY(refreshed());
        const DashboardPage *dashboard = m_window->dashboard();
        QVERIFY(!dashboard->showsEmptyState());
        QCOMPARE(dashboard->tile(0)->valueText(), QStringLiteral("2"));
        QCOMPARE(dashboard->tile(0)->changeText(), QStringLiteral("▲ 100.0 % vs the previous hour"));
        QCOMPARE(dashboard->tile(1)->valueText(), QStringLiteral("2"));
        QCOMPARE(dashboard->tile(2)->valueText(), QLocale().toString(40.0, 'f', 1) + QStringLiteral(" ms"));
        QCOMPARE(dashboard->tile(2)->changeText(), QStringLiteral("▼ 60.0 % vs the previous hour"));
        QCOMPARE(dashboard->tile(4)->valueText(), QLocale().toString(100.0, 'f', 1) + QStringLiteral(" %"));
        QCOMPARE(dashboard->qualityChart()->counts(), QList<qreal>({ 1, 1, 0, 0, 0 }));
        QCOMPARE(dashboard->typeChart()->counts(), QList<qreal>({ 1, 0, 0, 1 }));

        // The sessions page lists the two sessions of the last hour, not the older one.
        const QAbstractItemModel *sessions = m_window->sessions()->table()->model();
        QCOMPARE(sessions->rowCount(), 2);
        QStringList ids { sessions->index(0, 0).data().toString(), sessions->index(1, 0).data().toString() };
        ids.sort();
        QCOMPARE(ids, QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
        QStringList types { sessions->index(0, SessionTableModel::ConnectionTypes).data().toString(),
            sessions->index(1, SessionTableModel::ConnectionTypes).data().toString() };
        types.sort();
        QCOMPARE(types, QStringList({ QStringLiteral("Relay"), QStringLiteral("WebRTC") }));

        // The latency trend holds the service's buckets (1-minute buckets for the hour).
        AnalyticsService service(m_database->open(), m_clock);
        const auto trends = service.trendsOver(3600, QueryWorker::chartBucketSeconds(3600));
        QVERIFY(trends.ok());
        const QList<QPointF> points = m_window->trends()->latency()->series()->points();
        QCOMPARE(points.size(), trends.value().latency.size());
        QCOMPARE(points.constFirst().y(), trends.value().latency.constFirst().value);
        QCOMPARE(qint64(points.constFirst().x()), trends.value().latency.constFirst().timestamp.toMSecsSinceEpoch());
        // Both posted in the same minute: one bucket whose 95th percentile is kept to the largest sample.
        const QList<QPointF> p95 = m_window->trends()->latency()->series(1)->points();
        QCOMPARE(p95.size(), 1);
        QCOMPARE(p95.constFirst().y(), 60.0);
        const QList<QPointF> users = m_window->trends()->activity()->series(1)->points();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.constFirst().y(), 2.0);
        QCOMPARE(m_window->trends()->activity()->series(2)->points().constFirst().y(), 0.0); // no streams
        // The payload's jitter is 5 ms in every sample.
        const QList<QPointF> jitter = m_window->trends()->jitter()->series()->points();
        QCOMPARE(jitter.size(), trends.value().jitter.size());
        for (const QPointF &point : jitter)
            QCOMPARE(point.y(), 5.0);
    }

    void sessionDetailShowsEverySample()
    {
        m_clock->setNow(m_now.addSecs(-60));
        post(QStringLiteral("a"), QStringLiteral("u1"), 20, QStringLiteral("Good"), QStringLiteral("WebRTC"));
        m_clock->setNow(m_now.addSecs(-30));
        post(QStringLiteral("a"), QStringLiteral("u1"), 30, QStringLiteral("Fair"), QStringLiteral("WebRTC"));
        m_clock->setNow(m_now);
        SessionDetailDialog dialog(m_queries.get(), QStringLiteral("a"));
        QSignalSpy loaded(&dialog, &SessionDetailDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY2(dialog.summaryText().startsWith(QStringLiteral("User u1 · 1 connections")),
            qPrintable(dialog.summaryText()));
        QCOMPARE(dialog.connectionSamples()->rowCount(), 2);
        QCOMPARE(dialog.connectionSamples()->index(1, 4).data().toLongLong(), 30);
        QCOMPARE(dialog.streamingSamples()->rowCount(), 0);
        QCOMPARE(dialog.stateChanges()->rowCount(), 1); // connected/connected throughout

        SessionDetailDialog unknown(m_queries.get(), QStringLiteral("nobody"));
        QSignalSpy unknownLoaded(&unknown, &SessionDetailDialog::loaded);
        QVERIFY(unknownLoaded.wait(10000));
        QCOMPARE(unknown.summaryText(), QStringLiteral("Session nobody is not stored."));
    }

    void unreachableDatabaseIsSaidAndRecovers()
    {
        if (m_database->url().backend != DatabaseUrl::Backend::PostgreSql)
            QSKIP("Needs a database server whose connections can be cut");
        post(QStringLiteral("a"), QStringLiteral("u1"), 20, QStringLiteral("Good"), QStringLiteral("WebRTC"));
        QVERIFY(refreshed());
        QString error;
        QVERIFY(
            m_database->executeSql({ QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()") },
                &error));
        QVERIFY(!refreshed());
        QVERIFY2(m_window->statusText().startsWith(QStringLiteral("The database does not answer")),
            qPrintable(m_window->statusText()));
        QCOMPARE(m_window->dashboard()->tile(0)->valueText(), QStringLiteral("1")); // the last figures stay
        QVERIFY(refreshed());
        QVERIFY(m_window->statusText().startsWith(QStringLiteral("Last updated ")));
    }

    void pagesCanBeChosen()
    {
        const auto *tabs = m_window->findChild<QTabWidget *>();
        QVERIFY(tabs);
        m_window->showPage(MainWindow::Page::Sessions);
        QCOMPARE(tabs->currentWidget(), static_cast<const QWidget *>(m_window->sessions()));
        m_window->showPage(MainWindow::Page::Trends);
        QCOMPARE(tabs->currentWidget(), static_cast<const QWidget *>(m_window->trends()));
        m_window->showPage(MainWindow::Page::Dashboard);
        QCOMPARE(tabs->currentWidget(), static_cast<const QWidget *>(m_window->dashboard()));
    }

    void alertsDockShowsAcknowledgesAndOpensAlerts()
    {
        AlertEngine engine(m_database->sharedFactory(), m_clock);
        m_window->setAlertEngine(&engine);
        post(QStringLiteral("a"), QStringLiteral("u1"), 900, QStringLiteral("Poor"), QStringLiteral("Relay"));
        post(QStringLiteral("a"), QStringLiteral("u1"), 700, QStringLiteral("Poor"), QStringLiteral("Relay"));
        const AlertRule fleet { RuleType::HighLatency, AlertScope::Global, 250, 200, 300, 0, 2, Severity::High, true };
        const AlertRule session { RuleType::HighLatency, AlertScope::Session, 400, 300, 300, 0, 2, Severity::Medium,
            true };
        QVERIFY(refreshed()); // the sessions page lists session a
        engine.start({ 3600, { fleet, session }, {}, {} });

        // The engine answers from its thread; the dock shows it once the GUI thread has the list.
        const AlertsDock *dock = m_window->alerts();
        const QAbstractItemModel *rows = dock->table()->model();
        QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 2, 10000);
        QCOMPARE(dock->windowTitle(), QStringLiteral("Alerts (2 unresolved)"));
        QStringList scopes { rows->index(0, AlertTableModel::Scope).data().toString(),
            rows->index(1, AlertTableModel::Scope).data().toString() };
        scopes.sort();
        QCOMPARE(scopes, QStringList({ QStringLiteral("global"), QStringLiteral("session a") }));

        // Acknowledge the fleet's alert from the dock: the engine writes it and the dock shows it.
        const int fleetRow = rows->index(0, AlertTableModel::Scope).data().toString() == u"global" ? 0 : 1;
        auto *table = const_cast<QTableView *>(dock->table());
        table->setCurrentIndex(rows->index(fleetRow, 0));
        const_cast<AlertsDock *>(dock)->acknowledgeCurrent(QStringLiteral("looking"));
        QTRY_COMPARE_WITH_TIMEOUT(dock->currentAlert()->state(), AlertState::Acknowledged, 10000);
        const auto acknowledged = dock->currentAlert();
        QCOMPARE(acknowledged->acknowledgementNote, QStringLiteral("looking"));

        // Opening the fleet's alert shows the trends; the session's opens the session.
        const auto *tabs = m_window->findChild<QTabWidget *>();
        m_window->showAlertSubject(*acknowledged);
        QCOMPARE(tabs->currentWidget(), static_cast<const QWidget *>(m_window->trends()));
        Alert user = *acknowledged;
        user.scope = AlertScope::User;
        user.scopeKey = QStringLiteral("u1");
        m_window->showAlertSubject(user);
        QCOMPARE(tabs->currentWidget(), static_cast<const QWidget *>(m_window->sessions()));
        QCOMPARE(m_window->sessions()->table()->model()->rowCount(), 1); // u1's session only
    }

    void fileExportStartsFromTheConsolesFilters()
    {
        QAction *exportAction = nullptr;
        for (QAction *action : m_window->menuBar()->actions().constFirst()->menu()->actions()) {
            if (action->text() == QStringLiteral("&Export…"))
                exportAction = action;
        }
        QVERIFY(exportAction);
        QVERIFY(!exportAction->isEnabled()); // nothing to run exports on yet
        ExportWorker exports(m_database->sharedFactory(), m_clock, PdfReportWriter::write);
        m_window->setExportWorker(&exports);
        QVERIFY(exportAction->isEnabled());
        QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));

        m_window->findChild<QComboBox *>(QStringLiteral("connectionTypeFilter"))->setCurrentIndex(4); // Relay
        exportAction->trigger();
        auto *dialog = m_window->findChild<ExportDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        const ExportRequest request = dialog->request();
        QCOMPARE(request.filter.connectionType, std::optional<ConnectionType>(ConnectionType::Relay));
        QCOMPARE(request.filter.period.from.secsTo(request.filter.period.to), 3600); // the window chosen
        dialog->close();
        m_window->setExportWorker(nullptr);
    }

    void onlyHighAndCriticalAlertsAreNotified()
    {
        EvaluationResult result;
        for (Severity severity : { Severity::Low, Severity::Medium, Severity::High, Severity::Critical }) {
            Alert alert;
            alert.id = spelling(severity);
            alert.severity = severity;
            result.raised.append(alert);
        }
        result.resolved.append(result.raised.constLast()); // a resolution is no news
        QStringList notified;
        for (const Alert &alert : AlertNotifier::worthNotifying(result))
            notified << alert.id;
        QCOMPARE(notified, QStringList({ QStringLiteral("High"), QStringLiteral("Critical") }));
    }

    void consoleHealthShowsHostSamples()
    {
        HostSample first;
        first.at = m_now;
        first.memoryPercent = 42.5;
        first.memoryUsedBytes = 425 * 1024 * 1024;
        first.memoryTotalBytes = 1000 * 1024 * 1024;
        first.processRssBytes = 80 * 1024 * 1024;
        first.storedRecords = 12000;
        m_window->showHostSample(first);
        HostSample second = first;
        second.at = m_now.addSecs(5);
        second.cpuPercent = 12.25;
        second.ingestRecordsPerSecond = 250;
        second.ingestErrorPercent = 2;
        m_window->showHostSample(second);
        const HealthPage *health = m_window->health();
        const QLocale locale;
        QCOMPARE(health->figureText(0), locale.toString(12.25, 'f', 1) + QStringLiteral(" %"));
        QCOMPARE(health->figureText(1),
            locale.toString(42.5, 'f', 1) + QStringLiteral(" % (425 MiB of ") + locale.toString(1000)
                + QStringLiteral(" MiB)"));
        QCOMPARE(health->figureText(2), QStringLiteral("–")); // no network figure in these samples
        QCOMPARE(health->figureText(3), QStringLiteral("80 MiB"));
        QCOMPARE(health->figureText(4), locale.toString(250.0, 'f', 1) + QStringLiteral(" records/s"));
        QCOMPARE(health->figureText(6), locale.toString(12000));
    }

    void alertRulesDialogEditsAndRestores()
    {
        RuleSet rules = RuleSetJson::defaults();
        RulesDialog dialog(rules);
        QCOMPARE(dialog.rules(), rules);
        RuleTableModel *model = dialog.model();
        QVERIFY(model->setData(model->index(0, RuleTableModel::RaiseAt), 400));
        auto *anomalies = dialog.findChildren<QCheckBox *>().at(0);
        anomalies->setChecked(false);
        RuleSet edited = dialog.rules();
        QCOMPARE(edited.rules.at(0).raiseAt, 400.0);
        QVERIFY(!edited.anomaly.enabled);
        QVERIFY(edited.prediction.enabled);
        // Restore defaults brings back the shipped rule set.
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
        QCOMPARE(dialog.rules(), RuleSetJson::defaults());
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        const QList<QChartView *> charts = m_window->findChildren<QChartView *>();
        QCOMPARE(charts.size(), 10); // two on the dashboard, six trends, two on Console health
        for (const QChartView *chart : charts)
            QVERIFY2(!chart->accessibleName().isEmpty(), qPrintable(chart->chart()->title()));
        QSet<const QWidget *> labelled;
        for (const QLabel *label : m_window->findChildren<QLabel *>()) {
            if (label->buddy())
                labelled.insert(label->buddy());
        }
        const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            const bool input = qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget);
            if (input && !qobject_cast<const QComboBox *>(widget->parentWidget()))
                QVERIFY2(labelled.contains(widget) || !widget->accessibleName().isEmpty(),
                    widget->metaObject()->className());
        }
    }

    void findShortcutStartsFilteringSessions()
    {
        m_window->showPage(MainWindow::Page::Sessions);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        const auto *filter = qobject_cast<const QLineEdit *>(QApplication::focusWidget());
        QVERIFY(filter);
        QCOMPARE(filter->placeholderText(), QStringLiteral("any user"));
    }

    void chartsFollowTheWindowPalette()
    {
        const QChart *chart = m_window->trends()->latency()->chart();
        QCOMPARE(chart->theme(), QChart::ChartThemeLight);
        QPalette dark = m_window->palette();
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, Qt::white);
        m_window->setPalette(dark);
        QCOMPARE(chart->theme(), QChart::ChartThemeDark);
        QVERIFY(!chart->isDropShadowEnabled());
        m_window->setPalette(QPalette());
        QCOMPARE(chart->theme(), QChart::ChartThemeLight);
    }

    void preferencesApplyAtOnce()
    {
        ConsolePreferences preferences { QStringLiteral("memory:"), QStringLiteral("127.0.0.1"), 8080, 5, 15 * 60,
            QString(), RetentionPolicy() };
        m_window->setPreferences(preferences);
        QCOMPARE(m_window->refreshIntervalMs(), 5000);
        QVERIFY(refreshed());
        QVERIFY(m_window->dashboard()->emptyHintText().contains(QStringLiteral("last 15 minutes")));
    }

    void screenshotWritesTheWindow_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QByteArray>("scaleFactor");
        QTest::addColumn<QSize>("size");
        QTest::addRow("trends") << QStringLiteral("trends") << QByteArray("1") << QSize(1280, 820);
        QTest::addRow("alerts") << QStringLiteral("alerts") << QByteArray("1") << QSize(1280, 820);
        // High-DPI: the same window drawn with twice the pixels, not scaled up.
        QTest::addRow("dashboard at twice the pixels")
            << QStringLiteral("dashboard") << QByteArray("2") << QSize(2560, 1640);
    }

    void screenshotWritesTheWindow()
    {
        QFETCH(QString, page);
        QFETCH(QByteArray, scaleFactor);
        QFETCH(QSize, size);
        post(QStringLiteral("a"), QStringLiteral("u1"), 20, QStringLiteral("Good"), QStringLiteral("WebRTC"));
        m_server.reset(); // the console below opens the same database
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        // The test server's URL has no password for displayString() to hide.
        const QString database = m_database->url().displayString();
        QProcess console;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::fromLatin1(scaleFactor));
        console.setProcessEnvironment(environment);
        console.start(QStringLiteral(VIBESTREAM_CONSOLE_BINARY),
            { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"), database,
                QStringLiteral("--screenshot"), png, QStringLiteral("--page"), page });
        QVERIFY(console.waitForFinished(30000));
        QCOMPARE(console.exitCode(), 0);
        const QImage image(png);
        QCOMPARE(image.size(), size);
        // Not blank: many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
