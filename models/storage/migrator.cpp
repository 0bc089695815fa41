#include "migrator.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const QString s_migrationDir = QStringLiteral(":/sql");

// version -> files in the order they run (common file first, then the dialect's)
QMap<int, QStringList> migrationFiles(const QString &dialect)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{3})_[a-z0-9_]+(?:\\.([a-z]+))?\\.sql$"));
    QMap<int, QStringList> files;
    const QStringList names = QDir(s_migrationDir).entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = pattern.match(name);
        if (!match.hasMatch())
            continue;
        const QString fileDialect = match.captured(2);
        if (!fileDialect.isEmpty() && fileDialect != dialect)
            continue;
        QStringList &list = files[match.captured(1).toInt()];
        // Directory order puts "NNN_x.postgresql.sql" before "NNN_x.sql"; the common file runs first.
        if (fileDialect.isEmpty())
            list.prepend(s_migrationDir + u'/' + name);
        else
            list.append(s_migrationDir + u'/' + name);
    }
    return files;
}

// Splits a migration file into statements: they end with ';' at the end of a line. Comment lines are dropped.
QStringList statementsOf(const QString &sql)
{
    QStringList statements;
    QString current;
    for (const QString &line : sql.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u"--"))
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements.append(current.trimmed().chopped(1));
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

StorageError failure(const QString &what, const QSqlError &error)
{
    return { StorageError::Kind::Failed, what + u": " + error.text() };
}

} // namespace

Migrator::Migrator(QSqlDatabase database, SqlDialect dialect)
    : m_database(std::move(database))
    , m_dialect(dialect)
{ }

int Migrator::latestVersion()
{
    const QMap<int, QStringList> files = migrationFiles(QString());
    return files.isEmpty() ? 0 : files.lastKey();
}

StorageResult<int> Migrator::currentVersion()
{
    if (!m_database.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !query.next())
        return failure(QStringLiteral("Could not read the schema version"), query.lastError());
    return query.value(0).toInt();
}

std::optional<StorageError> Migrator::migrate(int targetVersion)
{
    QSqlQuery query(m_database);
    // Checked first: PostgreSQL reports "already exists" as a notice that libpq prints on stderr.
    if (!m_database.tables().contains(QStringLiteral("schema_version"))
        && !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                      "version INTEGER PRIMARY KEY, "
                                      "description VARCHAR(255) NOT NULL, "
                                      "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)")))
        return failure(QStringLiteral("Could not create schema_version"), query.lastError());

    const StorageResult<int> current = currentVersion();
    if (!current.ok())
        return current.error();
    const int latest = latestVersion();
    if (current.value() > latest) {
        return StorageError { StorageError::Kind::Failed,
            QStringLiteral("The database has schema version %1, newer than the %2 this VibeStream "
                           "Console knows: use a newer console with this database")
                .arg(current.value())
                .arg(latest) };
    }

    const QMap<int, QStringList> files = migrationFiles(m_dialect.name());
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.key() <= current.value() || it.key() > targetVersion)
            continue;
        if (auto error = apply(it.key(), it.value()))
            return error;
    }
    return std::nullopt;
}

std::optional<StorageError> Migrator::apply(int version, const QStringList &files)
{
    QSqlQuery query(m_database);
    if (!query.exec(m_dialect.beginWrite()))
        return failure(QStringLiteral("Could not start migration %1").arg(version), query.lastError());
    auto rollback = [&](const StorageError &error) {
        QSqlQuery(m_database).exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    if (const QString lock = m_dialect.migrationLock(); !lock.isEmpty() && !query.exec(lock))
        return rollback(failure(QStringLiteral("Could not lock for migration %1").arg(version), query.lastError()));

    // Another process may have applied it while this one waited for the lock.
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version WHERE version = %1").arg(version))
        || !query.next())
        return rollback(failure(QStringLiteral("Could not read the schema version"), query.lastError()));
    if (query.value(0).toInt() > 0) {
        query.exec(QStringLiteral("COMMIT"));
        return std::nullopt;
    }

    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return rollback({ StorageError::Kind::Failed, u"Missing migration file " + path });
        const QStringList statements = statementsOf(QString::fromUtf8(file.readAll()));
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                return rollback(failure(u"Migration " + path + u" failed", query.lastError()));
        }
    }

    query.prepare(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"));
    query.addBindValue(version);
    query.addBindValue(QFileInfo(files.constFirst()).completeBaseName());
    query.addBindValue(m_dialect.timeValue(QDateTime::currentDateTimeUtc()));
    if (!query.exec())
        return rollback(failure(QStringLiteral("Could not record migration %1").arg(version), query.lastError()));
    if (!query.exec(QStringLiteral("COMMIT")))
        return rollback(failure(QStringLiteral("Could not commit migration %1").arg(version), query.lastError()));
    qCInfo(lcStorage) << "Applied schema migration" << version << "on" << m_dialect.name();
    return std::nullopt;
}
