#include "sortableid.h"

#include <QUuid>

QString newSortableId(const QDateTime &time)
{
    // A random (version 4) UUID with its first 48 bits replaced by the time and its version set to 7;
    // the variant bits of version 4 are already those of version 7.
    QByteArray bytes = QUuid::createUuid().toRfc4122();
    const quint64 millis = quint64(time.toMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        bytes[i] = char((millis >> (40 - 8 * i)) & 0xFF);
    bytes[6] = char((bytes[6] & 0x0F) | 0x70);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}
