#pragma once

#include "corspolicy.h"

#include "alerts/alertrule.h"
#include "storage/retentionpolicy.h"

#include <QString>

#include <optional>

class Settings;

/** What the command line asks for; options not given take their value from the settings. */
struct CommandLine
{
    bool headless = false;
    QString databaseUrl;
    QString bindAddress;
    int port = 0;
    int httpThreads = 0;
    qint64 maxRecordBytes = 0;
    qint64 maxBatchBytes = 0;
    QString logFile;
    QString alertWebhookUrl; // empty: no webhook
    RetentionPolicy retention;
    CorsPolicy cors;
    // The alert rules: from --alert-rules FILE (JSON, as resources/alerts/default-rules.json), else the settings.
    RuleSet alertRules;
    bool alertRulesFromFile = false; // then the rules dialog's changes are not kept
    QString screenshotPath; // render the window to this PNG once loaded, then exit
    QString screenshotPage; // "dashboard", "trends", "sessions", "health" or "alerts"

    // Parses argv before any QCoreApplication exists (so --help, --version and --headless need no
    // display); prints help, version or the error itself and exits where the command line says so.
    static CommandLine parse(int argc, char *argv[], const Settings &settings);
};
