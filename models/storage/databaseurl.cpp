#include "databaseurl.h"

#include <QDir>
#include <QUrl>

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (text == u"memory:")
        return DatabaseUrl {};

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return fail(u"'" + text + u"' is not a database URL (sqlite:///path.db, memory: or postgresql://...)");

    if (url.scheme() == u"sqlite") {
        const QString path = url.path();
        if (!url.host().isEmpty() || !QDir::isAbsolutePath(path) || path.endsWith(u'/'))
            return fail(QStringLiteral("A SQLite URL names an absolute file path: sqlite:///var/lib/vibestream.db"));
        return sqlite(path);
    }
    if (url.scheme() == u"postgresql" || url.scheme() == u"postgres") {
        DatabaseUrl result;
        result.backend = Backend::PostgreSql;
        result.host = url.host();
        result.port = url.port(5432);
        result.user = url.userName();
        result.password = url.password();
        result.databaseName = url.path().mid(1);
        if (result.host.isEmpty() || result.databaseName.isEmpty() || result.databaseName.contains(u'/'))
            return fail(QStringLiteral("A PostgreSQL URL names a host and a database: postgresql://user@host:5432/db"));
        return result;
    }
    return fail(u"Unknown database scheme '" + url.scheme() + u"' (use sqlite, postgresql or memory)");
}

DatabaseUrl DatabaseUrl::sqlite(const QString &absolutePath)
{
    DatabaseUrl result;
    result.backend = Backend::Sqlite;
    result.path = QDir::cleanPath(absolutePath);
    return result;
}

QString DatabaseUrl::displayString() const
{
    switch (backend) {
    case Backend::Memory:
        return QStringLiteral("memory:");
    case Backend::Sqlite:
        return u"sqlite://" + path;
    case Backend::PostgreSql: {
        const QString who = user.isEmpty() ? QString() : user + u'@';
        return QStringLiteral("postgresql://%1%2:%3/%4").arg(who, host).arg(port).arg(databaseName);
    }
    }
    Q_UNREACHABLE();
}

QString DatabaseUrl::backendName() const
{
    switch (backend) {
    case Backend::Memory:
        return QStringLiteral("In memory");
    case Backend::Sqlite:
        return QStringLiteral("SQLite");
    case Backend::PostgreSql:
        return QStringLiteral("PostgreSQL");
    }
    Q_UNREACHABLE();
}
