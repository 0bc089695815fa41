#include "ingestendpoints.h"

#include "jsonbody.h"
#include "servermetrics.h"

#include "analytics/analyticsservice.h"
#include "domain/metricscodec.h"

#include <QJsonArray>

namespace {

QString acknowledgement(MetricKind kind)
{
    switch (kind) {
    case MetricKind::Connection:
        return QStringLiteral("Connection metrics recorded successfully");
    case MetricKind::Streaming:
        return QStringLiteral("Streaming metrics recorded successfully");
    case MetricKind::Network:
        return QStringLiteral("Network metrics recorded successfully");
    case MetricKind::System:
        return QStringLiteral("System metrics recorded successfully");
    }
    Q_UNREACHABLE();
}

} // namespace

IngestEndpoints::IngestEndpoints(
    AnalyticsService &service, ServerMetrics &metrics, const ApiLimits &limits, QObject *context)
    : m_service(service)
    , m_metrics(metrics)
    , m_limits(limits)
    , m_context(context)
{ }

void IngestEndpoints::store(const QList<Metrics> &records, const Reply &reply, Answer answer)
{
    QList<MetricKind> kinds;
    kinds.reserve(records.size());
    for (const Metrics &metrics : records)
        kinds.append(kindOf(metrics));
    const auto refused = m_service.submit(records, m_context,
        [this, reply, answer = std::move(answer), kinds](const StorageResult<QList<StoredRecord>> &stored) {
            if (!stored.ok()) {
                reply(ApiResponse::storageError(stored.error()));
                return;
            }
            for (MetricKind kind : kinds)
                m_metrics.countStored(kind, 1);
            reply(answer(stored.value()));
        });
    if (refused)
        reply(ApiResponse::storageError(*refused));
}

void IngestEndpoints::recordOne(MetricKind kind, const ApiRequest &request, const Reply &reply)
{
    auto body = jsonBodyOf(request, m_limits.maxRecordBytes);
    if (auto *refusal = std::get_if<ApiResponse>(&body))
        return reply(*refusal);
    Decoded<Metrics> decoded = MetricsCodec::decode(kind, std::get<QJsonObject>(body));
    if (!decoded.value) {
        m_metrics.countRejected(1);
        return reply(
            ApiResponse::error(422, QStringLiteral("The %1 metrics are invalid").arg(spelling(kind)), decoded.errors));
    }
    store({ *decoded.value }, reply, [kind](const QList<StoredRecord> &stored) {
        const StoredRecord &ids = stored.constFirst();
        return ApiResponse::json(200,
            {
                { QStringLiteral("message"), acknowledgement(kind) },
                { QStringLiteral("id"), ids.id },
                { QStringLiteral("analytics_id"),
                    ids.analyticsId.isEmpty() ? QJsonValue() : QJsonValue(ids.analyticsId) },
            });
    });
}

void IngestEndpoints::recordBatch(const ApiRequest &request, const Reply &reply)
{
    auto body = jsonBodyOf(request, m_limits.maxBatchBytes);
    if (auto *refusal = std::get_if<ApiResponse>(&body))
        return reply(*refusal);
    const QJsonValue recordsValue = std::get<QJsonObject>(body).value(QStringLiteral("records"));
    if (!recordsValue.isArray()) {
        return reply(ApiResponse::error(422, QStringLiteral("The batch is invalid"),
            { { QStringLiteral("records"), QStringLiteral("must be an array of records") } }));
    }
    const QJsonArray records = recordsValue.toArray();
    if (records.size() > m_limits.maxBatchRecords) {
        return reply(ApiResponse::error(413,
            QStringLiteral("A batch holds at most %1 records; this one has %2")
                .arg(m_limits.maxBatchRecords)
                .arg(records.size())));
    }

    QList<Metrics> valid;
    valid.reserve(records.size());
    QJsonArray errors;
    qsizetype rejected = 0;
    const QString kinds = QStringList { spelling(MetricKind::Connection), spelling(MetricKind::Streaming),
        spelling(MetricKind::Network), spelling(MetricKind::System) }
                              .join(u", ");
    for (qsizetype index = 0; index < records.size(); ++index) {
        const QJsonValue record = records.at(index);
        QList<FieldError> faults;
        if (!record.isObject()) {
            faults.append({ QString(), QStringLiteral("must be a JSON object") });
        } else if (const auto kind = metricKindFromString(record.toObject().value(QStringLiteral("kind")).toString())) {
            Decoded<Metrics> decoded = MetricsCodec::decode(*kind, record.toObject());
            if (decoded.value)
                valid.append(std::move(*decoded.value));
            else
                faults = std::move(decoded.errors);
        } else {
            faults.append({ QStringLiteral("kind"), u"must be one of " + kinds });
        }
        if (faults.isEmpty())
            continue;
        ++rejected;
        if (errors.size() < MaxListedErrors) {
            errors.append(QJsonObject {
                { QStringLiteral("index"), index }, { QStringLiteral("details"), ApiResponse::detailsJson(faults) } });
        }
    }
    m_metrics.countRejected(rejected);
    const qsizetype accepted = valid.size();
    auto answer = [accepted, rejected, errors](const QList<StoredRecord> &) {
        return ApiResponse::json(200,
            {
                { QStringLiteral("accepted"), accepted },
                { QStringLiteral("rejected"), rejected },
                { QStringLiteral("errors"), errors },
            });
    };
    if (valid.isEmpty())
        return reply(answer({}));
    store(valid, reply, answer);
}
