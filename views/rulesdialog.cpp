#include "rulesdialog.h"

#include "itemmodels/ruletablemodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

RulesDialog::RulesDialog(const RuleSet &rules, QWidget *parent)
    : QDialog(parent)
    , m_model(new RuleTableModel(this))
    , m_table(new QTableView)
    , m_anomalies(new QCheckBox(tr("Raise &anomalies: fleet figures far outside their recent band")))
    , m_predictions(
          new QCheckBox(tr("Raise &predictions: a rule's threshold crossed within 15 minutes at the present pace")))
{
    setWindowTitle(tr("Alert rules"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Alert rules"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(
        QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    auto *hint = new QLabel(tr("A rule raises once its figure has stayed at or beyond “Raise at” for “Held for”, and "
                               "resolves once it has stayed at or within “Clear at” as long. Severity: Low, Medium, "
                               "High or Critical."));
    hint->setWordWrap(true);
    auto *buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        [this] { present(RuleSetJson::defaults()); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_anomalies);
    layout->addWidget(m_predictions);
    layout->addWidget(buttons);
    resize(900, 560);
    present(rules);
}

RulesDialog::~RulesDialog() = default;

void RulesDialog::present(const RuleSet &rules)
{
    m_rules = rules;
    m_model->setRules(rules.rules);
    m_anomalies->setChecked(rules.anomaly.enabled);
    m_predictions->setChecked(rules.prediction.enabled);
    m_predictions->setText(tr("Raise &predictions: a rule's threshold crossed within %1 minutes at the present pace")
                               .arg(rules.prediction.horizonSeconds / 60));
}

RuleSet RulesDialog::rules() const
{
    RuleSet edited = m_rules;
    edited.rules = m_model->rules();
    edited.anomaly.enabled = m_anomalies->isChecked();
    edited.prediction.enabled = m_predictions->isChecked();
    return edited;
}
