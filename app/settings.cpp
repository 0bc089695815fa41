#include "settings.h"

#include <QStandardPaths>

namespace Keys {
const QString DatabaseUrl = QStringLiteral("database/url");
}

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
