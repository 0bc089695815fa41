#include "jsonbody.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <zlib.h>

std::optional<QByteArray> gunzip(const QByteArray &compressed, qsizetype maxBytes, bool *tooLarge)
{
    *tooLarge = false;
    z_stream stream {};
    // 16 + MAX_WBITS: expect a gzip header, not a raw zlib one.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return std::nullopt;
    QByteArray output;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    int status = Z_OK;
    constexpr qsizetype Chunk = 64 * 1024;
    while (status == Z_OK) {
        if (output.size() > maxBytes) {
            *tooLarge = true;
            break;
        }
        const qsizetype before = output.size();
        output.resize(before + Chunk);
        stream.next_out = reinterpret_cast<Bytef *>(output.data() + before);
        stream.avail_out = static_cast<uInt>(Chunk);
        status = inflate(&stream, Z_NO_FLUSH);
        output.resize(before + Chunk - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // truncated input
    }
    inflateEnd(&stream);
    if (output.size() > maxBytes)
        *tooLarge = true;
    if (*tooLarge || status != Z_STREAM_END)
        return std::nullopt;
    return output;
}

std::variant<QJsonObject, ApiResponse> jsonBodyOf(const ApiRequest &request, qsizetype maxBytes)
{
    const QByteArray contentType = request.header("Content-Type");
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    if (mediaType != "application/json") {
        return ApiResponse::error(415, QStringLiteral("The body must be JSON, sent as Content-Type: application/json"));
    }

    QByteArray body = request.body;
    const QByteArray encoding = request.header("Content-Encoding").trimmed().toLower();
    if (encoding == "gzip") {
        bool tooLarge = false;
        std::optional<QByteArray> inflated = gunzip(body, maxBytes, &tooLarge);
        if (tooLarge)
            return ApiResponse::error(413, QStringLiteral("The inflated body is larger than %1 bytes").arg(maxBytes));
        if (!inflated)
            return ApiResponse::error(400, QStringLiteral("The body is not a valid gzip stream"));
        body = std::move(*inflated);
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return ApiResponse::error(
            415, u"Unsupported Content-Encoding " + QString::fromLatin1(encoding) + u" (use gzip)");
    }
    if (body.size() > maxBytes)
        return ApiResponse::error(413, QStringLiteral("The body is larger than %1 bytes").arg(maxBytes));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ApiResponse::error(400,
            QStringLiteral("Malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    }
    if (!document.isObject())
        return ApiResponse::error(422, QStringLiteral("The body must be a JSON object"));
    return document.object();
}
