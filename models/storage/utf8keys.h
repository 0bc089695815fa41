#pragma once

#include <QByteArrayView>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

/**
 * Containers keyed by the UTF-8 bytes of texts, for readers that tell many rows' texts apart: a key
 * is looked up by the bytes a row holds (std::string_view, no allocation) and made into a QString
 * once per distinct key, not once per row.
 */
namespace Utf8Keys {

struct Hash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view> {}(text); }
};

template<typename T> using Map = std::unordered_map<std::string, T, Hash, std::equal_to<>>;
using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;

inline std::string_view viewOf(QByteArrayView bytes)
{
    return { bytes.data(), std::size_t(bytes.size()) };
}

// The value of `key` in `map`, inserted if it is not there: the key is copied only then.
template<typename T> T &at(Map<T> &map, QByteArrayView key)
{
    const std::string_view view = viewOf(key);
    if (const auto found = map.find(view); found != map.end())
        return found->second;
    return map.emplace(std::string(view), T()).first->second;
}

} // namespace Utf8Keys
