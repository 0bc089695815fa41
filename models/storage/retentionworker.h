#pragma once

#include "analytics/clock.h"
#include "storage/retentionpolicy.h"

#include <QObject>
#include <QThread>

#include <memory>

class RepositoryFactory;

/**
 * Applies the retention policy in the background, on a thread and connection of its own: deletes
 * raw samples older than the policy's rawDays and rollups older than its rollupDays, a small batch
 * at a time with pauses in between (so that ingestion never waits long for the database), then gives
 * the freed space back. Starts a pass at once and then every passIntervalMs.
 */
class RetentionWorker : public QObject
{
    Q_OBJECT
public:
    RetentionWorker(
        std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~RetentionWorker() override;

    static constexpr qsizetype BatchRows = 2'000;
    static constexpr int PauseMs = 50; // between two batches of one pass
    static constexpr int DefaultPassIntervalMs = 10 * 60 * 1000;

    void start(const RetentionPolicy &policy, int passIntervalMs = DefaultPassIntervalMs);
    void setPolicy(const RetentionPolicy &policy);

signals:
    // After each pass: how many raw samples and rollup rows it deleted.
    void passFinished(qint64 samples, qint64 rollupRows);
    void failed(const QString &message);

private:
    class Runner;
    QThread m_thread;
    Runner *m_runner;
};
