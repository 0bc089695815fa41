#include "loadsender.h"

#include <QNetworkReply>

#include <algorithm>
#include <cmath>

LoadSender::LoadSender(int maxInFlight, QObject *parent)
    : QObject(parent)
    , m_maxInFlight(maxInFlight)
{ }

void LoadSender::post(const QUrl &url, const QByteArray &body)
{
    m_waiting.enqueue({ url, body });
    sendNext();
}

void LoadSender::sendNext()
{
    while (m_inFlight < m_maxInFlight && !m_waiting.isEmpty()) {
        const auto [url, body] = m_waiting.dequeue();
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_network.post(request, body);
        ++m_inFlight;
        ++m_sent;
        connect(reply, &QNetworkReply::finished, this, [this, reply, timer] {
            reply->deleteLater();
            --m_inFlight;
            m_latenciesMs.append(double(timer.nsecsElapsed()) / 1e6);
            m_recentLatenciesMs.append(m_latenciesMs.constLast());
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
                ++m_succeeded;
            } else {
                ++m_failed;
                if (m_firstFailure.isEmpty())
                    m_firstFailure = status > 0
                        ? QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(reply->readAll().left(300)))
                        : reply->errorString();
            }
            sendNext();
            if (isIdle())
                emit idle();
        });
    }
}

namespace {

double percentileOf(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(fraction * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

} // namespace

double LoadSender::latencyPercentile(double fraction) const
{
    return percentileOf(m_latenciesMs, fraction);
}

double LoadSender::recentLatencyPercentile(double fraction)
{
    return percentileOf(std::exchange(m_recentLatenciesMs, {}), fraction);
}
