#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QQueue>
#include <QUrl>

/**
 * Posts JSON bodies to the console with a bounded number of requests in flight (the rest wait in
 * order), and counts what came back: answered 2xx, failed (any other status or no answer), and how
 * long each took.
 */
class LoadSender : public QObject
{
    Q_OBJECT
public:
    explicit LoadSender(int maxInFlight, QObject *parent = nullptr);

    void post(const QUrl &url, const QByteArray &body);
    bool isIdle() const { return m_inFlight == 0 && m_waiting.isEmpty(); }

    qint64 sent() const { return m_sent; }
    qint64 succeeded() const { return m_succeeded; }
    qint64 failed() const { return m_failed; }
    // Of every answer so far, in milliseconds.
    double latencyPercentile(double fraction) const;
    // Of the answers since the last call, in milliseconds (0 when there were none).
    double recentLatencyPercentile(double fraction);
    QString firstFailure() const { return m_firstFailure; }

signals:
    void idle();

private:
    void sendNext();

    QNetworkAccessManager m_network;
    int m_maxInFlight;
    int m_inFlight = 0;
    QQueue<std::pair<QUrl, QByteArray>> m_waiting;
    qint64 m_sent = 0;
    qint64 m_succeeded = 0;
    qint64 m_failed = 0;
    QList<double> m_latenciesMs;
    QList<double> m_recentLatenciesMs;
    QString m_firstFailure;
};
