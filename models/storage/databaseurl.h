#pragma once

#include <QString>

#include <optional>

/**
 * Which database the console uses, from one URL:
 * `sqlite:///absolute/path.db`, `memory:`, or `postgresql://user:password@host:port/database`
 * (`postgres://` is accepted too).
 */
struct DatabaseUrl
{
    enum class Backend { Memory, Sqlite, PostgreSql };

    Backend backend = Backend::Memory;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    // Returns the URL, or nothing and a one-sentence reason in *error.
    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);
    static DatabaseUrl sqlite(const QString &absolutePath);

    // The URL without its password, for logs and the status bar.
    QString displayString() const;
    QString backendName() const;
};
