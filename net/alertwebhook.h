#pragma once

#include "alerts/alertevaluator.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

/**
 * Posts every raised and resolved alert as JSON (AlertsJson::alert) to the operator's webhook URL.
 * A delivery that fails (no answer, or any status but 2xx) is tried again after 1, 2, 4, 8 and 16
 * seconds (by default), then given up and logged. It runs on the thread that owns it, asynchronously: neither
 * ingestion nor the rules wait for it.
 */
class AlertWebhook : public QObject
{
    Q_OBJECT
public:
    // `firstRetryMs`: the first back-off, doubled at each retry.
    explicit AlertWebhook(int firstRetryMs = FirstRetryMs, QObject *parent = nullptr);
    ~AlertWebhook() override;

    // An empty URL turns delivery off.
    void setUrl(const QUrl &url);
    void deliver(const EvaluationResult &result);

    static constexpr int Attempts = 6;
    static constexpr int FirstRetryMs = 1000;

signals:
    // After the last attempt of one alert's delivery.
    void delivered(const QString &alertId, bool succeeded, int attempts);

private:
    void post(const QByteArray &body, const QString &alertId, int attempt);

    QNetworkAccessManager m_network;
    QUrl m_url;
    int m_firstRetryMs;
};
