#pragma once

#include "alerts/alertevaluator.h"

#include <QObject>

class QSystemTrayIcon;

/**
 * Desktop notifications (QSystemTrayIcon) for alerts raised at High or Critical severity, where the
 * desktop has a system tray; elsewhere the alerts dock is the only place they show.
 */
class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    explicit AlertNotifier(QObject *parent = nullptr);
    ~AlertNotifier() override;

    void notify(const EvaluationResult &result);
    // The raised alerts that deserve a notification.
    static QList<Alert> worthNotifying(const EvaluationResult &result);

private:
    QSystemTrayIcon *m_tray = nullptr;
};
