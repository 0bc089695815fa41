#pragma once

#include "storage/retentionpolicy.h"

#include <QString>

/** What the operator sets in the settings dialog. The app keeps them (Settings); the window applies them. */
struct ConsolePreferences
{
    QString databaseUrl; // these three take effect at the next start
    QString bindAddress;
    int port = 8080;
    int refreshIntervalSeconds = 30; // 1 s .. 1 h, applied at once
    qint64 defaultWindowSeconds = 3600; // applied at once
    QString alertWebhookUrl; // applied at once; empty for none
    RetentionPolicy retention; // applied at once

    friend bool operator==(const ConsolePreferences &, const ConsolePreferences &) = default;
};
