#include "alertwebhook.h"

#include "alertsjson.h"

#include "logging.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

AlertWebhook::AlertWebhook(int firstRetryMs, QObject *parent)
    : QObject(parent)
    , m_firstRetryMs(firstRetryMs)
{ }

AlertWebhook::~AlertWebhook() = default;

void AlertWebhook::setUrl(const QUrl &url)
{
    m_url = url;
}

void AlertWebhook::deliver(const EvaluationResult &result)
{
    if (m_url.isEmpty())
        return;
    for (const QList<Alert> *alerts : { &result.raised, &result.resolved }) {
        for (const Alert &alert : *alerts)
            post(QJsonDocument(AlertsJson::alert(alert)).toJson(QJsonDocument::Compact), alert.id, 1);
    }
}

void AlertWebhook::post(const QByteArray &body, const QString &alertId, int attempt)
{
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, alertId, attempt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status / 100 == 2)
            return emit delivered(alertId, true, attempt);
        if (attempt >= Attempts) {
            qCWarning(lcAlerts) << "Gave up delivering alert" << alertId << "to" << m_url.toString() << "after"
                                << attempt << "attempts:" << reply->errorString();
            return emit delivered(alertId, false, attempt);
        }
        // 1, 2, 4, 8, 16 seconds: a webhook that is down for a restart gets the alert once it is back.
        const int delayMs = m_firstRetryMs << (attempt - 1);
        QTimer::singleShot(delayMs, this, [this, body, alertId, attempt] { post(body, alertId, attempt + 1); });
    });
}
