#pragma once

#include "resultrow.h"
#include "sqldialect.h"

#include <QSqlQuery>
#include <QVariant>

/** The current row of a QSqlQuery, as a ResultRow. */
class QueryRow final : public ResultRow
{
public:
    QueryRow(const QSqlQuery &query, const SqlDialect &dialect)
        : m_query(query)
        , m_dialect(dialect)
    { }
    bool isNull(int column) const override { return m_query.isNull(column); }
    QString text(int column) const override { return m_query.value(column).toString(); }
    QByteArrayView utf8(int column) const override
    {
        m_utf8 = text(column).toUtf8();
        return m_utf8;
    }
    qint64 integer(int column) const override { return m_query.value(column).toLongLong(); }
    double real(int column) const override { return m_query.value(column).toDouble(); }
    QDateTime time(int column) const override { return m_dialect.timeFromValue(m_query.value(column)); }

private:
    const QSqlQuery &m_query;
    const SqlDialect &m_dialect;
    mutable QByteArray m_utf8;
};
