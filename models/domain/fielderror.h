#pragma once

#include <QList>
#include <QString>

#include <optional>

/** One fault of a request, named by the JSON field it concerns. */
struct FieldError
{
    QString field;
    QString message;

    friend bool operator==(const FieldError &, const FieldError &) = default;
};

/** The outcome of decoding: a value, or every fault found (never both). */
template<typename T> struct Decoded
{
    std::optional<T> value;
    QList<FieldError> errors;

    bool isValid() const { return value.has_value(); }
};
