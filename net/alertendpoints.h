#pragma once

#include "apimessages.h"

#include "analytics/clock.h"

#include <memory>

class AlertStore;

/**
 * The alerts over HTTP: the seed's list (GET /api/p2p/dashboard/alerts, ?state= and ?limit=) and
 * POST /api/p2p/dashboard/alerts/{id}/acknowledge with an optional {"by", "note"} body.
 */
class AlertEndpoints
{
public:
    AlertEndpoints(AlertStore &alerts, std::shared_ptr<const Clock> clock, qsizetype maxBodyBytes);

    ApiResponse list(const ApiRequest &request);
    ApiResponse acknowledge(const QString &id, const ApiRequest &request);

private:
    AlertStore &m_alerts;
    std::shared_ptr<const Clock> m_clock;
    qsizetype m_maxBodyBytes;
};
