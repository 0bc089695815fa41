#pragma once

#include "reports/reportexporter.h"

#include "analytics/figures.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class SessionFilterProxy;
class SessionTableModel;

/** The sessions seen in the chosen window, sortable, filtered by user, session, peer, connection type and quality. */
class SessionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SessionsPage(QWidget *parent = nullptr);
    ~SessionsPage() override;

    void setSessions(const QList<SessionOverview> &sessions);
    // Shows only the sessions of this user and peer (empty: any), clearing the other filters.
    void filterBy(const QString &user, const QString &peer);
    // The filters in force, for an export to start from (the peer filter has no export equivalent).
    ReportFilter activeFilter(const TimeWindow &period) const;
    const QTableView *table() const { return m_table; }

signals:
    // The operator asked for a session's detail (double-click or Enter on its row).
    void sessionActivated(const QString &sessionId);

private:
    SessionTableModel *m_model;
    SessionFilterProxy *m_proxy;
    QLineEdit *m_user;
    QLineEdit *m_session;
    QLineEdit *m_peer;
    QComboBox *m_connectionType;
    QComboBox *m_quality;
    QTableView *m_table;
};
