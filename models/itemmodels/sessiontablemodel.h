#pragma once

#include "analytics/figures.h"

#include <QAbstractTableModel>

/** The sessions of the console's window, one row each, for sorting and filtering in the views. */
class SessionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns {
        Session,
        User,
        Peers,
        ConnectionTypes,
        Quality,
        Mos,
        SuccessRate,
        Connections,
        Streams,
        StreamingHours,
        Created,
        LastSeen,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, // the raw value, for sorting
        QualityScoreRole, // 5 (Excellent) .. 1 (Unusable), for filtering
        PeerIdsRole, // QStringList of the session's peers
        ConnectionTypesRole, // QVariantList of the connection types (as int) the session used
    };

    explicit SessionTableModel(QObject *parent = nullptr);
    ~SessionTableModel() override;

    // Replaces every row at once (one reset per refresh).
    void setSessions(const QList<SessionOverview> &sessions);
    const SessionOverview &session(int row) const { return m_sessions.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SessionOverview> m_sessions;
};
