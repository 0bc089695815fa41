#pragma once

#include <QDateTime>
#include <QIODevice>
#include <QStringList>
#include <QVariant>

/**
 * Writes RFC 4180 CSV to a device, a row at a time (so that exports of any size stream): fields with
 * a comma, a quote or a line break are quoted, quotes doubled; lines end in CRLF; UTF-8. Numbers use
 * '.' as decimal point and times ISO 8601 in UTC, whatever the locale, so that every spreadsheet reads
 * them alike.
 */
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice &device);

    // False once the device refuses to write (disk full, closed): the caller stops and says so.
    bool writeRow(const QVariantList &fields);
    bool writeHeader(const QStringList &names);

    static QString field(const QVariant &value);

private:
    QIODevice &m_device;
};
