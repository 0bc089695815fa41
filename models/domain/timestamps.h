#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// RFC 3339 in, RFC 3339 UTC with milliseconds out ("2026-11-28T10:00:00.123Z"), as the contract fixes.
namespace Timestamps {

std::optional<QDateTime> parse(const QString &text);
QString format(const QDateTime &time);

} // namespace Timestamps
