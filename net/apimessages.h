#pragma once

#include "domain/fielderror.h"
#include "storage/storageresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

/** An HTTP request as the API handlers see it, independent of the server library. */
struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray path; // as sent, still percent-encoded
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first header of that name, compared without regard to case.
    QByteArray header(QByteArrayView name) const;
};

/** What the API answers: a status, a body and its headers (Content-Length is added when sent). */
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.emplaceBack(name, value); }

    static ApiResponse json(int status, const QJsonObject &object);
    // The contract's error body: {"error": message, "details": [{"field", "message"}...]}.
    static ApiResponse error(int status, const QString &message, const QList<FieldError> &details = {});
    static QJsonArray detailsJson(const QList<FieldError> &details);
    // 503 with Retry-After when storage is unavailable or busy, 500 when it failed.
    static ApiResponse storageError(const StorageError &error);
};
