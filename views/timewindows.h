#pragma once

#include <QtGlobal>

// The time windows an operator can choose, shortest first.
namespace TimeWindows {

struct Choice
{
    const char *label; // "Last hour"
    const char *name; // as in "vs the previous hour"
    qint64 seconds;
};

inline constexpr Choice All[] = {
    { QT_TRANSLATE_NOOP("TimeWindows", "Last 15 minutes"), QT_TRANSLATE_NOOP("TimeWindows", "15 minutes"), 15 * 60 },
    { QT_TRANSLATE_NOOP("TimeWindows", "Last hour"), QT_TRANSLATE_NOOP("TimeWindows", "hour"), 3600 },
    { QT_TRANSLATE_NOOP("TimeWindows", "Last 6 hours"), QT_TRANSLATE_NOOP("TimeWindows", "6 hours"), 6 * 3600 },
    { QT_TRANSLATE_NOOP("TimeWindows", "Last 24 hours"), QT_TRANSLATE_NOOP("TimeWindows", "24 hours"), 86400 },
    { QT_TRANSLATE_NOOP("TimeWindows", "Last 7 days"), QT_TRANSLATE_NOOP("TimeWindows", "7 days"), 7 * 86400 },
    { QT_TRANSLATE_NOOP("TimeWindows", "Last 30 days"), QT_TRANSLATE_NOOP("TimeWindows", "30 days"), 30 * 86400 },
};
inline constexpr int Count = int(std::size(All));

// The index of the window of that length, or of the hour when there is none.
inline int indexOf(qint64 seconds)
{
    for (int i = 0; i < Count; ++i) {
        if (All[i].seconds == seconds)
            return i;
    }
    return 1;
}

} // namespace TimeWindows
