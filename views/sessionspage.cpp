#include "sessionspage.h"

#include "itemmodels/sessionfilterproxy.h"
#include "itemmodels/sessiontablemodel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

SessionsPage::SessionsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new SessionTableModel(this))
    , m_proxy(new SessionFilterProxy(this))
    , m_user(new QLineEdit)
    , m_session(new QLineEdit)
    , m_peer(new QLineEdit)
    , m_connectionType(new QComboBox)
    , m_quality(new QComboBox)
    , m_table(new QTableView)
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SessionTableModel::LastSeen, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Sessions"));

    m_user->setPlaceholderText(tr("any user"));
    m_user->setClearButtonEnabled(true);
    m_session->setPlaceholderText(tr("any session"));
    m_session->setClearButtonEnabled(true);
    m_peer->setPlaceholderText(tr("any peer"));
    m_peer->setClearButtonEnabled(true);
    m_connectionType->addItem(tr("any type"));
    m_connectionType->addItems(enumSpellings<ConnectionType>());
    m_connectionType->setObjectName(QStringLiteral("connectionTypeFilter"));
    m_quality->addItem(tr("any quality"));
    const QStringList qualities = enumSpellings<ConnectionQuality>();
    for (const QString &quality : qualities)
        m_quality->addItem(tr("%1 or worse").arg(quality));

    auto *filters = new QHBoxLayout;
    auto addFilter = [&](const QString &label, QWidget *field) {
        auto *caption = new QLabel(label);
        caption->setBuddy(field);
        filters->addWidget(caption);
        filters->addWidget(field, 1);
    };
    addFilter(tr("&User:"), m_user);
    addFilter(tr("S&ession:"), m_session);
    addFilter(tr("&Peer:"), m_peer);
    addFilter(tr("T&ype:"), m_connectionType);
    addFilter(tr("&Quality:"), m_quality);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table);

    // Ctrl+F, as in any list: start filtering.
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_user->setFocus(Qt::ShortcutFocusReason);
        m_user->selectAll();
    });

    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit sessionActivated(m_proxy->index(index.row(), SessionTableModel::Session).data().toString());
    });
    connect(m_user, &QLineEdit::textChanged, m_proxy, &SessionFilterProxy::setUserFilter);
    connect(m_session, &QLineEdit::textChanged, m_proxy, &SessionFilterProxy::setSessionFilter);
    connect(m_peer, &QLineEdit::textChanged, m_proxy, &SessionFilterProxy::setPeerFilter);
    connect(m_connectionType, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setConnectionType(
            index == 0 ? std::nullopt : std::optional<ConnectionType>(ConnectionType(index - 1)));
    });
    connect(m_quality, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setQualityAtMost(
            index == 0 ? std::nullopt : std::optional<ConnectionQuality>(ConnectionQuality(index - 1)));
    });
}

SessionsPage::~SessionsPage() = default;

void SessionsPage::setSessions(const QList<SessionOverview> &sessions)
{
    m_model->setSessions(sessions);
}

ReportFilter SessionsPage::activeFilter(const TimeWindow &period) const
{
    ReportFilter filter;
    filter.period = period;
    filter.userId = m_user->text().trimmed();
    filter.sessionId = m_session->text().trimmed();
    if (m_connectionType->currentIndex() > 0)
        filter.connectionType = ConnectionType(m_connectionType->currentIndex() - 1);
    if (m_quality->currentIndex() > 0)
        filter.qualityAtMost = ConnectionQuality(m_quality->currentIndex() - 1);
    return filter;
}

void SessionsPage::filterBy(const QString &user, const QString &peer)
{
    m_user->setText(user);
    m_session->clear();
    m_peer->setText(peer);
    m_connectionType->setCurrentIndex(0);
    m_quality->setCurrentIndex(0);
}
