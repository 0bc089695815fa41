#include "httpclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>

#include <zlib.h>

QByteArray HttpClient::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

HttpClient::HttpClient(const QUrl &base)
    : m_base(base)
{ }

QUrl HttpClient::url(const QString &path) const
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

HttpClient::Reply HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url(path));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

HttpClient::Reply HttpClient::get(const QString &path)
{
    return send("GET", path);
}

HttpClient::Reply HttpClient::post(
    const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("POST", path, body, headers);
}

HttpClient::Reply HttpClient::postJson(const QString &path, const QJsonObject &json)
{
    return post(path, QJsonDocument(json).toJson(QJsonDocument::Compact));
}

QByteArray HttpClient::raw(const QList<QByteArray> &pieces, int waitMs, int pauseBetweenPiecesMs)
{
    QTcpSocket socket;
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    if (!socket.waitForConnected(waitMs))
        return QByteArray();
    for (const QByteArray &piece : pieces) {
        socket.write(piece);
        socket.waitForBytesWritten(waitMs);
        if (pauseBetweenPiecesMs > 0)
            QTest::qWait(pauseBetweenPiecesMs);
    }
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < waitMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(int(std::max<qint64>(1, waitMs - timer.elapsed()))))
            answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

QByteArray gzipped(const QByteArray &data)
{
    z_stream stream {};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}
