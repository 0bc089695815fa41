#pragma once

#include <QString>

#include <utility>
#include <variant>

/** Why a storage operation failed. */
struct StorageError
{
    enum class Kind {
        Unavailable, // the database cannot be reached now; trying again later may work
        Busy, // more writes wait than the queue may hold; trying again shortly may work
        Failed, // the database answered with an error
    };
    Kind kind = Kind::Failed;
    QString message;
};

/** A value, or the StorageError that prevented it. */
template<typename T> class StorageResult
{
public:
    StorageResult(T value)
        : m_state(std::move(value))
    { }
    StorageResult(StorageError error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    // By value, so that `for (x : call().value())` keeps the value alive past the temporary result.
    T value() && { return std::get<T>(std::move(m_state)); }
    const StorageError &error() const { return std::get<StorageError>(m_state); }

private:
    std::variant<T, StorageError> m_state;
};

// Runs a chain of storage calls, stopping at the first error: `TRY_STORAGE(x, call)` declares x.
#define TRY_STORAGE(name, call)                                                                                        \
    auto name##Result = (call);                                                                                        \
    if (!name##Result.ok())                                                                                            \
        return name##Result.error();                                                                                   \
    const auto &name = name##Result.value();
