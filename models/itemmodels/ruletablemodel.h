#pragma once

#include "alerts/alertrule.h"

#include <QAbstractTableModel>

/**
 * The alert rules, one row each, for the operator to edit: on/off, thresholds, window, minimum
 * duration and samples, severity. An edit that would make a rule invalid (equal thresholds, a window
 * under 10 s, an unknown severity) is refused.
 */
class RuleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns {
        Enabled,
        Type,
        Scope,
        RaiseAt,
        ClearAt,
        Window,
        MinimumDuration,
        MinimumSamples,
        Severity,
        ColumnCount
    };

    explicit RuleTableModel(QObject *parent = nullptr);
    ~RuleTableModel() override;

    void setRules(const QList<AlertRule> &rules);
    const QList<AlertRule> &rules() const { return m_rules; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AlertRule> m_rules;
};
