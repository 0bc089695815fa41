// SqlRepository's AlertStore side: the p2p_alerts table (migration 003).
#include "sqlrepository.h"

#include "sqljson.h"

#include <QSqlQuery>

namespace {

const QString s_alertColumns = QStringLiteral(
    "id, alert_type, severity, scope, scope_key, message, details, last_value, peak_value, first_seen, last_seen, "
    "resolved_at, acknowledged_at, acknowledged_by, acknowledgement_note");

QString selectionCondition(AlertSelection selection)
{
    switch (selection) {
    case AlertSelection::Active:
        return QStringLiteral("resolved_at IS NULL AND acknowledged_at IS NULL");
    case AlertSelection::Acknowledged:
        return QStringLiteral("resolved_at IS NULL AND acknowledged_at IS NOT NULL");
    case AlertSelection::Resolved:
        return QStringLiteral("resolved_at IS NOT NULL");
    case AlertSelection::Unresolved:
        return QStringLiteral("resolved_at IS NULL");
    case AlertSelection::All:
        break;
    }
    return QStringLiteral("1 = 1");
}

// A global rule's key is empty; bound as a null QString it would be NULL, which the column refuses.
QString keyOf(const Alert &alert)
{
    return alert.scopeKey.isNull() ? QStringLiteral("") : alert.scopeKey;
}

} // namespace

Alert SqlRepository::alertFrom(const QSqlQuery &q) const
{
    auto time = [&](int column) {
        return q.value(column).isNull() ? std::optional<QDateTime>()
                                        : std::optional<QDateTime>(m_dialect.timeFromValue(q.value(column)));
    };
    Alert alert;
    alert.id = q.value(0).toString();
    alert.type = q.value(1).toString();
    // Only validated spellings are ever stored.
    alert.severity = enumFromString<Severity>(q.value(2).toString()).value_or(Severity::Medium);
    alert.scope = enumFromString<AlertScope>(q.value(3).toString()).value_or(AlertScope::Global);
    alert.scopeKey = q.value(4).toString();
    alert.message = q.value(5).toString();
    alert.details = jsonObject(q.value(6).toString());
    alert.lastValue = q.value(7).toDouble();
    alert.peakValue = q.value(8).toDouble();
    alert.firstSeen = m_dialect.timeFromValue(q.value(9));
    alert.lastSeen = m_dialect.timeFromValue(q.value(10));
    alert.resolvedAt = time(11);
    alert.acknowledgedAt = time(12);
    alert.acknowledgedBy = q.value(13).toString();
    alert.acknowledgementNote = q.value(14).toString();
    return alert;
}

StorageResult<QList<Alert>> SqlRepository::alerts(AlertSelection selection, qsizetype limit)
{
    return readAlerts(selectionCondition(selection), {}, limit);
}

StorageResult<QList<Alert>> SqlRepository::alertsDuring(const TimeWindow &window)
{
    return readAlerts(QStringLiteral("first_seen <= ? AND (resolved_at IS NULL OR resolved_at > ?)"),
        { m_dialect.timeValue(window.to), m_dialect.timeValue(window.from) }, std::nullopt);
}

StorageResult<QList<Alert>> SqlRepository::readAlerts(
    const QString &condition, QVariantList values, std::optional<qsizetype> limit)
{
    if (auto error = connect())
        return *error;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT %1 FROM p2p_alerts WHERE %2 ORDER BY first_seen DESC, %3 DESC")
                      .arg(s_alertColumns, condition, m_dialect.binaryOrder(QStringLiteral("id")));
    if (limit) {
        sql += QStringLiteral(" LIMIT ?");
        values.append(qint64(*limit));
    }
    if (auto error = run(query, sql, values, QStringLiteral("Could not read alerts")))
        return *error;
    QList<Alert> list;
    while (query.next())
        list.append(alertFrom(query));
    return list;
}

StorageResult<Alert> SqlRepository::raise(const Alert &alert)
{
    if (auto error = connect())
        return *error;
    QSqlQuery query(m_database);
    // The partial unique index turns a second unresolved alert for the same key into no row at all.
    const QString insert = QStringLiteral("INSERT INTO p2p_alerts (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                          "NULL, NULL, NULL, NULL) ON CONFLICT DO NOTHING")
                               .arg(s_alertColumns);
    if (auto error = run(query, insert,
            { alert.id, alert.type, spelling(alert.severity), spelling(alert.scope), keyOf(alert), alert.message,
                compactJson(alert.details), alert.lastValue, alert.peakValue, m_dialect.timeValue(alert.firstSeen),
                m_dialect.timeValue(alert.lastSeen) },
            QStringLiteral("Could not store the alert")))
        return *error;
    if (query.numRowsAffected() == 1)
        return alert;
    const QString existing = QStringLiteral("SELECT %1 FROM p2p_alerts WHERE alert_type = ? AND scope = ? AND "
                                            "scope_key = ? AND resolved_at IS NULL")
                                 .arg(s_alertColumns);
    if (auto error = run(query, existing, { alert.type, spelling(alert.scope), keyOf(alert) },
            QStringLiteral("Could not read the alert raised meanwhile")))
        return *error;
    if (!query.next())
        return StorageError { StorageError::Kind::Failed, QStringLiteral("The alert was neither stored nor found") };
    return alertFrom(query);
}

std::optional<StorageError> SqlRepository::update(const Alert &alert)
{
    if (auto error = connect())
        return error;
    QSqlQuery query(m_database);
    return run(query,
        QStringLiteral("UPDATE p2p_alerts SET last_value = ?, peak_value = ?, message = ?, details = ?, last_seen = ? "
                       "WHERE id = ?"),
        { alert.lastValue, alert.peakValue, alert.message, compactJson(alert.details),
            m_dialect.timeValue(alert.lastSeen), alert.id },
        QStringLiteral("Could not update the alert"));
}

std::optional<StorageError> SqlRepository::resolve(const QString &id, const QDateTime &at)
{
    if (auto error = connect())
        return error;
    QSqlQuery query(m_database);
    return run(query, QStringLiteral("UPDATE p2p_alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL"),
        { m_dialect.timeValue(at), id }, QStringLiteral("Could not resolve the alert"));
}

StorageResult<std::optional<Alert>> SqlRepository::acknowledge(
    const QString &id, const QString &by, const QString &note, const QDateTime &at)
{
    if (auto error = connect())
        return *error;
    QSqlQuery query(m_database);
    if (auto error = run(query,
            QStringLiteral("UPDATE p2p_alerts SET acknowledged_at = ?, acknowledged_by = ?, acknowledgement_note = ? "
                           "WHERE id = ? AND acknowledged_at IS NULL AND resolved_at IS NULL"),
            { m_dialect.timeValue(at), by, note, id }, QStringLiteral("Could not acknowledge the alert")))
        return *error;
    if (auto error = run(query, QStringLiteral("SELECT %1 FROM p2p_alerts WHERE id = ?").arg(s_alertColumns), { id },
            QStringLiteral("Could not read the alert")))
        return *error;
    if (!query.next())
        return std::optional<Alert>();
    return std::optional<Alert>(alertFrom(query));
}
