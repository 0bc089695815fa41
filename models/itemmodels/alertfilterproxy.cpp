#include "alertfilterproxy.h"

#include "alerttablemodel.h"

AlertFilterProxy::AlertFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AlertTableModel::SortRole);
}

AlertFilterProxy::~AlertFilterProxy() = default;

void AlertFilterProxy::setSelection(AlertSelection selection)
{
    m_selection = selection;
    invalidateRowsFilter();
}

void AlertFilterProxy::setMinimumSeverity(std::optional<Severity> severity)
{
    m_minimumSeverity = severity;
    invalidateRowsFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = AlertState(row.data(AlertTableModel::StateRole).toInt());
    if (!selects(m_selection, state))
        return false;
    return !m_minimumSeverity || row.data(AlertTableModel::SeverityRole).toInt() >= int(*m_minimumSeverity);
}
