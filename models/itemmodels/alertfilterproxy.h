#pragma once

#include "alerts/alert.h"

#include <QSortFilterProxyModel>

#include <optional>

/** Filters the alerts by state (unresolved by default) and by severity at least. */
class AlertFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AlertFilterProxy(QObject *parent = nullptr);
    ~AlertFilterProxy() override;

    void setSelection(AlertSelection selection);
    // Only alerts of this severity or worse; nothing shows every severity.
    void setMinimumSeverity(std::optional<Severity> severity);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AlertSelection m_selection = AlertSelection::Unresolved;
    std::optional<Severity> m_minimumSeverity;
};
