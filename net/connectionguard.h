#pragma once

#include "apilimits.h"

#include <QObject>

class QTcpSocket;
class QTimer;

/**
 * Watches one connection ahead of QHttpServer, which in Qt 6.4 reads headers without bound, buffers
 * any body whole before a handler runs, and never closes an idle connection.
 *
 * Connected to readyRead before QHttpServer, it peeks at the bytes QHttpServer is about to read and
 * follows the request boundaries: headers beyond the limit are answered 431, a Content-Length beyond
 * the route's limit 413, a body without Content-Length (chunked) 411 — before the body is buffered.
 * A refused connection stops feeding QHttpServer, gets its answer, and is closed once the peer has
 * had it. A connection silent for the idle timeout is closed.
 */
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const ApiLimits &limits);
    ~ConnectionGuard() override;

private:
    void inspect();
    // Consumes `data` (bytes QHttpServer has not read yet); false once the request was refused.
    bool follow(QByteArrayView data);
    bool headersComplete();
    void refuse(int status, const QByteArray &reason, const QString &message);
    void discardInput();

    QTcpSocket *m_socket;
    const ApiLimits m_limits;
    QTimer *m_idleTimer;
    QByteArray m_headers; // headers of the current request so far
    qint64 m_bodyRemaining = 0; // body bytes of the current request still to come
    bool m_refused = false;
};
