#pragma once

#include <QByteArray>
#include <QStringList>

#include <optional>

/**
 * Which web origins a browser may call the cross-origin routes from: the ingestion endpoints and
 * reporter.js, so that a player served elsewhere can report its peers' metrics. Every other route
 * stays same-origin (the dashboard is served by the console itself).
 */
struct CorsPolicy
{
    QStringList allowedOrigins { QStringLiteral("*") }; // "*": any origin; empty: none

    bool allows(const QByteArray &origin) const
    {
        return allowedOrigins.contains(QStringLiteral("*")) || allowedOrigins.contains(QString::fromUtf8(origin));
    }

    // "*", "" (none) or a comma-separated list of origins such as "https://player.example.com".
    static std::optional<CorsPolicy> parse(const QString &text, QString *error)
    {
        CorsPolicy policy;
        policy.allowedOrigins.clear();
        for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
            const QString origin = part.trimmed();
            const bool isOrigin
                = origin.startsWith(QStringLiteral("http://")) || origin.startsWith(QStringLiteral("https://"));
            if (origin != u"*" && (!isOrigin || origin.endsWith(u'/'))) {
                *error = QStringLiteral("An allowed origin is \"*\" or scheme://host[:port] without a path, not %1")
                             .arg(origin);
                return std::nullopt;
            }
            policy.allowedOrigins.append(origin);
        }
        return policy;
    }
};
