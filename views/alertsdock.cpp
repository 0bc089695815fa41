#include "alertsdock.h"

#include "itemmodels/alertfilterproxy.h"
#include "itemmodels/alerttablemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// The state choices, in the combo box's order.
constexpr AlertSelection s_selections[] = { AlertSelection::Unresolved, AlertSelection::Active,
    AlertSelection::Acknowledged, AlertSelection::Resolved, AlertSelection::All };

} // namespace

AlertsDock::AlertsDock(QWidget *parent)
    : QDockWidget(tr("Alerts"), parent)
    , m_model(new AlertTableModel(this))
    , m_proxy(new AlertFilterProxy(this))
    , m_state(new QComboBox)
    , m_severity(new QComboBox)
    , m_acknowledge(new QPushButton(tr("&Acknowledge…")))
    , m_table(new QTableView)
{
    setObjectName(QStringLiteral("alertsDock"));
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AlertTableModel::FirstSeen, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AlertTableModel::Message, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Alerts"));

    for (const QString &label : { tr("unresolved"), tr("active"), tr("acknowledged"), tr("resolved"), tr("all") })
        m_state->addItem(label);
    m_severity->addItem(tr("any severity"));
    const QStringList severities = enumSpellings<Severity>();
    for (qsizetype i = 1; i < severities.size(); ++i)
        m_severity->addItem(tr("%1 or worse").arg(severities.at(i)));
    m_acknowledge->setToolTip(tr("Acknowledge the selected alert: it stays until it resolves, marked as seen"));

    auto *filters = new QHBoxLayout;
    auto addFilter = [&](const QString &label, QWidget *field) {
        auto *caption = new QLabel(label);
        caption->setBuddy(field);
        filters->addWidget(caption);
        filters->addWidget(field);
    };
    addFilter(tr("S&how:"), m_state);
    addFilter(tr("Se&verity:"), m_severity);
    filters->addStretch(1);
    filters->addWidget(m_acknowledge);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(filters);
    layout->addWidget(m_table);
    setWidget(content);

    connect(m_state, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_proxy->setSelection(s_selections[index]); });
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setMinimumSeverity(index == 0 ? std::nullopt : std::optional<Severity>(Severity(index)));
    });
    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsDock::askToAcknowledge);
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex &index) { emit alertActivated(m_model->alert(m_proxy->mapToSource(index).row())); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AlertsDock::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AlertsDock::updateActions);
    updateTitle();
    updateActions();
}

AlertsDock::~AlertsDock() = default;

void AlertsDock::setAlerts(const QList<Alert> &alerts)
{
    m_model->setAlerts(alerts);
    updateTitle();
    updateActions();
}

std::optional<Alert> AlertsDock::currentAlert() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->alert(m_proxy->mapToSource(current).row());
}

void AlertsDock::acknowledgeCurrent(const QString &note)
{
    if (const std::optional<Alert> alert = currentAlert(); alert && alert->state() == AlertState::Active)
        emit acknowledgeRequested(alert->id, note);
}

void AlertsDock::askToAcknowledge()
{
    const std::optional<Alert> alert = currentAlert();
    if (!alert)
        return;
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Acknowledge alert"),
        tr("%1\n\nNote (optional):").arg(alert->message), QLineEdit::Normal, QString(), &ok);
    if (ok)
        acknowledgeCurrent(note);
}

void AlertsDock::updateTitle()
{
    const qsizetype unresolved = m_model->unresolvedCount();
    setWindowTitle(unresolved == 0 ? tr("Alerts") : tr("Alerts (%1 unresolved)").arg(unresolved));
}

void AlertsDock::updateActions()
{
    const std::optional<Alert> alert = currentAlert();
    m_acknowledge->setEnabled(alert && alert->state() == AlertState::Active);
}
