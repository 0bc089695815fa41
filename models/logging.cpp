#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "vibestream.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAnalytics, "vibestream.analytics", QtInfoMsg)
