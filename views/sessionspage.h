#pragma once

#include "analytics/figures.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class SessionFilterProxy;
class SessionTableModel;

/** The sessions seen in the chosen window, sortable, filtered by user, session and quality. */
class SessionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SessionsPage(QWidget *parent = nullptr);
    ~SessionsPage() override;

    void setSessions(const QList<SessionAnalytics> &sessions);
    const QTableView *table() const { return m_table; }

signals:
    // The operator asked for a session's detail (double-click or Enter on its row).
    void sessionActivated(const QString &sessionId);

private:
    SessionTableModel *m_model;
    SessionFilterProxy *m_proxy;
    QLineEdit *m_user;
    QLineEdit *m_session;
    QComboBox *m_quality;
    QTableView *m_table;
};
