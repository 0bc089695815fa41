#pragma once

#include "alerts/alertrule.h"
#include "storage/retentionpolicy.h"

#include <QSettings>
#include <QString>

/**
 * The console's persistent settings, one typed accessor per key so that no key string is spelled
 * anywhere else. Stored with QSettings under the organization and application names.
 */
class Settings
{
public:
    Settings();

    // The database URL; by default a SQLite file under the application data folder.
    QString databaseUrl() const;
    void setDatabaseUrl(const QString &url);
    static QString defaultDatabaseUrl();

    QString bindAddress() const;
    void setBindAddress(const QString &address);

    int port() const;
    void setPort(int port);

    // Body limits of the HTTP API, in bytes (after gzip).
    qint64 maxRecordBytes() const;
    void setMaxRecordBytes(qint64 bytes);
    qint64 maxBatchBytes() const;
    void setMaxBatchBytes(qint64 bytes);

    // The console window's refresh period and default time window.
    int refreshIntervalSeconds() const;
    void setRefreshIntervalSeconds(int seconds);
    qint64 defaultWindowSeconds() const;
    void setDefaultWindowSeconds(qint64 seconds);

    // The alert rules in force: the operator's, or the shipped defaults when there are none (or when
    // the stored ones no longer read, which is logged).
    RuleSet alertRules() const;
    void setAlertRules(const RuleSet &rules);
    // Where alerts are posted as they are raised and resolved; empty for nowhere.
    QString alertWebhookUrl() const;
    void setAlertWebhookUrl(const QString &url);
    // The origins whose pages may post metrics: "*" (the default), "" or a comma-separated list.
    QString corsOrigins() const;

    // How long raw samples and rollups are kept.
    RetentionPolicy retention() const;
    void setRetention(const RetentionPolicy &policy);

    // The window's geometry and toolbar layout, restored at the next start.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

private:
    QSettings m_settings;
};
