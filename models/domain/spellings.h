#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

// One table per enum keeps its spellings in exactly one place for both directions.
template<typename Enum, std::size_t N> struct Spellings
{
    std::array<const char *, N> names;

    QString name(Enum value) const { return QString::fromLatin1(names.at(static_cast<std::size_t>(value))); }

    std::optional<Enum> parse(const QString &text) const
    {
        for (std::size_t i = 0; i < N; ++i) {
            if (text == QLatin1String(names.at(i)))
                return static_cast<Enum>(i);
        }
        return std::nullopt;
    }

    QStringList all() const
    {
        QStringList list;
        for (const char *n : names)
            list.append(QString::fromLatin1(n));
        return list;
    }
};
