#pragma once

#include <QString>

// Sends every log message to a file as well (appended, one line each, with UTC time and category).
// Returns false, and *error, when the file cannot be opened.
bool installLogFile(const QString &path, QString *error);
