#include "dashboardpage.h"

#include "kpitile.h"
#include "mixchart.h"

#include "domain/enums.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace {

QString count(double value)
{
    return QLocale().toString(qint64(value));
}
QString milliseconds(double value)
{
    return QLocale().toString(value, 'f', 1) + QStringLiteral(" ms");
}
QString megabits(double value)
{
    return QLocale().toString(value, 'f', 1) + QStringLiteral(" Mbps");
}
QString percent(double value)
{
    return QLocale().toString(value, 'f', 1) + QStringLiteral(" %");
}

template<std::size_t N> QList<qint64> toList(const std::array<qint64, N> &array)
{
    return QList<qint64>(array.begin(), array.end());
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_quality(new MixChart(tr("Connection quality"), enumSpellings<ConnectionQuality>()))
    , m_types(new MixChart(tr("Connection types"), enumSpellings<ConnectionType>()))
    , m_emptyHint(new QLabel)
    , m_stack(new QStackedLayout)
{
    m_tiles = {
        new KpiTile(tr("Active users"), count, KpiTile::Better::Higher),
        new KpiTile(tr("P2P connections"), count, KpiTile::Better::Higher),
        new KpiTile(tr("Average latency"), milliseconds, KpiTile::Better::Lower),
        new KpiTile(tr("Bandwidth"), megabits, KpiTile::Better::Higher),
        new KpiTile(tr("Success rate"), percent, KpiTile::Better::Higher),
        new KpiTile(tr("Active streams"), count, KpiTile::Better::Higher),
    };
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    for (int i = 0; i < TileCount; ++i)
        grid->addWidget(m_tiles.at(i), i / 3, i % 3);
    grid->addWidget(m_quality, 2, 0, 1, 2);
    grid->addWidget(m_types, 2, 2);
    grid->setRowStretch(2, 1);
    // Equal columns, whatever each tile's text asks for: the tiles line up as a grid.
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);

    m_emptyHint->setWordWrap(true);
    m_emptyHint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setAccessibleName(tr("No data yet"));
    m_stack->addWidget(content);
    m_stack->addWidget(m_emptyHint);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_stack);
    updateEmptyHint(tr("hour"));
    m_stack->setCurrentWidget(m_emptyHint);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::setIngestUrl(const QString &baseUrl)
{
    m_ingestUrl = baseUrl;
}

void DashboardPage::updateEmptyHint(const QString &windowName)
{
    m_emptyHint->setText(tr("<h3>No metrics in the last %1</h3><p>Peers post them to this console. To send a first "
                            "one by hand:</p><p><code>curl -H 'Content-Type: application/json' -d '{\"session_id\": "
                            "\"s1\", \"user_id\": \"u1\", \"connection_id\": \"c1\", \"peer_id\": \"p1\", "
                            "\"connection_type\": \"WebRTC\", \"latency_ms\": 45, \"bandwidth_mbps\": 10.5, "
                            "\"packet_loss_percent\": 0.1, \"jitter_ms\": 5, \"connection_quality\": \"Excellent\", "
                            "\"ice_connection_state\": \"connected\", \"dtls_transport_state\": \"connected\"}' "
                            "%2/api/p2p/analytics/connection-metrics</code></p>")
                             .arg(windowName, m_ingestUrl.toHtmlEscaped()));
}

void DashboardPage::setSnapshot(const DashboardSnapshot &snapshot, const QString &windowName)
{
    const std::array<const KpiValue *, TileCount> values { &snapshot.activeUsers, &snapshot.p2pConnections,
        &snapshot.averageLatencyMs, &snapshot.averageBandwidthMbps, &snapshot.successRatePercent,
        &snapshot.activeStreams };
    for (int i = 0; i < TileCount; ++i)
        m_tiles.at(i)->setValue(*values.at(i), windowName);
    m_quality->setCounts(toList(snapshot.samplesByQuality));
    m_types->setCounts(toList(snapshot.samplesByConnectionType));

    const bool empty = snapshot.activeUsers.current == 0 && snapshot.activeStreams.current == 0;
    updateEmptyHint(windowName);
    m_stack->setCurrentIndex(empty ? 1 : 0);
}

bool DashboardPage::showsEmptyState() const
{
    return m_stack->currentIndex() == 1;
}

QString DashboardPage::emptyHintText() const
{
    return m_emptyHint->text();
}
