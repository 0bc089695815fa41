#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "vibestream.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "vibestream.http", QtInfoMsg)
