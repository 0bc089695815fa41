#include "sqlitebulkinsert.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace {

sqlite3 *handleOf(const QSqlDatabase &database)
{
    const QVariant handle = database.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

int bind(sqlite3_stmt *statement, int index, const SqlValue &value)
{
    return std::visit(
        [&](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return sqlite3_bind_null(statement, index);
            } else if constexpr (std::is_same_v<T, qint64>) {
                return sqlite3_bind_int64(statement, index, v);
            } else if constexpr (std::is_same_v<T, double>) {
                return sqlite3_bind_double(statement, index, v);
            } else if constexpr (std::is_same_v<T, QString>) {
                const QByteArray utf8 = v.toUtf8();
                return sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else {
                return sqlite3_bind_int64(statement, index, v.toMSecsSinceEpoch()); // the SQLite dialect's times
            }
        },
        value);
}

} // namespace

SqliteBulkInsert::~SqliteBulkInsert()
{
    finalize();
}

void SqliteBulkInsert::finalize()
{
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
}

std::optional<QString> SqliteBulkInsert::insert(
    const QSqlDatabase &database, const QString &sql, const QList<SqlRow> &rows)
{
    sqlite3 *db = handleOf(database);
    if (!db)
        return QStringLiteral("Not an open SQLite connection");
    if (!m_statement) {
        const QByteArray text = sql.toUtf8();
        if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &m_statement, nullptr) != SQLITE_OK)
            return QString::fromUtf8(sqlite3_errmsg(db));
    }
    for (const SqlRow &row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (bind(m_statement, i + 1, row.at(i)) != SQLITE_OK)
                return QString::fromUtf8(sqlite3_errmsg(db));
        }
        const int status = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        if (status != SQLITE_DONE)
            return QString::fromUtf8(sqlite3_errmsg(db));
    }
    return std::nullopt;
}

std::optional<QString> sqliteExecute(const QSqlDatabase &database, const QString &sql)
{
    sqlite3 *db = handleOf(database);
    if (!db)
        return QStringLiteral("Not an open SQLite connection");
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return std::nullopt;
}
