#pragma once

#include <QUrl>

// A webhook must be an absolute http or https URL with a host.
inline bool isWebhookUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}
