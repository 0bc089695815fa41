#pragma once

#include "domain/enums.h"

#include <QSortFilterProxyModel>

#include <optional>

/** Filters the session table by user and session (text contained, any case) and by quality at most. */
class SessionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilterProxy(QObject *parent = nullptr);
    ~SessionFilterProxy() override;

    void setUserFilter(const QString &text);
    void setSessionFilter(const QString &text);
    // Only sessions of this quality or worse; nothing shows every quality.
    void setQualityAtMost(std::optional<ConnectionQuality> quality);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_user;
    QString m_session;
    std::optional<ConnectionQuality> m_qualityAtMost;
};
