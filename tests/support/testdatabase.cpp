#include "testdatabase.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "storage/migrator.h"

namespace {

QString postgresServerUrl()
{
    return qEnvironmentVariable("VIBESTREAM_TEST_POSTGRES_URL");
}

SqlDialect dialectOf(const DatabaseUrl &url)
{
    return SqlDialect(
        url.backend == DatabaseUrl::Backend::Sqlite ? SqlDialect::Kind::Sqlite : SqlDialect::Kind::PostgreSql);
}

// Calls work(db) with a connection of its own to the database a URL names; false if it cannot open.
template<typename Work> bool withConnection(const DatabaseUrl &url, QString *error, Work work)
{
    static QAtomicInteger<int> s_counter;
    const QString name = QStringLiteral("test-direct-%1").arg(s_counter.fetchAndAddRelaxed(1));
    bool opened = false;
    {
        const bool sqlite = url.backend == DatabaseUrl::Backend::Sqlite;
        QSqlDatabase db = QSqlDatabase::addDatabase(dialectOf(url).driver(), name);
        db.setDatabaseName(sqlite ? url.path : url.databaseName);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setPassword(url.password);
        opened = db.open();
        if (opened)
            work(db);
        else
            *error = db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

// Runs statements; returns the first column of the last one's rows.
std::optional<QStringList> executeOn(const DatabaseUrl &url, const QStringList &statements, QString *error)
{
    std::optional<QStringList> rows;
    withConnection(url, error, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        rows = QStringList();
        for (const QString &statement : statements) {
            rows->clear();
            if (!query.exec(statement)) {
                *error = query.lastError().text();
                rows.reset();
                return;
            }
            while (query.next())
                rows->append(query.value(0).toString());
        }
    });
    return rows;
}

// CREATE/DROP DATABASE run on the server's maintenance database, which the URL names.
bool onPostgresServer(const QString &statement, QString *error)
{
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(postgresServerUrl(), error);
    return url && executeOn(*url, { statement }, error).has_value();
}

} // namespace

std::unique_ptr<TestDatabase> TestDatabase::createEmpty(QString *error)
{
    std::unique_ptr<TestDatabase> database(new TestDatabase);
    if (!database->create(error))
        return nullptr;
    return database;
}

TestDatabase::~TestDatabase()
{
    m_factory.reset();
    if (!m_postgresDatabase.isEmpty()) {
        QString error;
        if (!onPostgresServer(u"DROP DATABASE IF EXISTS " + m_postgresDatabase + u" WITH (FORCE)", &error))
            qWarning("Could not drop test database %s: %s", qPrintable(m_postgresDatabase), qPrintable(error));
    }
}

QString TestDatabase::backendUnderTest()
{
    const QString backend = qEnvironmentVariable("VIBESTREAM_TEST_BACKEND");
    return backend.isEmpty() ? QStringLiteral("sqlite") : backend;
}

TestDatabase::Availability TestDatabase::availability(QString *why)
{
    if (backendUnderTest() != u"postgresql")
        return Availability::Available;
    if (!postgresServerUrl().isEmpty())
        return Availability::Available;
    *why = QStringLiteral("VIBESTREAM_TEST_POSTGRES_URL is not set: run the tests through packaging/dev.sh test");
    return qEnvironmentVariable("CI") == u"true" ? Availability::Missing : Availability::Skipped;
}

bool TestDatabase::create(QString *error)
{
    const QString backend = backendUnderTest();
    if (backend == u"memory") {
        m_url = DatabaseUrl {};
    } else if (backend == u"sqlite") {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("No temporary folder");
            return false;
        }
        m_url = DatabaseUrl::sqlite(m_dir.filePath(QStringLiteral("test.db")));
    } else if (backend == u"postgresql") {
        static QAtomicInteger<int> s_counter;
        m_postgresDatabase = QStringLiteral("vibestream_test_%1_%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(s_counter.fetchAndAddRelaxed(1));
        if (!onPostgresServer(u"CREATE DATABASE " + m_postgresDatabase, error)) {
            m_postgresDatabase.clear();
            return false;
        }
        QString parseError;
        m_url = *DatabaseUrl::parse(postgresServerUrl(), &parseError);
        m_url.databaseName = m_postgresDatabase;
    } else {
        *error = u"Unknown VIBESTREAM_TEST_BACKEND " + backend;
        return false;
    }
    m_factory = std::make_shared<RepositoryFactory>(m_url);
    return true;
}

std::shared_ptr<AnalyticsRepository> TestDatabase::open()
{
    auto repository = m_factory->open();
    if (!repository.ok()) {
        qWarning("Cannot open the test database: %s", qPrintable(repository.error().message));
        return nullptr;
    }
    return repository.value();
}

std::optional<QStringList> TestDatabase::executeSql(const QStringList &statements, QString *error)
{
    if (m_url.backend == DatabaseUrl::Backend::Memory) {
        *error = QStringLiteral("The in-memory store has no SQL");
        return std::nullopt;
    }
    return executeOn(m_url, statements, error);
}

bool TestDatabase::migrateTo(int version, QString *error)
{
    std::optional<StorageError> failure;
    const bool opened = withConnection(
        m_url, error, [&](QSqlDatabase &db) { failure = Migrator(db, dialectOf(m_url)).migrate(version); });
    if (failure)
        *error = failure->message;
    return opened && !failure;
}
