#pragma once

#include "apimessages.h"

#include <optional>

// Query parameters and answers shared by the GET endpoints.

struct IntParameter
{
    const char *name;
    int min;
    int max;
    int fallback;
};

// A query parameter that must be an integer in a range; absent gives the fallback.
std::optional<int> intParameter(const ApiRequest &request, const IntParameter &parameter, QList<FieldError> &errors);

// 400 naming every faulty parameter.
ApiResponse badParameters(const QList<FieldError> &errors);

// 200 with the encoded value, or the storage error's answer.
template<typename T, typename Encode> ApiResponse answer(const StorageResult<T> &result, Encode encode)
{
    if (!result.ok())
        return ApiResponse::storageError(result.error());
    return ApiResponse::json(200, encode(result.value()));
}
