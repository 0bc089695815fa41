#include "mainwindow.h"

#include "alertnotifier.h"
#include "alertsdock.h"
#include "dashboardpage.h"
#include "exportdialog.h"
#include "healthpage.h"
#include "rulesdialog.h"
#include "sessiondetaildialog.h"
#include "sessionspage.h"
#include "settingsdialog.h"
#include "timewindows.h"
#include "trendspage.h"

#include "alerts/alertengine.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace {

constexpr int s_defaultRefreshMs = 30'000;

} // namespace

MainWindow::MainWindow(QueryWorker *queries, QWidget *parent)
    : QMainWindow(parent)
    , m_queries(queries)
    , m_pages(new QTabWidget(this))
    , m_dashboard(new DashboardPage)
    , m_trends(new TrendsPage)
    , m_sessions(new SessionsPage)
    , m_health(new HealthPage)
    , m_alerts(new AlertsDock(this))
    , m_window(new QComboBox)
    , m_refreshTimer(new QTimer(this))
    , m_listening(new QLabel)
    , m_database(new QLabel)
    , m_hostStatus(new QLabel)
    , m_updated(new QLabel)
{
    setWindowTitle(tr("VibeStream Console"));
    m_pages->addTab(m_dashboard, tr("&Dashboard"));
    m_pages->addTab(m_trends, tr("&Trends"));
    m_pages->addTab(m_sessions, tr("&Sessions"));
    m_pages->addTab(m_health, tr("Console &health"));
    setCentralWidget(m_pages);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportReport);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::close);
    quit->setShortcut(QKeySequence::Quit);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    QAction *refreshAction = toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setToolTip(tr("Refresh now (%1)").arg(QKeySequence(QKeySequence::Refresh).toString()));
    connect(refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    for (const TimeWindows::Choice &choice : TimeWindows::All)
        m_window->addItem(QCoreApplication::translate("TimeWindows", choice.label));
    m_window->setCurrentIndex(TimeWindows::indexOf(3600));
    m_window->setAccessibleName(tr("Time window"));
    m_window->setToolTip(tr("The window the dashboard, trends and sessions cover"));
    auto *windowLabel = new QLabel(tr("&Window:"));
    windowLabel->setBuddy(m_window);
    windowLabel->setContentsMargins(8, 0, 4, 0);
    toolbar->addWidget(windowLabel);
    toolbar->addWidget(m_window);
    QAction *settingsAction = toolbar->addAction(tr("Settin&gs…"));
    settingsAction->setShortcut(QKeySequence::Preferences);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::editPreferences);
    QAction *rulesAction = toolbar->addAction(tr("Alert r&ules…"));
    rulesAction->setToolTip(tr("Thresholds, windows and severities of the alert rules"));
    connect(rulesAction, &QAction::triggered, this, &MainWindow::editAlertRules);
    connect(m_window, &QComboBox::currentIndexChanged, this, &MainWindow::refresh);

    for (QLabel *label : { m_listening, m_database, m_hostStatus })
        statusBar()->addPermanentWidget(label);
    statusBar()->addWidget(m_updated, 1);

    addDockWidget(Qt::BottomDockWidgetArea, m_alerts);
    QAction *alertsAction = m_alerts->toggleViewAction();
    alertsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    toolbar->addAction(alertsAction);
    connect(m_alerts, &AlertsDock::alertActivated, this, &MainWindow::showAlertSubject);

    connect(m_sessions, &SessionsPage::sessionActivated, this, &MainWindow::openSession);
    connect(m_queries, &QueryWorker::refreshed, this, &MainWindow::showSnapshot);
    connect(m_queries, &QueryWorker::refreshFailed, this, &MainWindow::showFailure);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    setRefreshInterval(s_defaultRefreshMs);
    resize(1280, 820);
    // The pages keep most of the height; the operator drags the dock taller when alerts pile up.
    resizeDocks({ m_alerts }, { 170 }, Qt::Vertical);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::setExportWorker(ExportWorker *worker)
{
    m_exportWorker = worker;
    m_exportAction->setEnabled(worker != nullptr);
}

