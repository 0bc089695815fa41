#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

/** A blocking HTTP client over QNetworkAccessManager for tests: real HTTP to 127.0.0.1. */
class HttpClient
{
public:
    struct Reply
    {
        int status = 0; // 0: no HTTP answer (connection error)
        QByteArray body;
        QList<QNetworkReply::RawHeaderPair> headers;
        QString networkError;

        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
        QByteArray header(const QByteArray &name) const;
    };

    explicit HttpClient(const QUrl &base);

    Reply get(const QString &path);
    Reply post(const QString &path, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = { { "Content-Type", "application/json" } });
    Reply postJson(const QString &path, const QJsonObject &json);
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QList<QPair<QByteArray, QByteArray>> &headers = {});

    // Sends raw bytes over a new TCP connection and returns everything the server sends back until it
    // closes the connection or `waitMs` passes.
    QByteArray raw(const QList<QByteArray> &pieces, int waitMs = 3000, int pauseBetweenPiecesMs = 0);

    QUrl url(const QString &path) const;

private:
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

// gzip of `data` (RFC 1952), for requests sent with Content-Encoding: gzip.
QByteArray gzipped(const QByteArray &data);
