#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

#include <variant>

// A row to insert, as plain values: cheaper to build than QVariants, and bound by each dialect in
// its own way (times as epoch milliseconds in SQLite, as timestamps in PostgreSQL).
using SqlValue = std::variant<std::monostate, qint64, double, QString, QDateTime>;
using SqlRow = QList<SqlValue>;
