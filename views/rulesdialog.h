#pragma once

#include "alerts/alertrule.h"

#include <QDialog>

class QCheckBox;
class QTableView;
class RuleTableModel;

/** The alert rules for the operator to change: each rule's thresholds and more, anomalies and predictions on or off. */
class RulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RulesDialog(const RuleSet &rules, QWidget *parent = nullptr);
    ~RulesDialog() override;

    RuleSet rules() const;
    RuleTableModel *model() const { return m_model; }

private:
    void present(const RuleSet &rules);

    RuleSet m_rules;
    RuleTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_anomalies;
    QCheckBox *m_predictions;
};