void MainWindow::exportReport()
{
    if (!m_exportWorker)
        return;
    const TimeWindow period = TimeWindow::endingAt(QDateTime::currentDateTimeUtc(), windowSeconds());
    auto *dialog = new ExportDialog(m_exportWorker, m_sessions->activeFilter(period), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setDatabase(const QString &backend, const QString &location)
{
    m_database->setText(tr("%1: %2").arg(backend, location));
}

void MainWindow::setListeningUrl(const QString &url)
{
    m_listening->setText(tr("Listening on %1").arg(url));
    m_dashboard->setIngestUrl(url);
}

void MainWindow::showHostSample(const HostSample &sample)
{
    const QLocale locale;
    auto figure = [&](const std::optional<double> &value) {
        return value ? locale.toString(*value, 'f', 1) : QStringLiteral("–");
    };
    m_hostStatus->setText(tr("%1 records/s, %2 % rejected · CPU %3 % · memory %4 %")
                              .arg(figure(sample.ingestRecordsPerSecond), figure(sample.ingestErrorPercent),
                                  figure(sample.cpuPercent), figure(sample.memoryPercent)));
    m_health->addSample(sample);
}

void MainWindow::setRefreshInterval(int milliseconds)
{
    m_refreshTimer->start(milliseconds);
}

void MainWindow::showPage(Page page)
{
    switch (page) {
    case Page::Dashboard:
        return m_pages->setCurrentWidget(m_dashboard);
    case Page::Trends:
        return m_pages->setCurrentWidget(m_trends);
    case Page::Sessions:
        return m_pages->setCurrentWidget(m_sessions);
    case Page::Health:
        return m_pages->setCurrentWidget(m_health);
    case Page::Alerts:
        m_alerts->show();
        m_alerts->raise();
        return m_alerts->widget()->setFocus(Qt::OtherFocusReason);
    }
}

QString MainWindow::statusText() const
{
    return m_updated->text();
}

qint64 MainWindow::windowSeconds() const
{
    return TimeWindows::All[m_window->currentIndex()].seconds;
}

QString MainWindow::windowName() const
{
    return QCoreApplication::translate("TimeWindows", TimeWindows::All[m_window->currentIndex()].name);
}

void MainWindow::refresh()
{
    // One refresh at a time; one asked for meanwhile runs right after, so it sees the latest data.
    if (m_refreshing) {
        m_refreshPending = true;
        return;
    }
    m_refreshing = true;
    m_refreshPending = false;
    m_queries->refresh({ windowSeconds(), windowSeconds() });
}

void MainWindow::finishRefresh(bool succeeded)
{
    m_refreshing = false;
    emit refreshCompleted(succeeded);
    if (m_refreshPending)
        refresh();
}

void MainWindow::showSnapshot(const ConsoleSnapshot &snapshot)
{
    m_dashboard->setSnapshot(snapshot.dashboard, windowName());
    m_trends->setTrends(snapshot.trends, snapshot.refreshedAt.addSecs(-windowSeconds()), snapshot.refreshedAt);
    m_sessions->setSessions(snapshot.sessions);
    m_updated->setText(
        tr("Last updated %1").arg(snapshot.refreshedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    finishRefresh(true);
}

void MainWindow::showFailure(const QString &message)
{
    m_updated->setText(tr("The database does not answer (%1); showing the last figures, retrying.").arg(message));
    finishRefresh(false);
}

void MainWindow::setPreferences(const ConsolePreferences &preferences)
{
    m_preferences = preferences;
    setRefreshInterval(preferences.refreshIntervalSeconds * 1000);
    m_window->setCurrentIndex(TimeWindows::indexOf(preferences.defaultWindowSeconds));
}

int MainWindow::refreshIntervalMs() const
{
    return m_refreshTimer->interval();
}

void MainWindow::editPreferences()
{
    SettingsDialog dialog(m_preferences, this);
    if (dialog.exec() != QDialog::Accepted || dialog.preferences() == m_preferences)
        return;
    setPreferences(dialog.preferences());
    emit preferencesChanged(m_preferences);
}

void MainWindow::openSession(const QString &sessionId)
{
    auto *dialog = new SessionDetailDialog(m_queries, sessionId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::setAlertEngine(AlertEngine *engine)
{
    auto *notifier = new AlertNotifier(this);
    connect(engine, &AlertEngine::evaluated, notifier, &AlertNotifier::notify);
    connect(engine, &AlertEngine::alertsChanged, m_alerts, &AlertsDock::setAlerts);
    connect(m_alerts, &AlertsDock::acknowledgeRequested, engine, [engine](const QString &id, const QString &note) {
        engine->acknowledge(id, qEnvironmentVariable("USER", QStringLiteral("operator")), note);
    });
}

void MainWindow::showAlertSubject(const Alert &alert)
{
    switch (alert.scope) {
    case AlertScope::Session:
        return openSession(alert.scopeKey);
    case AlertScope::User:
        m_sessions->filterBy(alert.scopeKey, QString());
        return showPage(Page::Sessions);
    case AlertScope::Peer:
        m_sessions->filterBy(QString(), alert.scopeKey);
        return showPage(Page::Sessions);
    case AlertScope::Global:
        return showPage(Page::Trends);
    }
}

void MainWindow::setAlertRules(const RuleSet &rules)
{
    m_alertRules = rules;
}

void MainWindow::editAlertRules()
{
    RulesDialog dialog(m_alertRules, this);
    if (dialog.exec() != QDialog::Accepted || dialog.rules() == m_alertRules)
        return;
    m_alertRules = dialog.rules();
    emit alertRulesChanged(m_alertRules);
}
