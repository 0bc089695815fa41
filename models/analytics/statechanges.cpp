#include "statechanges.h"

#include <QHash>

QList<StateChange> stateChangesOf(const QList<StoredSample> &samples)
{
    QList<StateChange> changes;
    QHash<QString, std::pair<QString, QString>> lastStateByConnection;
    for (const StoredSample &sample : samples) {
        const auto *m = std::get_if<ConnectionMetrics>(&sample.record.metrics);
        if (!m)
            continue;
        const std::pair<QString, QString> state { m->iceConnectionState, m->dtlsTransportState };
        const auto last = lastStateByConnection.constFind(m->connectionId);
        if (last != lastStateByConnection.cend() && *last == state)
            continue;
        lastStateByConnection.insert(m->connectionId, state);
        changes.append({ sample.record.recordedAt, m->connectionId, state.first, state.second });
    }
    return changes;
}
