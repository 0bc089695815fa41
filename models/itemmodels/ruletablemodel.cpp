#include "ruletablemodel.h"

#include "alerts/rulefigures.h"

RuleTableModel::RuleTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

RuleTableModel::~RuleTableModel() = default;

void RuleTableModel::setRules(const QList<AlertRule> &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

int RuleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RuleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const AlertRule &rule = m_rules.at(index.row());
    if (index.column() == Enabled)
        return role == Qt::CheckStateRole ? QVariant(rule.enabled ? Qt::Checked : Qt::Unchecked) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == Type)
        return RuleFigures::unitOf(rule.type).isEmpty()
            ? RuleFigures::nameOf(rule.type)
            : QString(RuleFigures::nameOf(rule.type) + u" (" + RuleFigures::unitOf(rule.type) + u')');
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return QVariant();
    switch (Columns(index.column())) {
    case Type:
        return spelling(rule.type);
    case Scope:
        return spelling(rule.scope);
    case RaiseAt:
        return rule.raiseAt;
    case ClearAt:
        return rule.clearAt;
    case Window:
        return rule.windowSeconds;
    case MinimumDuration:
        return rule.minimumDurationSeconds;
    case MinimumSamples:
        return rule.minimumSamples;
    case Severity:
        return spelling(rule.severity);
    case Enabled:
    case ColumnCount:
        break;
    }
    return QVariant();
}

bool RuleTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    AlertRule edited = m_rules.at(index.row());
    bool ok = true;
    if (index.column() == Enabled) {
        if (role != Qt::CheckStateRole)
            return false;
        edited.enabled = value.toInt() == Qt::Checked;
    } else if (role == Qt::EditRole) {
        switch (Columns(index.column())) {
        case RaiseAt:
            edited.raiseAt = value.toDouble(&ok);
            ok = ok && edited.raiseAt >= 0 && edited.raiseAt != edited.clearAt;
            break;
        case ClearAt:
            edited.clearAt = value.toDouble(&ok);
            ok = ok && edited.clearAt >= 0 && edited.clearAt != edited.raiseAt;
            break;
        case Window:
            edited.windowSeconds = value.toLongLong(&ok);
            ok = ok && edited.windowSeconds >= 10;
            break;
        case MinimumDuration:
            edited.minimumDurationSeconds = value.toLongLong(&ok);
            ok = ok && edited.minimumDurationSeconds >= 0;
            break;
        case MinimumSamples:
            edited.minimumSamples = value.toLongLong(&ok);
            ok = ok && edited.minimumSamples >= 1;
            break;
        case Severity: {
            const auto severity = enumFromString<::Severity>(value.toString());
            ok = severity.has_value();
            edited.severity = severity.value_or(edited.severity);
            break;
        }
        default:
            return false;
        }
    } else {
        return false;
    }
    // A direction flip would turn the rule inside out: keep which side is bad.
    ok = ok && edited.highIsBad() == m_rules.at(index.row()).highIsBad();
    if (!ok)
        return false;
    m_rules[index.row()] = edited;
    emit dataChanged(index, index, { role });
    return true;
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags base = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return base;
    if (index.column() == Enabled)
        return base | Qt::ItemIsUserCheckable;
    if (index.column() == Type || index.column() == Scope)
        return base;
    return base | Qt::ItemIsEditable;
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    static const char *const titles[ColumnCount] = { QT_TR_NOOP("On"), QT_TR_NOOP("Rule"), QT_TR_NOOP("Scope"),
        QT_TR_NOOP("Raise at"), QT_TR_NOOP("Clear at"), QT_TR_NOOP("Window (s)"), QT_TR_NOOP("Held for (s)"),
        QT_TR_NOOP("Min. samples"), QT_TR_NOOP("Severity") };
    return tr(titles[section]);
}
