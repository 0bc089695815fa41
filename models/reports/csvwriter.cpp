#include "csvwriter.h"

#include "domain/timestamps.h"

#include <QLocale>

#include <array>
#include <charconv>

CsvWriter::CsvWriter(QIODevice &device)
    : m_device(device)
{ }

QString CsvWriter::field(const QVariant &value)
{
    QString text;
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        break; // a missing value is an empty field
    case QMetaType::Double:
        // Shortest text that reads back as the same number, with '.' whatever the locale.
        text = QLocale::c().toString(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        break;
    case QMetaType::Float: {
        // The same in float precision: 29.97f as "29.97", not as the double it widens to.
        std::array<char, 32> buffer {};
        const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.toFloat()).ptr;
        text = QString::fromLatin1(buffer.data(), end - buffer.data());
        break;
    }
    case QMetaType::QDateTime:
        text = Timestamps::format(value.toDateTime());
        break;
    case QMetaType::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    default:
        text = value.toString();
    }
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + text.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return text;
}

bool CsvWriter::writeRow(const QVariantList &fields)
{
    QStringList cells;
    cells.reserve(fields.size());
    for (const QVariant &value : fields)
        cells.append(field(value));
    const QByteArray line = cells.join(u',').toUtf8() + "\r\n";
    return m_device.write(line) == line.size();
}

bool CsvWriter::writeHeader(const QStringList &names)
{
    QVariantList fields;
    for (const QString &name : names)
        fields.append(name);
    return writeRow(fields);
}
