#include "apimessages.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

QJsonArray ApiResponse::detailsJson(const QList<FieldError> &details)
{
    QJsonArray array;
    for (const FieldError &detail : details)
        array.append(
            QJsonObject { { QStringLiteral("field"), detail.field }, { QStringLiteral("message"), detail.message } });
    return array;
}

ApiResponse ApiResponse::error(int status, const QString &message, const QList<FieldError> &details)
{
    QJsonObject body { { QStringLiteral("error"), message } };
    if (!details.isEmpty())
        body.insert(QStringLiteral("details"), detailsJson(details));
    return json(status, body);
}

ApiResponse ApiResponse::storageError(const StorageError &error)
{
    switch (error.kind) {
    case StorageError::Kind::Unavailable: {
        ApiResponse response = ApiResponse::error(503, u"The database is unavailable: " + error.message);
        response.addHeader("Retry-After", "5");
        return response;
    }
    case StorageError::Kind::Busy: {
        ApiResponse response = ApiResponse::error(503, error.message);
        response.addHeader("Retry-After", "1");
        return response;
    }
    case StorageError::Kind::Failed:
        break;
    }
    // The database's own words go to the log, not to peers.
    qCWarning(lcHttp) << "Storage failed:" << error.message;
    return ApiResponse::error(500, QStringLiteral("Storage failed; nothing of this request was stored"));
}
