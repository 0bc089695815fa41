#include "sqlitebulkinsert.h"

#include <QSqlDriver>

#include <sqlite3.h>

#include <memory>

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

int bind(sqlite3_stmt *statement, int index, const QVariant &value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(statement, index, value.toDouble());
    default: {
        const QByteArray utf8 = value.toString().toUtf8();
        return sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    }
}

// The current row of a statement being stepped.
class StatementRow final : public ResultRow
{
public:
    explicit StatementRow(sqlite3_stmt *statement)
        : m_statement(statement)
    { }
    bool isNull(int column) const override { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    QString text(int column) const override
    {
        const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
    }
    QByteArrayView utf8(int column) const override
    {
        // sqlite3_column_bytes() after sqlite3_column_text(): the length of the text as UTF-8.
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QByteArrayView(text, sqlite3_column_bytes(m_statement, column));
    }
    qint64 integer(int column) const override { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const override { return sqlite3_column_double(m_statement, column); }
    // The SQLite dialect stores times as epoch milliseconds.
    QDateTime time(int column) const override
    {
        return isNull(column) ? QDateTime() : QDateTime::fromMSecsSinceEpoch(integer(column), Qt::UTC);
    }

private:
    sqlite3_stmt *m_statement;
};

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

std::optional<QString> sqliteSelect(const QSqlDatabase &database, const QString &sql, const QVariantList &values,
    const std::function<void(const ResultRow &)> &visit)
{
    sqlite3 *db = handleOf(database);
    if (!db)
        return QStringLiteral("Not an open SQLite connection");
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &statement, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> finalizer(statement, sqlite3_finalize);
    for (int i = 0; i < values.size(); ++i) {
        if (bind(statement, i + 1, values.at(i)) != SQLITE_OK)
            return QString::fromUtf8(sqlite3_errmsg(db));
    }
    const StatementRow row(statement);
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW)
        visit(row);
    if (status != SQLITE_DONE)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return std::nullopt;
}
