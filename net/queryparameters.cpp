#include "queryparameters.h"

std::optional<int> intParameter(const ApiRequest &request, const IntParameter &parameter, QList<FieldError> &errors)
{
    const QString name = QString::fromLatin1(parameter.name);
    if (!request.query.hasQueryItem(name))
        return parameter.fallback;
    bool ok = false;
    const int value = request.query.queryItemValue(name, QUrl::FullyDecoded).toInt(&ok);
    if (!ok || value < parameter.min || value > parameter.max) {
        errors.append(
            { name, QStringLiteral("must be an integer between %1 and %2").arg(parameter.min).arg(parameter.max) });
        return std::nullopt;
    }
    return value;
}

ApiResponse badParameters(const QList<FieldError> &errors)
{
    return ApiResponse::error(400, QStringLiteral("Invalid query parameter"), errors);
}
