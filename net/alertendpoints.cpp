#include "alertendpoints.h"

#include "alertsjson.h"
#include "jsonbody.h"
#include "queryparameters.h"

#include "alerts/rulefigures.h"
#include "domain/timestamps.h"
#include "storage/alertstore.h"

#include <QJsonArray>

namespace {

constexpr IntParameter s_limit { "limit", 1, 1000, 100 };
constexpr qsizetype MaxByLength = 255;
constexpr qsizetype MaxNoteLength = 2000;

QJsonObject listJson(const QList<Alert> &alerts)
{
    QJsonArray list;
    qint64 unresolved = 0;
    qint64 critical = 0;
    for (const Alert &alert : alerts) {
        list.append(AlertsJson::alert(alert));
        if (alert.state() != AlertState::Resolved) {
            ++unresolved;
            critical += alert.severity == Severity::Critical ? 1 : 0;
        }
    }
    return {
        { QStringLiteral("total_alerts"), qint64(alerts.size()) },
        { QStringLiteral("critical_alerts"), critical },
        { QStringLiteral("active_alerts"), unresolved },
        { QStringLiteral("alerts"), list },
    };
}

} // namespace

AlertEndpoints::AlertEndpoints(AlertStore &alerts, std::shared_ptr<const Clock> clock, qsizetype maxBodyBytes)
    : m_alerts(alerts)
    , m_clock(std::move(clock))
    , m_maxBodyBytes(maxBodyBytes)
{ }

ApiResponse AlertEndpoints::list(const ApiRequest &request)
{
    QList<FieldError> errors;
    const std::optional<int> limit = intParameter(request, s_limit, errors);
    AlertSelection selection = AlertSelection::Unresolved;
    if (request.query.hasQueryItem(QStringLiteral("state"))) {
        const auto chosen
            = enumFromString<AlertSelection>(request.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
        if (chosen)
            selection = *chosen;
        else
            errors.append(
                { QStringLiteral("state"), u"must be one of " + enumSpellings<AlertSelection>().join(u", ") });
    }
    if (!errors.isEmpty())
        return badParameters(errors);
    return answer(m_alerts.alerts(selection, *limit), listJson);
}

ApiResponse AlertEndpoints::acknowledge(const QString &id, const ApiRequest &request)
{
    QString by = QStringLiteral("api");
    QString note;
    // The body is optional; when there is one it is a JSON object like any other request's.
    if (!request.body.isEmpty()) {
        auto body = jsonBodyOf(request, m_maxBodyBytes);
        if (auto *refusal = std::get_if<ApiResponse>(&body))
            return *refusal;
        const QJsonObject object = std::get<QJsonObject>(body);
        QList<FieldError> errors;
        auto text = [&](const char *field, qsizetype maxLength, QString &into) {
            const QJsonValue value = object.value(QLatin1String(field));
            if (value.isUndefined() || value.isNull())
                return;
            if (!value.isString() || value.toString().size() > maxLength)
                errors.append({ QString::fromLatin1(field),
                    QStringLiteral("must be a string of at most %1 characters").arg(maxLength) });
            else
                into = value.toString();
        };
        text("by", MaxByLength, by);
        text("note", MaxNoteLength, note);
        if (!errors.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Invalid acknowledgement"), errors);
    }
    const auto acknowledged = m_alerts.acknowledge(id, by, note, m_clock->now());
    if (!acknowledged.ok())
        return ApiResponse::storageError(acknowledged.error());
    if (!acknowledged.value())
        return ApiResponse::error(404, QStringLiteral("Alert not found"));
    return ApiResponse::json(200,
        { { QStringLiteral("message"), QStringLiteral("Alert acknowledged") },
            { QStringLiteral("alert"), AlertsJson::alert(*acknowledged.value()) } });
}
