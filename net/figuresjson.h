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
// metricType empty: all four trends; else only "latency", "bandwidth", "sessions" or "success_rate".
QJsonObject trends(const Trends &trends, const QString &metricType);

} // namespace FiguresJson
