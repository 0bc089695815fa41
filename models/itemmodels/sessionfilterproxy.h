#pragma once

#include "domain/enums.h"

#include <QSortFilterProxyModel>

#include <optional>

/**
 * Filters the session table by user, session and peer (text contained, any case), by a connection type
 * the session used, and by quality at most.
 */
class SessionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilterProxy(QObject *parent = nullptr);
    ~SessionFilterProxy() override;

    void setUserFilter(const QString &text);
    void setSessionFilter(const QString &text);
    // Sessions with a peer whose id contains the text.
    void setPeerFilter(const QString &text);
    // Sessions that used this connection type; nothing shows every session.
    void setConnectionType(std::optional<ConnectionType> type);
    // Only sessions of this quality or worse; nothing shows every quality.
    void setQualityAtMost(std::optional<ConnectionQuality> quality);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_user;
    QString m_session;
    QString m_peer;
    std::optional<ConnectionType> m_connectionType;
    std::optional<ConnectionQuality> m_qualityAtMost;
};
