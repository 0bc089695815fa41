#include "settingsdialog.h"

#include "timewindows.h"

#include "storage/databaseurl.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "alerts/webhookurl.h"

SettingsDialog::SettingsDialog(const ConsolePreferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_databaseUrl(new QLineEdit(preferences.databaseUrl))
    , m_bindAddress(new QLineEdit(preferences.bindAddress))
    , m_port(new QSpinBox)
    , m_refreshInterval(new QSpinBox)
    , m_defaultWindow(new QComboBox)
    , m_alertWebhook(new QLineEdit(preferences.alertWebhookUrl))
    , m_rawRetention(new QSpinBox)
    , m_rollupRetention(new QSpinBox)
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Settings"));
    m_port->setRange(0, 65535);
    m_port->setValue(preferences.port);
    m_refreshInterval->setRange(1, 3600);
    m_refreshInterval->setSuffix(tr(" s"));
    m_refreshInterval->setValue(preferences.refreshIntervalSeconds);
    for (const TimeWindows::Choice &choice : TimeWindows::All)
        m_defaultWindow->addItem(QCoreApplication::translate("TimeWindows", choice.label));
    m_defaultWindow->setCurrentIndex(TimeWindows::indexOf(preferences.defaultWindowSeconds));
    m_alertWebhook->setPlaceholderText(tr("none: https://… receives every raised and resolved alert"));
    m_alertWebhook->setClearButtonEnabled(true);
    for (QSpinBox *days : { m_rawRetention, m_rollupRetention }) {
        days->setRange(1, RetentionPolicy::MaxDays);
        days->setSuffix(tr(" days"));
    }
    m_rawRetention->setValue(preferences.retention.rawDays);
    m_rawRetention->setToolTip(tr("Raw samples older than this are deleted in the background."));
    m_rollupRetention->setValue(preferences.retention.rollupDays);
    m_rollupRetention->setToolTip(tr("Per-minute, hourly and daily figures older than this are deleted; "
                                     "older windows show nothing."));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::BrightText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Database URL:"), m_databaseUrl);
    form->addRow(tr("&Listen on address:"), m_bindAddress);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Refresh every:"), m_refreshInterval);
    form->addRow(tr("Default &window:"), m_defaultWindow);
    form->addRow(tr("Alert web&hook:"), m_alertWebhook);
    form->addRow(tr("Keep raw &samples for:"), m_rawRetention);
    form->addRow(tr("Keep roll&ups for:"), m_rollupRetention);
    auto *note = new QLabel(tr("The database, address and port apply when the console starts next."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

SettingsDialog::~SettingsDialog() = default;

ConsolePreferences SettingsDialog::preferences() const
{
    return { m_databaseUrl->text().trimmed(), m_bindAddress->text().trimmed(), m_port->value(),
        m_refreshInterval->value(), TimeWindows::All[m_defaultWindow->currentIndex()].seconds,
        m_alertWebhook->text().trimmed(), { m_rawRetention->value(), m_rollupRetention->value() } };
}

QString SettingsDialog::problem() const
{
    QString reason;
    if (!DatabaseUrl::parse(m_databaseUrl->text().trimmed(), &reason))
        return reason;
    if (QHostAddress(m_bindAddress->text().trimmed()).isNull())
        return tr("The address to listen on must be an IP address, such as 127.0.0.1 or ::1.");
    const QString webhook = m_alertWebhook->text().trimmed();
    if (!webhook.isEmpty() && !isWebhookUrl(webhook))
        return tr("The alert webhook must be an http or https URL, such as https://hooks.example.com/vibestream.");
    if (m_rollupRetention->value() < m_rawRetention->value())
        return tr("Rollups are made from the raw samples: keep them at least as long.");
    return QString();
}

void SettingsDialog::accept()
{
    const QString reason = problem();
    m_problem->setText(reason);
    if (reason.isEmpty())
        QDialog::accept();
}
