#pragma once

#include "analytics/figures.h"

#include <QJsonObject>

// The analytics figures in the JSON shapes of the HTTP contract (field names of the seed's API).
namespace FiguresJson {

QJsonObject session(const SessionAnalytics &analytics);
QJsonObject user(const UserAnalytics &analytics);
QJsonObject stats(const AggregatedStats &stats);
QJsonObject performanceReport(const PerformanceReport &report);
QJsonObject realtime(const RealtimeMetrics &metrics);
// metricType empty: every trend; else only "latency", "bandwidth", "sessions", "users" or "success_rate".
// (users_trend is the console's addition: distinct users per bucket.)
QJsonObject trends(const Trends &trends, const QString &metricType);
// The dashboard's six figures over a window and the window before it (the console's addition):
// {"current", "previous", "change_percent"} each, null where unknown.
QJsonObject dashboard(const DashboardSnapshot &snapshot);

} // namespace FiguresJson
