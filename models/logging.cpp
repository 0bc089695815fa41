#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "vibestream.storage", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHttp, "vibestream.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAlerts, "vibestream.alerts", QtWarningMsg)
