#pragma once

#include "storage/analyticsrepository.h"
#include "storage/databaseurl.h"
#include "storage/repositoryfactory.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

/**
 * A fresh, empty database of the backend under test, removed again when the object goes.
 *
 * CTest runs each storage test once per backend and names it in VIBESTREAM_TEST_BACKEND
 * (memory, sqlite or postgresql; sqlite when unset). PostgreSQL tests create a database of their own
 * on the server that VIBESTREAM_TEST_POSTGRES_URL names (packaging/dev.sh test starts one).
 */
class TestDatabase
{
public:
    enum class Availability { Available, Skipped, Missing };

    ~TestDatabase();

    static QString backendUnderTest();
    // Whether the backend under test can run here. Missing means "required but absent": with
    // CI=true a PostgreSQL test that cannot reach its server fails rather than skips.
    static Availability availability(QString *why);

    // A new empty database of the backend under test, or nothing and the reason in *error.
    static std::unique_ptr<TestDatabase> createEmpty(QString *error);
    const DatabaseUrl &url() const { return m_url; }
    RepositoryFactory &factory() { return *m_factory; }
    std::shared_ptr<RepositoryFactory> sharedFactory() const { return m_factory; }
    // A repository for the calling thread (the schema is migrated on first open).
    std::shared_ptr<AnalyticsRepository> open();

    // For SQL backends: runs statements on a connection of its own, around the repository's back
    // (to look at the catalog, or to break the schema on purpose). Returns the first column of the
    // last statement's rows.
    std::optional<QStringList> executeSql(const QStringList &statements, QString *error);
    // For SQL backends: migrates the empty database only up to `version`, as an older binary left it.
    bool migrateTo(int version, QString *error);

private:
    TestDatabase() = default;
    bool create(QString *error);

    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    QString m_postgresDatabase;
    std::shared_ptr<RepositoryFactory> m_factory;
};

// In initTestCase(): skip or fail the whole test when its backend cannot run here.
#define REQUIRE_TEST_BACKEND()                                                                                         \
    do {                                                                                                               \
        QString why;                                                                                                   \
        switch (TestDatabase::availability(&why)) {                                                                    \
        case TestDatabase::Availability::Available:                                                                    \
            break;                                                                                                     \
        case TestDatabase::Availability::Skipped:                                                                      \
            QSKIP(qPrintable(why));                                                                                    \
        case TestDatabase::Availability::Missing:                                                                      \
            QFAIL(qPrintable(why));                                                                                    \
        }                                                                                                              \
    } while (false)
