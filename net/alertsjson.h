#pragma once

#include "alerts/alert.h"

#include <QJsonObject>

namespace AlertsJson {

// The seed's alert object ({id, timestamp, alert_type, severity, message, details, resolved}); details
// hold the evidence and the lifecycle. The same for the API and the webhook.
QJsonObject alert(const Alert &alert);

} // namespace AlertsJson
