#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "vibestream.storage")
Q_LOGGING_CATEGORY(lcAnalytics, "vibestream.analytics")
