#include "alerttablemodel.h"

#include <QLocale>

AlertTableModel::AlertTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

AlertTableModel::~AlertTableModel() = default;

void AlertTableModel::setAlerts(const QList<Alert> &alerts)
{
    const bool sameRows = alerts.size() == m_alerts.size()
        && std::equal(alerts.cbegin(), alerts.cend(), m_alerts.cbegin(),
            [](const Alert &a, const Alert &b) { return a.id == b.id; });
    if (!sameRows) {
        beginResetModel();
        m_alerts = alerts;
        endResetModel();
        return;
    }
    m_alerts = alerts;
    if (!m_alerts.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_alerts.size()) - 1, ColumnCount - 1));
}

qsizetype AlertTableModel::unresolvedCount() const
{
    return std::count_if(
        m_alerts.cbegin(), m_alerts.cend(), [](const Alert &alert) { return alert.state() != AlertState::Resolved; });
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Alert &a = m_alerts.at(index.row());
    switch (role) {
    case SeverityRole:
        return int(a.severity);
    case StateRole:
        return int(a.state());
    case Qt::ToolTipRole:
        return a.message;
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return QVariant();
    }
    const bool display = role == Qt::DisplayRole;
    const QLocale locale;
    auto time = [&](const QDateTime &t) {
        return display ? QVariant(locale.toString(t.toLocalTime(), QLocale::ShortFormat)) : QVariant(t);
    };
    switch (Columns(index.column())) {
    case Severity:
        return display ? QVariant(spelling(a.severity)) : QVariant(int(a.severity));
    case State:
        return display ? QVariant(spelling(a.state())) : QVariant(int(a.state()));
    case Type:
        return a.type;
    case Scope:
        return a.scope == AlertScope::Global ? spelling(a.scope) : spelling(a.scope) + u' ' + a.scopeKey;
    case Message:
        return a.message;
    case Value:
        return display ? QVariant(locale.toString(a.lastValue, 'f', 2)) : QVariant(a.lastValue);
    case FirstSeen:
        return time(a.firstSeen);
    case LastSeen:
        return time(a.lastSeen);
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    static const char *const titles[ColumnCount]
        = { QT_TR_NOOP("Severity"), QT_TR_NOOP("State"), QT_TR_NOOP("Type"), QT_TR_NOOP("Scope"), QT_TR_NOOP("Message"),
              QT_TR_NOOP("Value"), QT_TR_NOOP("First seen"), QT_TR_NOOP("Last seen") };
    return tr(titles[section]);
}
