#include "trendspage.h"

#include "trendchart.h"

#include <QGridLayout>
#include <QScrollArea>
#include <QVBoxLayout>

TrendsPage::TrendsPage(QWidget *parent)
    : QWidget(parent)
    , m_latency(new TrendChart(tr("Latency"), tr("ms"), { tr("average"), tr("95th percentile") }))
    , m_bandwidth(new TrendChart(tr("Average bandwidth"), tr("Mbps")))
    , m_activity(new TrendChart(
          tr("Active sessions, users and streams"), tr("count"), { tr("sessions"), tr("users"), tr("streams") }))
    , m_successRate(new TrendChart(tr("Success rate"), tr("%"), {}, 100))
    , m_packetLoss(new TrendChart(tr("Packet loss"), tr("%")))
    , m_jitter(new TrendChart(tr("Jitter"), tr("ms")))
{
    // Six charts need more height than a small screen (or a window with the alerts dock) has: they
    // scroll rather than force the window taller.
    auto *charts = new QWidget;
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(charts);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    auto *grid = new QGridLayout(charts);
    grid->addWidget(m_latency, 0, 0);
    grid->addWidget(m_bandwidth, 0, 1);
    grid->addWidget(m_activity, 1, 0);
    grid->addWidget(m_successRate, 1, 1);
    grid->addWidget(m_packetLoss, 2, 0);
    grid->addWidget(m_jitter, 2, 1);
}

TrendsPage::~TrendsPage() = default;

void TrendsPage::setTrends(const Trends &trends, const QDateTime &from, const QDateTime &to)
{
    m_latency->setLines({ trends.latency, trends.latencyP95 }, from, to);
    m_bandwidth->setPoints(trends.bandwidth, from, to);
    m_activity->setLines({ trends.sessions, trends.users, trends.streams }, from, to);
    m_successRate->setPoints(trends.successRate, from, to);
    m_packetLoss->setPoints(trends.packetLoss, from, to);
    m_jitter->setPoints(trends.jitter, from, to);
}
