#pragma once

#include "preferences.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/** Edits the ConsolePreferences; refuses to close with OK while a field is invalid, and says why. */
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const ConsolePreferences &preferences, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    ConsolePreferences preferences() const;
    // The reason the fields cannot be accepted, or nothing.
    QString problem() const;

public slots:
    void accept() override;

private:
    QLineEdit *m_databaseUrl;
    QLineEdit *m_bindAddress;
    QSpinBox *m_port;
    QSpinBox *m_refreshInterval;
    QComboBox *m_defaultWindow;
    QLineEdit *m_alertWebhook;
    QSpinBox *m_rawRetention;
    QSpinBox *m_rollupRetention;
    QLabel *m_problem;
};
