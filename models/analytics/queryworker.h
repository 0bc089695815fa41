#pragma once

#include "analytics/clock.h"
#include "analytics/figures.h"
#include "analytics/statechanges.h"

#include <QObject>
#include <QThread>

#include <memory>

class RepositoryFactory;

/** What one console refresh asks for. */
struct RefreshRequest
{
    qint64 dashboardWindowSeconds = 3600;
    qint64 chartWindowSeconds = 3600;
};

/** Everything one console refresh shows, computed off the GUI thread. */
struct ConsoleSnapshot
{
    DashboardSnapshot dashboard;
    Trends trends; // over the chart window
    QList<SessionOverview> sessions; // active in the dashboard window
    QDateTime refreshedAt;
};

/** One session with all its samples, for the session detail. */
struct SessionDetail
{
    QString sessionId;
    std::optional<SessionAnalytics> analytics; // nothing for a session not (or no longer) stored
    QList<StoredSample> connectionSamples; // oldest first
    QList<StoredSample> streamingSamples;
    QList<StateChange> stateChanges;
};

Q_DECLARE_METATYPE(RefreshRequest)
Q_DECLARE_METATYPE(SessionDetail)
Q_DECLARE_METATYPE(ConsoleSnapshot)

/**
 * Runs the console's queries on a thread of its own with a read connection of its own, so that the
 * GUI thread never runs SQL. Ask with refresh(); the answer comes back as refreshed() or
 * refreshFailed() in the thread that owns the worker. A database that cannot be reached fails the
 * refresh; the next refresh tries again, so the console recovers by itself.
 */
class QueryWorker : public QObject
{
    Q_OBJECT
public:
    QueryWorker(
        std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~QueryWorker() override;

    // Chart buckets for a window: about 120 points, never finer than a minute.
    static qint64 chartBucketSeconds(qint64 windowSeconds);

public slots:
    void refresh(const RefreshRequest &request);
    void loadSession(const QString &sessionId);

signals:
    void refreshed(const ConsoleSnapshot &snapshot);
    void refreshFailed(const QString &message);
    void sessionLoaded(const SessionDetail &detail);
    void sessionFailed(const QString &sessionId, const QString &message);

private:
    class Runner;
    QThread m_thread;
    Runner *m_runner;
};
