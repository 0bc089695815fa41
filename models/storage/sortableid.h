#pragma once

#include <QDateTime>
#include <QString>

/**
 * A new record id: a UUID in the version 7 layout (48-bit Unix milliseconds, then random bits).
 * Ids made later sort later, so that inserting them appends to the primary-key index instead of
 * touching random pages of it, which with random UUIDs dominated the cost of a large batch.
 */
QString newSortableId(const QDateTime &time);
