#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

/**
 * One row of a query's result, whichever API read it, for the code that decodes rows: QtSql's
 * QSqlQuery, or the sqlite3 API where QtSql's cost per value dominates (see sqliteSelect()).
 */
class ResultRow
{
public:
    virtual ~ResultRow() = default;
    virtual bool isNull(int column) const = 0;
    virtual QString text(int column) const = 0;
    // The same text's UTF-8 bytes, valid until the row moves on or utf8() is called again.
    virtual QByteArrayView utf8(int column) const = 0;
    virtual qint64 integer(int column) const = 0;
    virtual double real(int column) const = 0;
    // A time as the dialect stores it; invalid when null.
    virtual QDateTime time(int column) const = 0;
};
