#include "connectionguard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace {

constexpr QByteArrayView HeaderEnd("\r\n\r\n");
constexpr int LingerMs = 2000; // how long a refused connection may still send before it is cut

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ApiLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_idleTimer(new QTimer(this))
{
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_limits.idleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, m_socket, &QTcpSocket::disconnectFromHost);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
    connect(m_socket, &QTcpSocket::bytesWritten, m_idleTimer, qOverload<>(&QTimer::start));
    m_idleTimer->start();
}

ConnectionGuard::~ConnectionGuard() = default;

void ConnectionGuard::inspect()
{
    m_idleTimer->start();
    if (m_refused) {
        discardInput();
        return;
    }
    const QByteArray unread = m_socket->peek(m_socket->bytesAvailable());
    follow(unread);
}

bool ConnectionGuard::follow(QByteArrayView data)
{
    while (!data.isEmpty()) {
        if (m_bodyRemaining > 0) {
            const qint64 taken = std::min<qint64>(m_bodyRemaining, data.size());
            m_bodyRemaining -= taken;
            data = data.sliced(taken);
            continue;
        }
        // In the headers: look for their end in what came before plus this data.
        const qsizetype before = m_headers.size();
        m_headers.append(data);
        const qsizetype end = m_headers.indexOf(HeaderEnd, std::max<qsizetype>(0, before - 3));
        if (end > m_limits.maxHeaderBytes || (end < 0 && m_headers.size() > m_limits.maxHeaderBytes)) {
            refuse(431, "Request Header Fields Too Large",
                QStringLiteral("The request line and headers exceed %1 bytes").arg(m_limits.maxHeaderBytes));
            return false;
        }
        if (end < 0)
            return true;
        data = data.sliced(end + HeaderEnd.size() - before);
        m_headers.truncate(end);
        if (!headersComplete())
            return false;
        m_headers.clear();
    }
    return true;
}

bool ConnectionGuard::headersComplete()
{
    const QList<QByteArray> lines = m_headers.split('\n');
    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    const QByteArray path = requestLine.size() > 1 ? requestLine.at(1) : QByteArray();
    qint64 contentLength = 0;
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                refuse(400, "Bad Request", QStringLiteral("Content-Length is not a number"));
                return false;
            }
        } else if (name == "transfer-encoding" && value.toLower().contains("chunked")) {
            chunked = true;
        }
    }
    if (chunked) {
        refuse(411, "Length Required", QStringLiteral("Send the body with a Content-Length, not chunked"));
        return false;
    }
    const bool batch = path.startsWith("/api/p2p/analytics/batch");
    const qsizetype limit = batch ? m_limits.maxBatchBytes : m_limits.maxRecordBytes;
    if (contentLength > limit) {
        refuse(413, "Payload Too Large",
            QStringLiteral("The body of %1 bytes exceeds the limit of %2 bytes").arg(contentLength).arg(limit));
        return false;
    }
    m_bodyRemaining = contentLength;
    return true;
}

void ConnectionGuard::refuse(int status, const QByteArray &reason, const QString &message)
{
    m_refused = true;
    // Stop QHttpServer from reading this request: it is disconnected before its slot runs for this signal.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();

    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("error"), message } }).toJson(QJsonDocument::Compact);
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->flush();
    // Close only the sending side, and keep reading what the peer still sends: closing with unread data
    // would reset the connection and could destroy the answer before the peer reads it.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    discardInput();
    m_idleTimer->setInterval(LingerMs);
    m_idleTimer->start();
    disconnect(m_idleTimer, &QTimer::timeout, m_socket, &QTcpSocket::disconnectFromHost);
    connect(m_idleTimer, &QTimer::timeout, m_socket, &QTcpSocket::abort);
}

void ConnectionGuard::discardInput()
{
    m_socket->skip(m_socket->bytesAvailable());
}
