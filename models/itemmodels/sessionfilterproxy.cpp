#include "sessionfilterproxy.h"

#include "sessiontablemodel.h"

#include "domain/qualityscale.h"

#include <algorithm>

SessionFilterProxy::SessionFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SessionTableModel::SortRole);
}

SessionFilterProxy::~SessionFilterProxy() = default;

void SessionFilterProxy::setUserFilter(const QString &text)
{
    m_user = text.trimmed();
    invalidateRowsFilter();
}

void SessionFilterProxy::setSessionFilter(const QString &text)
{
    m_session = text.trimmed();
    invalidateRowsFilter();
}

void SessionFilterProxy::setPeerFilter(const QString &text)
{
    m_peer = text.trimmed();
    invalidateRowsFilter();
}

void SessionFilterProxy::setConnectionType(std::optional<ConnectionType> type)
{
    m_connectionType = type;
    invalidateRowsFilter();
}

void SessionFilterProxy::setQualityAtMost(std::optional<ConnectionQuality> quality)
{
    m_qualityAtMost = quality;
    invalidateRowsFilter();
}

bool SessionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    auto text = [&](int column) { return model->index(sourceRow, column, sourceParent).data().toString(); };
    if (!m_user.isEmpty() && !text(SessionTableModel::User).contains(m_user, Qt::CaseInsensitive))
        return false;
    if (!m_session.isEmpty() && !text(SessionTableModel::Session).contains(m_session, Qt::CaseInsensitive))
        return false;
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (!m_peer.isEmpty()) {
        const QStringList peers = first.data(SessionTableModel::PeerIdsRole).toStringList();
        if (!std::any_of(peers.cbegin(), peers.cend(),
                [this](const QString &peer) { return peer.contains(m_peer, Qt::CaseInsensitive); }))
            return false;
    }
    if (m_connectionType
        && !first.data(SessionTableModel::ConnectionTypesRole).toList().contains(int(*m_connectionType)))
        return false;
    if (m_qualityAtMost) {
        const int score = model->index(sourceRow, SessionTableModel::Quality, sourceParent)
                              .data(SessionTableModel::QualityScoreRole)
                              .toInt();
        if (score > QualityScale::score(*m_qualityAtMost))
            return false;
    }
    return true;
}
