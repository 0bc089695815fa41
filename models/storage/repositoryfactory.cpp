#include "repositoryfactory.h"

#include "inmemoryrepository.h"
#include "logging.h"
#include "migrator.h"
#include "sqlrepository.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> s_counter;
    return QStringLiteral("vibestream-%1").arg(s_counter.fetchAndAddRelaxed(1));
}

} // namespace

RepositoryFactory::RepositoryFactory(DatabaseUrl url)
    : m_url(std::move(url))
{
    if (m_url.backend == DatabaseUrl::Backend::Memory)
        m_memory = InMemoryRepository::createData();
}

RepositoryFactory::~RepositoryFactory() = default;

StorageResult<std::shared_ptr<AnalyticsRepository>> RepositoryFactory::open()
{
    TRY_STORAGE(opened, openStores());
    return opened.samples;
}

StorageResult<std::shared_ptr<AlertStore>> RepositoryFactory::openAlerts()
{
    TRY_STORAGE(opened, openStores());
    return opened.alerts;
}

template<typename Store> RepositoryFactory::Stores RepositoryFactory::storesOf(std::shared_ptr<Store> store)
{
    return { store, store };
}

StorageResult<RepositoryFactory::Stores> RepositoryFactory::openStores()
{
    if (m_url.backend == DatabaseUrl::Backend::Memory)
        return storesOf(std::make_shared<InMemoryRepository>(m_memory));

    const SqlDialect dialect(
        m_url.backend == DatabaseUrl::Backend::Sqlite ? SqlDialect::Kind::Sqlite : SqlDialect::Kind::PostgreSql);
    const QString name = uniqueConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driver(), name);
        if (dialect.kind() == SqlDialect::Kind::Sqlite) {
            const QFileInfo file(m_url.path);
            if (!QDir().mkpath(file.absolutePath())) {
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return StorageError { StorageError::Kind::Failed, u"Cannot create the folder " + file.absolutePath() };
            }
            db.setDatabaseName(m_url.path);
        } else {
            db.setHostName(m_url.host);
            db.setPort(m_url.port);
            db.setUserName(m_url.user);
            db.setPassword(m_url.password);
            db.setDatabaseName(m_url.databaseName);
            db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        }
    }
    // From here the repository owns the connection and removes it when destroyed.
    auto repository = std::make_shared<SqlRepository>(name, dialect);
    if (auto error = repository->connect()) {
        error->message = u"Cannot open " + m_url.displayString() + u": " + error->message;
        return *error;
    }
    if (auto error = Migrator(QSqlDatabase::database(name, false), dialect).migrate())
        return *error;
    if (auto error = repository->backfillRollups())
        return *error;
    qCDebug(lcStorage) << "Opened" << m_url.displayString() << "as" << name;
    return storesOf(std::move(repository));
}
