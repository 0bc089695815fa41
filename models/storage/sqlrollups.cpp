#include "sqlrollups.h"

#include <QStringList>
#include <QVariant>

namespace {

const QString s_valueColumns = QStringLiteral(
    "connection_samples, quality_score_sum, successful_samples, failed_samples, poor_samples, latency_sum, "
    "bandwidth_sum, packet_loss_sum, jitter_sum, mos_sum, latency_min, latency_max, jitter_min, jitter_max, "
    "packet_loss_min, packet_loss_max, mos_min, mos_max, latency_bins, jitter_bins, packet_loss_bins, mos_bins, "
    "samples_by_quality, samples_by_type, latency_sum_by_type, streaming_samples, duration_seconds_sum, "
    "buffering_samples, adaptive_switches_sum, quality_level_score_sum, dropped_frames_sum, total_frames_sum");

// Histograms as "bin:count" for the bins that have samples: most bins of a minute are empty.
template<typename Histogram> QString binsText(const Histogram &histogram)
{
    QStringList bins;
    for (int bin = 0; bin < Histogram::BinCount; ++bin) {
        if (const qint64 count = histogram.count(bin))
            bins << QString::number(bin) + u':' + QString::number(count);
    }
    // Never a null QString: QtSql would bind it as NULL.
    return bins.isEmpty() ? QStringLiteral("") : bins.join(u',');
}

template<typename Histogram> Histogram histogramFrom(const QString &text)
{
    Histogram histogram;
    for (const QStringView entry : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        const qsizetype colon = entry.indexOf(u':');
        const int bin = entry.left(colon).toInt();
        if (colon > 0 && bin >= 0 && bin < Histogram::BinCount)
            histogram.add(bin, entry.mid(colon + 1).toLongLong());
    }
    return histogram;
}

// Doubles with 17 significant digits read back exactly.
template<typename T, std::size_t N> QString listText(const std::array<T, N> &values)
{
    QStringList parts;
    for (const T value : values) {
        if constexpr (std::is_floating_point_v<T>)
            parts << QString::number(value, 'g', 17);
        else
            parts << QString::number(value);
    }
    return parts.join(u',');
}

template<typename T, std::size_t N> std::array<T, N> listFrom(const QString &text)
{
    std::array<T, N> values {};
    const QList<QStringView> parts = QStringView(text).split(u',');
    for (std::size_t i = 0; i < N && i < std::size_t(parts.size()); ++i) {
        if constexpr (std::is_floating_point_v<T>)
            values[i] = parts.at(qsizetype(i)).toDouble();
        else
            values[i] = parts.at(qsizetype(i)).toLongLong();
    }
    return values;
}

// An upsert that replaces the value columns of the row with that key.
QString replacing(const QString &keyColumns, const QString &valueColumns)
{
    QStringList updates;
    const QStringList columns = valueColumns.split(QStringLiteral(", "));
    for (const QString &column : columns)
        updates << column + u" = excluded." + column;
    return u"ON CONFLICT (" + keyColumns + u") DO UPDATE SET " + updates.join(u", ");
}

// The sums first: sessionSums() reads them added up.
const QString s_sessionSumColumns = QStringLiteral(
    "connection_samples, quality_score_sum, successful_samples, mos_sum, streaming_samples, streaming_seconds");
const QString s_sessionValueColumns = s_sessionSumColumns + QStringLiteral(", mos_bins, mos_min, mos_max");

// Conditions on p2p_presence rows, each a range of its primary key after `kind`, with their values.
using PresenceParts = QList<std::pair<QString, QVariantList>>;

// Every row of a span in `range`.
void addWhole(PresenceParts &parts, int spanSeconds, const MsRange &range)
{
    if (!range.isEmpty())
        parts.append({ QStringLiteral("span_seconds = %1 AND bucket_start >= ? AND bucket_start < ?").arg(spanSeconds),
            { range.from, range.to } });
}

// The rows of a span's buckets that have one of the buckets' bits.
void addPartial(PresenceParts &parts, int spanSeconds, const QList<PartialBucket> &buckets)
{
    for (const PartialBucket &bucket : buckets)
        parts.append({ QStringLiteral("span_seconds = %1 AND bucket_start = ? AND (mask & ?) <> 0").arg(spanSeconds),
            { bucket.start, bucket.bits } });
}

// The parts as SELECTs put together with UNION ALL, each also meeting `where` (given the parts OR-ed,
// SQLite collected the keys of the rows and sought each row again).
QString selectsOf(const PresenceParts &parts, const QString &columns, const QString &where,
    const QVariantList &whereValues, QVariantList &values)
{
    if (parts.isEmpty())
        return QStringLiteral("SELECT %1 FROM p2p_presence WHERE 1 = 0").arg(columns);
    QStringList selects;
    for (const auto &[condition, partValues] : parts) {
        selects << QStringLiteral("SELECT %1 FROM p2p_presence WHERE %2 AND %3").arg(columns, condition, where);
        values += partValues;
        values += whereValues;
    }
    return selects.join(u" UNION ALL ");
}

} // namespace

