#include "alertnotifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

AlertNotifier::AlertNotifier(QObject *parent)
    : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning), this);
    m_tray->setToolTip(tr("VibeStream Console"));
    m_tray->show();
}

AlertNotifier::~AlertNotifier() = default;

QList<Alert> AlertNotifier::worthNotifying(const EvaluationResult &result)
{
    QList<Alert> alerts;
    for (const Alert &alert : result.raised) {
        if (alert.severity >= Severity::High)
            alerts.append(alert);
    }
    return alerts;
}

void AlertNotifier::notify(const EvaluationResult &result)
{
    if (!m_tray || !m_tray->supportsMessages())
        return;
    for (const Alert &alert : worthNotifying(result)) {
        m_tray->showMessage(tr("%1 alert: %2").arg(spelling(alert.severity), alert.type), alert.message,
            alert.severity == Severity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    }
}
