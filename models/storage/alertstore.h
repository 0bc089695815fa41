#pragma once

#include "alerts/alert.h"
#include "samplequery.h"
#include "storageresult.h"

/**
 * Where alerts live: their whole history, so that every console and node sharing a database sees the
 * same alerts. The store keeps at most one unresolved alert per type, scope and key, whoever raises it.
 */
class AlertStore
{
public:
    virtual ~AlertStore() = default;

    // Newest first (by first seen, ties by id), at most `limit`.
    virtual StorageResult<QList<Alert>> alerts(AlertSelection selection, qsizetype limit) = 0;
    // Every alert unresolved at some moment of the window (raised by its end, not resolved by its
    // start), newest first. Alerts are few (one per subject while unresolved), so this is not paged.
    virtual StorageResult<QList<Alert>> alertsDuring(const TimeWindow &window) = 0;
    // Stores a new alert (its id is given here). When an unresolved alert of the same type, scope and
    // key exists already (raised by another process), nothing is stored and that alert is returned.
    virtual StorageResult<Alert> raise(const Alert &alert) = 0;
    // The figure while it stays bad: last value, peak, message, evidence and last seen.
    virtual std::optional<StorageError> update(const Alert &alert) = 0;
    virtual std::optional<StorageError> resolve(const QString &id, const QDateTime &at) = 0;
    // Nothing when no alert has this id; an alert acknowledged or resolved before keeps its first acknowledgement.
    virtual StorageResult<std::optional<Alert>> acknowledge(
        const QString &id, const QString &by, const QString &note, const QDateTime &at)
        = 0;
};
