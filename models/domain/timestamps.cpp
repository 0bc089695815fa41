#include "timestamps.h"

#include <QRegularExpression>

namespace Timestamps {

std::optional<QDateTime> parse(const QString &text)
{
    // Qt's ISO parser is more lenient than RFC 3339 (it takes a missing offset as local time, a date alone,
    // and more), so the shape is checked first: date, 'T' or space, time, optional fraction, Z or an offset.
    static const QRegularExpression rfc3339(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch match = rfc3339.match(text);
    if (!match.hasMatch())
        return std::nullopt;

    // Qt keeps milliseconds: cut the fraction to three digits rather than let the parser reject it.
    QString fraction = match.captured(3);
    if (fraction.size() > 4)
        fraction.truncate(4);
    QString offset = match.captured(4).toUpper();
    const QString normalized = match.captured(1) + u'T' + match.captured(2) + fraction + offset;
    const QDateTime time = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

QString format(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Timestamps