namespace SqlRollups {

QString rollupConflict()
{
    return replacing(QStringLiteral("granularity_seconds, bucket_start, node_id"), s_valueColumns);
}

QString sessionRollupValueColumns()
{
    return s_sessionValueColumns;
}

QString sessionRollupColumns()
{
    return u"granularity_seconds, bucket_start, analytics_id, node_id, " + s_sessionValueColumns;
}

QString sessionRollupConflict()
{
    return replacing(QStringLiteral("granularity_seconds, bucket_start, analytics_id, node_id"), s_sessionValueColumns);
}

SqlRow sessionRollupRow(const SessionRollupKey &key, const QString &nodeId, const SessionRollup &r)
{
    return { qint64(key.bucket.granularitySeconds), key.bucket.start, key.analyticsId, nodeId, r.connectionSamples,
        r.qualityScoreSum, r.successfulSamples, r.mosSum, r.streamingSamples, r.streamingSeconds,
        binsText(r.mosHistogram), r.mos.smallest, r.mos.largest };
}

QString sessionSumColumns()
{
    return s_sessionSumColumns;
}

void addSessionSums(const ResultRow &row, int first, SessionRollup &sums)
{
    sums.connectionSamples += row.integer(first);
    sums.qualityScoreSum += row.integer(first + 1);
    sums.successfulSamples += row.integer(first + 2);
    sums.mosSum += row.real(first + 3);
    sums.streamingSamples += row.integer(first + 4);
    sums.streamingSeconds += row.real(first + 5);
}

SessionRollup sessionRollupFrom(const ResultRow &row, int first)
{
    SessionRollup r;
    addSessionSums(row, first, r);
    r.mosHistogram = histogramFrom<MosHistogram>(row.text(first + 6));
    r.mos = { row.real(first + 7), row.real(first + 8) };
    return r;
}

QString rollupValueColumns()
{
    return s_valueColumns;
}

QString rollupColumns()
{
    return u"granularity_seconds, bucket_start, node_id, " + s_valueColumns;
}

SqlRow rollupRow(const RollupKey &key, const QString &nodeId, const RollupBucket &b)
{
    return { qint64(key.granularitySeconds), key.start, nodeId, b.connectionSamples, b.qualityScoreSum,
        b.successfulSamples, b.failedSamples, b.poorSamples, b.latencySum, b.bandwidthSum, b.packetLossSum, b.jitterSum,
        b.mosSum, qint64(b.latency.smallest), qint64(b.latency.largest), qint64(b.jitter.smallest),
        qint64(b.jitter.largest), b.packetLoss.smallest, b.packetLoss.largest, b.mos.smallest, b.mos.largest,
        binsText(b.latencyHistogram), binsText(b.jitterHistogram), binsText(b.packetLossHistogram),
        binsText(b.mosHistogram), listText(b.samplesByQuality), listText(b.samplesByType), listText(b.latencySumByType),
        b.streamingSamples, b.durationSecondsSum, b.bufferingSamples, b.adaptiveSwitchesSum, b.qualityLevelScoreSum,
        b.droppedFramesSum, b.totalFramesSum };
}

RollupBucket bucketFrom(const ResultRow &row, int first)
{
    int column = first;
    auto integer = [&] { return row.integer(column++); };
    auto real = [&] { return row.real(column++); };
    auto text = [&] { return row.text(column++); };
    RollupBucket b;
    b.connectionSamples = integer();
    b.qualityScoreSum = integer();
    b.successfulSamples = integer();
    b.failedSamples = integer();
    b.poorSamples = integer();
    b.latencySum = real();
    b.bandwidthSum = real();
    b.packetLossSum = real();
    b.jitterSum = real();
    b.mosSum = real();
    b.latency.smallest = quint32(integer());
    b.latency.largest = quint32(integer());
    b.jitter.smallest = quint32(integer());
    b.jitter.largest = quint32(integer());
    b.packetLoss.smallest = real();
    b.packetLoss.largest = real();
    b.mos.smallest = real();
    b.mos.largest = real();
    b.latencyHistogram = histogramFrom<LatencyHistogram>(text());
    b.jitterHistogram = histogramFrom<LatencyHistogram>(text());
    b.packetLossHistogram = histogramFrom<PacketLossHistogram>(text());
    b.mosHistogram = histogramFrom<MosHistogram>(text());
    b.samplesByQuality = listFrom<qint64, 5>(text());
    b.samplesByType = listFrom<qint64, 4>(text());
    b.latencySumByType = listFrom<double, 4>(text());
    b.streamingSamples = integer();
    b.durationSecondsSum = real();
    b.bufferingSamples = integer();
    b.adaptiveSwitchesSum = integer();
    b.qualityLevelScoreSum = integer();
    b.droppedFramesSum = integer();
    b.totalFramesSum = integer();
    return b;
}

QString presenceColumns()
{
    return QStringLiteral("kind, span_seconds, bucket_start, session_key, entity_key, mask");
}

QString presenceConflict()
{
    return QStringLiteral("ON CONFLICT (kind, span_seconds, bucket_start, session_key, entity_key) DO UPDATE SET "
                          "mask = p2p_presence.mask | excluded.mask");
}

SqlRow presenceRow(const PresenceKey &key, qint64 bits)
{
    // Never a null QString: QtSql would bind it as NULL.
    return { qint64(key.kind), qint64(key.spanSeconds), key.bucketStart,
        key.sessionKey.isNull() ? QStringLiteral("") : key.sessionKey, key.entity, bits };
}

QString presenceSelects(const MsRange &minutes, const QString &columns, const QString &where,
    const QVariantList &whereValues, QVariantList &values)
{
    const RollupPlan::PresenceCover cover = RollupPlan::presenceCover(minutes);
    PresenceParts parts;
    addWhole(parts, 86400, cover.wholeDays);
    addPartial(parts, 86400, cover.partialDays);
    addPartial(parts, 3600, cover.partialHours);
    return selectsOf(parts, columns, where, whereValues, values);
}

QString hourPresenceSelects(const MsRange &minutes, const QString &columns, const QString &where,
    const QVariantList &whereValues, QVariantList &values)
{
    const RollupPlan::HourCover cover = RollupPlan::hourCover(minutes);
    PresenceParts parts;
    addWhole(parts, 3600, cover.wholeHours);
    addPartial(parts, 3600, cover.partialHours);
    return selectsOf(parts, columns, where, whereValues, values);
}

} // namespace SqlRollups
