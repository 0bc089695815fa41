#pragma once

#include "apimessages.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>

class QTcpSocket;

/**
 * Writes HTTP answers to their connections in request order. Qt 6.4's QHttpServer offers no safe way
 * to answer after the handler returns (a moved QHttpServerResponder keeps a raw socket pointer, a
 * QFuture route crashes when the client goes first), and ingestion answers only after COMMIT. So every
 * request reserves a place on its connection, the answer fills it when ready, and the queue writes the
 * answers that are next in line. A connection closed meanwhile just drops its answers.
 */
class ResponseQueue : public QObject
{
    Q_OBJECT
public:
    struct Ticket
    {
        QPointer<QTcpSocket> socket;
        quint64 sequence = 0;
    };

    explicit ResponseQueue(QObject *parent = nullptr);

    // `closeAfter`: the client asked to close the connection after this answer.
    Ticket reserve(QTcpSocket *socket, bool closeAfter);
    void fulfil(const Ticket &ticket, const ApiResponse &response);

    static QByteArray serialize(const ApiResponse &response, bool closeAfter);

private:
    struct Place
    {
        quint64 sequence;
        bool closeAfter;
        QByteArray bytes; // empty until answered
    };
    struct Connection
    {
        quint64 nextSequence = 0;
        std::deque<Place> places;
    };

    QHash<QTcpSocket *, Connection> m_connections;
};
