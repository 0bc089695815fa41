#pragma once

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

private:
    QSettings m_settings;
};
