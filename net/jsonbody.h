#pragma once

#include "apimessages.h"

#include <QJsonObject>

#include <variant>

/**
 * The JSON object a request carries, or the error response that refuses it: the media type must be
 * application/json (415), a gzip body is inflated (Content-Encoding: gzip), the body may not exceed
 * `maxBytes` once inflated (413), and it must parse (400) to an object (422).
 */
std::variant<QJsonObject, ApiResponse> jsonBodyOf(const ApiRequest &request, qsizetype maxBytes);

// Inflates a gzip stream, refusing output beyond maxBytes. Nothing on a corrupt stream or when too large
// (*tooLarge tells which).
std::optional<QByteArray> gunzip(const QByteArray &compressed, qsizetype maxBytes, bool *tooLarge);
