#include "responsequeue.h"

#include <QTcpSocket>

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

ResponseQueue::ResponseQueue(QObject *parent)
    : QObject(parent)
{ }

QByteArray ResponseQueue::serialize(const ApiResponse &response, bool closeAfter)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: " + response.contentType
        + "\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        bytes += name + ": " + value + "\r\n";
    if (closeAfter)
        bytes += "Connection: close\r\n";
    return bytes + "\r\n" + response.body;
}

ResponseQueue::Ticket ResponseQueue::reserve(QTcpSocket *socket, bool closeAfter)
{
    auto found = m_connections.find(socket);
    if (found == m_connections.end()) {
        found = m_connections.insert(socket, Connection());
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    }
    const quint64 sequence = found->nextSequence++;
    found->places.push_back({ sequence, closeAfter, QByteArray() });
    return { socket, sequence };
}

void ResponseQueue::fulfil(const Ticket &ticket, const ApiResponse &response)
{
    if (!ticket.socket)
        return; // the client went away; nothing to answer
    auto found = m_connections.find(ticket.socket.data());
    if (found == m_connections.end())
        return;
    std::deque<Place> &places = found->places;
    for (Place &place : places) {
        if (place.sequence == ticket.sequence) {
            place.bytes = serialize(response, place.closeAfter);
            break;
        }
    }
    // Write every answer that is next in line.
    QTcpSocket *socket = ticket.socket.data();
    while (!places.empty() && !places.front().bytes.isEmpty()) {
        const Place place = std::move(places.front());
        places.pop_front();
        socket->write(place.bytes);
        if (place.closeAfter) {
            socket->disconnectFromHost();
            places.clear();
        }
    }
    socket->flush();
}
