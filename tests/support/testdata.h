#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace TestData {

// A JSON object from tests/data (copies of the contract's sample payloads, among others).
inline QJsonObject payload(const QString &name)
{
    QFile file(QStringLiteral(VIBESTREAM_TEST_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test payload %s", qPrintable(name));
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace TestData
