#pragma once

#include "alerts/alert.h"

#include <QDockWidget>

class AlertFilterProxy;
class AlertTableModel;
class QComboBox;
class QPushButton;
class QTableView;

/**
 * The alerts dock: the store's alerts, sortable, filtered by state and severity. The operator
 * acknowledges the selected alert (with an optional note) and opens what an alert concerns with a
 * double-click or Enter.
 */
class AlertsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit AlertsDock(QWidget *parent = nullptr);
    ~AlertsDock() override;

    void setAlerts(const QList<Alert> &alerts);
    const QTableView *table() const { return m_table; }
    // The selected alert, if any.
    std::optional<Alert> currentAlert() const;
    // Acknowledges the selected alert with this note, as the Acknowledge button does after asking for it.
    void acknowledgeCurrent(const QString &note);

signals:
    void acknowledgeRequested(const QString &alertId, const QString &note);
    // The operator asked to see what the alert concerns.
    void alertActivated(const Alert &alert);

private:
    void updateTitle();
    void updateActions();
    void askToAcknowledge();

    AlertTableModel *m_model;
    AlertFilterProxy *m_proxy;
    QComboBox *m_state;
    QComboBox *m_severity;
    QPushButton *m_acknowledge;
    QTableView *m_table;
};
