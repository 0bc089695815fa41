#pragma once

#include "testdatabase.h"

#include <QObject>
#include <QTest>

/**
 * Base of the tests that run on the backend CTest names (see TestDatabase): the whole test skips or
 * fails when that backend cannot run here, and every test function gets a fresh, empty database.
 * Subclasses add their own set-up in initDatabaseTest() and tear-down in cleanupDatabaseTest(), and
 * define no initTestCase(), init() or cleanup() of their own.
 */
class DatabaseTestCase : public QObject
{
    Q_OBJECT

protected:
    // After the database exists; QVERIFY and friends may be used.
    virtual void initDatabaseTest() { }
    // Before the database goes.
    virtual void cleanupDatabaseTest() { }

    std::unique_ptr<TestDatabase> m_database;

    // The value of a storage call that must succeed; a failure ends the test run with its message.
    template<typename T> static T value(StorageResult<T> &&result)
    {
        if (!result.ok())
            qFatal("storage failed: %s", qPrintable(result.error().message));
        return std::move(result).value();
    }

private slots:
    void initTestCase() { REQUIRE_TEST_BACKEND(); }

    void init()
    {
        QString error;
        m_database = TestDatabase::createEmpty(&error);
        QVERIFY2(m_database, qPrintable(error));
        initDatabaseTest();
    }

    void cleanup()
    {
        cleanupDatabaseTest();
        m_database.reset();
    }
};
