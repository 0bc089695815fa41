#include "alertwebhook.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

// A webhook receiver on 127.0.0.1 that answers each request with the next status of its list.
class Receiver : public QObject
{
public:
    explicit Receiver(QList<int> statuses)
        : m_statuses(std::move(statuses))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort())); }
    QList<QJsonObject> bodies;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const qsizetype lengthAt = buffer.toLower().indexOf("content-length:");
        const qsizetype length
            = buffer.mid(lengthAt + 15, buffer.indexOf("\r\n", lengthAt) - lengthAt - 15).trimmed().toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        bodies.append(QJsonDocument::fromJson(buffer.mid(headerEnd + 4, length)).object());
        buffer.clear();
        const int status = m_statuses.isEmpty() ? 200 : m_statuses.takeFirst();
        socket->write(
            "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<int> m_statuses;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

class TestAlertWebhook : public QObject
{
    Q_OBJECT

private:
    static EvaluationResult oneRaised()
    {
        Alert alert;
        alert.id = QStringLiteral("a1");
        alert.type = QStringLiteral("HighLatency");
        alert.severity = Severity::High;
        alert.message = QStringLiteral("Average latency 300.0 ms");
        alert.firstSeen = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
        alert.lastSeen = alert.firstSeen;
        EvaluationResult result;
        result.raised.append(alert);
        return result;
    }

private slots:
    void postsTheAlertAndRetriesAfterAFailure()
    {
        Receiver receiver({ 500 });
        AlertWebhook webhook(50);
        webhook.setUrl(receiver.url());
        QSignalSpy delivered(&webhook, &AlertWebhook::delivered);
        webhook.deliver(oneRaised());
        QVERIFY(delivered.wait(10000));
        QCOMPARE(delivered.at(0).at(0).toString(), QStringLiteral("a1"));
        QCOMPARE(delivered.at(0).at(1).toBool(), true);
        QCOMPARE(delivered.at(0).at(2).toInt(), 2); // the 500, then the 200
        QCOMPARE(receiver.bodies.size(), 2);
        QCOMPARE(receiver.bodies.at(1).value(u"alert_type").toString(), QStringLiteral("HighLatency"));
        QCOMPARE(receiver.bodies.at(1).value(u"severity").toString(), QStringLiteral("High"));
        QCOMPARE(receiver.bodies.at(1).value(u"resolved").toBool(), false);
    }

    void givesUpAfterTheLastAttempt()
    {
        Receiver receiver(QList<int>(AlertWebhook::Attempts, 503));
        AlertWebhook webhook(10);
        webhook.setUrl(receiver.url());
        QSignalSpy delivered(&webhook, &AlertWebhook::delivered);
        webhook.deliver(oneRaised());
        QVERIFY(delivered.wait(10000));
        QCOMPARE(delivered.at(0).at(1).toBool(), false);
        QCOMPARE(delivered.at(0).at(2).toInt(), AlertWebhook::Attempts);
        QCOMPARE(receiver.bodies.size(), AlertWebhook::Attempts);
    }

    void noUrlNoDelivery()
    {
        AlertWebhook webhook;
        QSignalSpy delivered(&webhook, &AlertWebhook::delivered);
        webhook.deliver(oneRaised());
        QVERIFY(!delivered.wait(200));
    }
};

QTEST_GUILESS_MAIN(TestAlertWebhook)
#include "tst_alertwebhook.moc"
