#pragma once

#include "analytics/analyticsservice.h"
#include "databasetestcase.h"
#include "storage/repositoryfactory.h"

/**
 * Base of the tests that read reports from a database: the sample and alert stores of a fresh
 * database, a service whose clock stands at m_now, and samples stored at chosen times. Subclasses
 * add their own set-up in initStoresTest() and tear-down in cleanupStoresTest().
 */
class StoresTestCase : public DatabaseTestCase
{
protected:
    virtual void initStoresTest() { }
    virtual void cleanupStoresTest() { }

    // Noon: a multiple of every bucket size, so that bucket and day starts are easy to name.
    const QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    RepositoryFactory::Stores m_stores;
    std::unique_ptr<AnalyticsService> m_service;

    void store(const QDateTime &at, const QList<Metrics> &samples)
    {
        QList<MetricRecord> records;
        for (const Metrics &metrics : samples)
            records.append({ metrics, at });
        const auto stored = m_stores.samples->store(records);
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
    }

private:
    void initDatabaseTest() final
    {
        auto stores = m_database->sharedFactory()->openStores();
        QVERIFY2(stores.ok(), stores.ok() ? "" : qPrintable(stores.error().message));
        m_stores = stores.value();
        m_service = std::make_unique<AnalyticsService>(m_stores.samples, std::make_shared<ManualClock>(m_now));
        initStoresTest();
    }

    void cleanupDatabaseTest() final
    {
        cleanupStoresTest();
        m_service.reset();
        m_stores = {};
    }
};
