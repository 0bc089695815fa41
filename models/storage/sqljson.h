#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

// JSON objects in columns: JSONB in PostgreSQL, text in SQLite; both read back as text.
inline QString compactJson(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

inline QJsonObject jsonObject(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}
