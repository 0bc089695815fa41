#include "settings.h"

#include "apilimits.h"

#include <QStandardPaths>

namespace Keys {
const QString DatabaseUrl = QStringLiteral("database/url");
const QString BindAddress = QStringLiteral("http/bindAddress");
const QString Port = QStringLiteral("http/port");
const QString MaxRecordBytes = QStringLiteral("http/maxRecordBytes");
const QString MaxBatchBytes = QStringLiteral("http/maxBatchBytes");
const QString RefreshIntervalSeconds = QStringLiteral("console/refreshIntervalSeconds");
const QString DefaultWindowSeconds = QStringLiteral("console/defaultWindowSeconds");
const QString AlertRules = QStringLiteral("alerts/rules");
const QString AlertWebhookUrl = QStringLiteral("alerts/webhookUrl");
const QString CorsOrigins = QStringLiteral("http/corsOrigins");
const QString WindowGeometry = QStringLiteral("console/windowGeometry");
const QString WindowState = QStringLiteral("console/windowState");
const QString RawRetentionDays = QStringLiteral("retention/rawDays");
const QString RollupRetentionDays = QStringLiteral("retention/rollupDays");
} // namespace Keys

Settings::Settings() = default;

QString Settings::databaseUrl() const
{
    return m_settings.value(Keys::DatabaseUrl, defaultDatabaseUrl()).toString();
}
void Settings::setDatabaseUrl(const QString &url)
{
    m_settings.setValue(Keys::DatabaseUrl, url);
}

QString Settings::defaultDatabaseUrl()
{
    return u"sqlite://" + QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/vibestream.db";
}

QString Settings::bindAddress() const
{
    return m_settings.value(Keys::BindAddress, QStringLiteral("127.0.0.1")).toString();
}
void Settings::setBindAddress(const QString &address)
{
    m_settings.setValue(Keys::BindAddress, address);
}

int Settings::port() const
{
    return m_settings.value(Keys::Port, 8080).toInt();
}
void Settings::setPort(int port)
{
    m_settings.setValue(Keys::Port, port);
}

qint64 Settings::maxRecordBytes() const
{
    return m_settings.value(Keys::MaxRecordBytes, qint64(ApiLimits().maxRecordBytes)).toLongLong();
}
void Settings::setMaxRecordBytes(qint64 bytes)
{
    m_settings.setValue(Keys::MaxRecordBytes, bytes);
}

qint64 Settings::maxBatchBytes() const
{
    return m_settings.value(Keys::MaxBatchBytes, qint64(ApiLimits().maxBatchBytes)).toLongLong();
}
void Settings::setMaxBatchBytes(qint64 bytes)
{
    m_settings.setValue(Keys::MaxBatchBytes, bytes);
}

int Settings::refreshIntervalSeconds() const
{
    return m_settings.value(Keys::RefreshIntervalSeconds, 30).toInt();
}
void Settings::setRefreshIntervalSeconds(int seconds)
{
    m_settings.setValue(Keys::RefreshIntervalSeconds, seconds);
}

qint64 Settings::defaultWindowSeconds() const
{
    return m_settings.value(Keys::DefaultWindowSeconds, 3600).toLongLong();
}
void Settings::setDefaultWindowSeconds(qint64 seconds)
{
    m_settings.setValue(Keys::DefaultWindowSeconds, seconds);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(Keys::WindowGeometry).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(Keys::WindowGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(Keys::WindowState).toByteArray();
}
void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(Keys::WindowState, state);
}

RuleSet Settings::alertRules() const
{
    const QByteArray stored = m_settings.value(Keys::AlertRules).toByteArray();
    if (stored.isEmpty())
        return RuleSetJson::defaults();
    const RuleSetJson::Parsed parsed = RuleSetJson::parse(stored);
    if (!parsed.errors.isEmpty()) {
        qWarning("Stored alert rules do not read (%s); using the defaults", qPrintable(parsed.errors.join(u"; ")));
        return RuleSetJson::defaults();
    }
    return parsed.ruleSet;
}

void Settings::setAlertRules(const RuleSet &rules)
{
    m_settings.setValue(Keys::AlertRules, RuleSetJson::serialize(rules));
}

QString Settings::alertWebhookUrl() const
{
    return m_settings.value(Keys::AlertWebhookUrl).toString();
}

void Settings::setAlertWebhookUrl(const QString &url)
{
    m_settings.setValue(Keys::AlertWebhookUrl, url);
}

QString Settings::corsOrigins() const
{
    return m_settings.value(Keys::CorsOrigins, QStringLiteral("*")).toString();
}

RetentionPolicy Settings::retention() const
{
    const RetentionPolicy policy { m_settings.value(Keys::RawRetentionDays, RetentionPolicy::DefaultRawDays).toInt(),
        m_settings.value(Keys::RollupRetentionDays, RetentionPolicy::DefaultRollupDays).toInt() };
    return policy.isValid() ? policy : RetentionPolicy();
}

void Settings::setRetention(const RetentionPolicy &policy)
{
    m_settings.setValue(Keys::RawRetentionDays, policy.rawDays);
    m_settings.setValue(Keys::RollupRetentionDays, policy.rollupDays);
}
