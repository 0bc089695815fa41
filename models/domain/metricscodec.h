#pragma once

#include "fielderror.h"
#include "metrics.h"

#include <QJsonObject>

/**
 * JSON <-> metric structs with the contract's field names.
 *
 * Decoding validates every field and reports every fault at once; a sample with any fault
 * yields no value. Unknown fields are ignored so that newer peers can send more.
 */
namespace MetricsCodec {

Decoded<ConnectionMetrics> decodeConnection(const QJsonObject &json);
Decoded<StreamingMetrics> decodeStreaming(const QJsonObject &json);
Decoded<NetworkMetrics> decodeNetwork(const QJsonObject &json);
Decoded<SystemMetrics> decodeSystem(const QJsonObject &json);
Decoded<Metrics> decode(MetricKind kind, const QJsonObject &json);

QJsonObject encode(const ConnectionMetrics &metrics);
QJsonObject encode(const StreamingMetrics &metrics);
QJsonObject encode(const NetworkMetrics &metrics);
QJsonObject encode(const SystemMetrics &metrics);
QJsonObject encode(const Metrics &metrics);
// A report as a session aggregate keeps it (network_metrics, system_metrics): without the ids that
// the aggregate already names.
QJsonObject encodeSessionReport(const Metrics &metrics);

// Limits the validation applies, exposed for messages and tests.
inline constexpr qsizetype MaxIdLength = 255;
// Byte counters travel as JSON numbers, which are exact up to 2^53 - 1.
inline constexpr quint64 MaxExactJsonInteger = (quint64(1) << 53) - 1;

} // namespace MetricsCodec
