#pragma once

#include "storage/samplequery.h"

/** A connection's ICE or DTLS state as it changed, from its samples. */
struct StateChange
{
    QDateTime time;
    QString connectionId;
    QString iceConnectionState;
    QString dtlsTransportState;

    friend bool operator==(const StateChange &, const StateChange &) = default;
};

// The first sample of each connection and every later one whose ICE or DTLS state differs from the
// connection's sample before it; `samples` are connection samples, oldest first.
QList<StateChange> stateChangesOf(const QList<StoredSample> &samples);
