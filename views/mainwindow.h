#pragma once

#include "preferences.h"

#include "alerts/alert.h"
#include "analytics/queryworker.h"
#include "host/hostsample.h"

#include <QMainWindow>

class AlertEngine;
class AlertsDock;
class QAction;
class DashboardPage;
class ExportWorker;
class HealthPage;
class QComboBox;
class QLabel;
class QTabWidget;
class QTimer;
class SessionsPage;
class TrendsPage;

/**
 * The operator's window: the dashboard, trends and sessions pages, refreshed on a timer (30 s by
 * default), with F5 and a toolbar button to refresh at once, and the alerts dock. Queries run on the QueryWorker's
 * thread; this window only shows what comes back, and says so in the status bar when the database cannot be reached.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page { Dashboard, Trends, Sessions, Health, Alerts };

    explicit MainWindow(QueryWorker *queries, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setDatabase(const QString &backend, const QString &location);
    void setListeningUrl(const QString &url);
    // The console's latest look at its host and server: status bar and Console health page.
    void showHostSample(const HostSample &sample);
    void setRefreshInterval(int milliseconds);
    int refreshIntervalMs() const;
    // Applies what applies at once (refresh interval, window); the rest waits for the next start.
    void setPreferences(const ConsolePreferences &preferences);
    void showPage(Page page);
    // The rules the Alert rules dialog starts from.
    void setAlertRules(const RuleSet &rules);
    // Shows the engine's alerts in the dock (and High or Critical ones as desktop notifications) and
    // acknowledges through it.
    void setAlertEngine(AlertEngine *engine);
    // Enables File > Export…, which runs its exports on this worker.
    void setExportWorker(ExportWorker *worker);

    const DashboardPage *dashboard() const { return m_dashboard; }
    const TrendsPage *trends() const { return m_trends; }
    const SessionsPage *sessions() const { return m_sessions; }
    const AlertsDock *alerts() const { return m_alerts; }
    const HealthPage *health() const { return m_health; }
    QString statusText() const;

public slots:
    void refresh();
    // Opens the settings dialog; applies and announces what the operator changed.
    void editPreferences();
    // Opens the alert rules dialog; announces the rules the operator changed.
    void editAlertRules();
    // Opens the export dialog, prefilled with the window and the sessions page's filters.
    void exportReport();
    // Opens a session's detail in a window of its own.
    void openSession(const QString &sessionId);
    // Shows what an alert concerns: its session, its user's or peer's sessions, or the fleet's trends.
    void showAlertSubject(const Alert &alert);

signals:
    // After each refresh, whether it succeeded or not.
    void refreshCompleted(bool succeeded);
    // For the app to keep them.
    void preferencesChanged(const ConsolePreferences &preferences);
    void alertRulesChanged(const RuleSet &rules);

private:
    void showSnapshot(const ConsoleSnapshot &snapshot);
    void showFailure(const QString &message);
    void finishRefresh(bool succeeded);
    qint64 windowSeconds() const;
    QString windowName() const;

    QueryWorker *m_queries;
    QTabWidget *m_pages;
    DashboardPage *m_dashboard;
    TrendsPage *m_trends;
    SessionsPage *m_sessions;
    HealthPage *m_health;
    AlertsDock *m_alerts;
    QComboBox *m_window;
    QAction *m_exportAction;
    ExportWorker *m_exportWorker = nullptr;
    QTimer *m_refreshTimer;
    QLabel *m_listening;
    QLabel *m_database;
    QLabel *m_hostStatus;
    QLabel *m_updated;
    ConsolePreferences m_preferences;
    RuleSet m_alertRules;
    bool m_refreshing = false;
    bool m_refreshPending = false;
};
