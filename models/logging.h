#pragma once

#include <QLoggingCategory>

// One category per area, all under "vibestream." so that QT_LOGGING_RULES can select them.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcAlerts)
