#include "sortableid.h"

#include <QRandomGenerator64>
#include <QUuid>

QString newSortableId(const QDateTime &time)
{
    // A generator per thread, seeded once from the system's: drawing each id from the system
    // generator (QUuid::createUuid) cost more than inserting its row, on hardware where every draw
    // is a CPU random-number instruction the hypervisor traps.
    thread_local QRandomGenerator64 random = QRandomGenerator64::securelySeeded();
    const quint64 millis = quint64(time.toMSecsSinceEpoch()) & 0xFFFF'FFFF'FFFF;
    const quint64 randomA = random();
    const quint64 randomB = random();
    // 48 bits of time, the version (7), 12 random bits; the variant (binary 10), 62 random bits.
    const uint timeHigh = uint(millis >> 16);
    const auto timeLow = ushort(millis & 0xFFFF);
    const auto versionAndRandom = ushort(0x7000 | (randomA & 0x0FFF));
    const auto variantAndRandom = uchar(0x80 | ((randomA >> 12) & 0x3F));
    auto byte = [randomB](int i) { return uchar(randomB >> (8 * i)); };
    return QUuid(timeHigh, timeLow, versionAndRandom, variantAndRandom, byte(0), byte(1), byte(2), byte(3), byte(4),
        byte(5), byte(6))
        .toString(QUuid::WithoutBraces);
}
