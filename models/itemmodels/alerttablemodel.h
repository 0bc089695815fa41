#pragma once

#include "alerts/alert.h"

#include <QAbstractTableModel>

/** The alerts of the store, newest first, one row each, for the alerts dock. */
class AlertTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { Severity, State, Type, Scope, Message, Value, FirstSeen, LastSeen, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole, // the raw value, for sorting
        SeverityRole, // the Severity as int (Low 0 .. Critical 3)
        StateRole, // the AlertState as int
    };

    explicit AlertTableModel(QObject *parent = nullptr);
    ~AlertTableModel() override;

    // Rows that keep their ids are updated in place (selection and scrolling stay); any other change resets.
    void setAlerts(const QList<Alert> &alerts);
    const Alert &alert(int row) const { return m_alerts.at(row); }
    // How many are not resolved.
    qsizetype unresolvedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Alert> m_alerts;
};
