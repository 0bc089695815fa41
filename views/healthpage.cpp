#include "healthpage.h"

#include "trendchart.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace {

enum Figure { HostCpu, HostMemory, Network, ConsoleMemory, IngestRate, Rejected, Stored, FigureCount };

QString orDash(const std::optional<double> &value, const QString &unit, int decimals = 1)
{
    return value ? QLocale().toString(*value, 'f', decimals) + u' ' + unit : QStringLiteral("–");
}

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 0) + QStringLiteral(" MiB");
}

} // namespace

HealthPage::HealthPage(QWidget *parent)
    : QWidget(parent)
    , m_host(new TrendChart(tr("Console host"), tr("%"), { tr("CPU"), tr("memory") }, 100))
    , m_ingestion(new TrendChart(tr("Ingestion"), tr("records/s")))
{
    auto *form = new QFormLayout;
    const QStringList names { tr("Host CPU"), tr("Host memory"), tr("Host network"), tr("Console memory (RSS)"),
        tr("Ingest rate"), tr("Rejected ingestion requests"), tr("Records stored since start") };
    for (const QString &name : names) {
        auto *value = new QLabel(QStringLiteral("–"));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAccessibleName(name);
        form->addRow(name + u':', value);
        m_figures.append(value);
    }
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_host);
    charts->addWidget(m_ingestion);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(charts, 1);
}

HealthPage::~HealthPage() = default;

QString HealthPage::figureText(int row) const
{
    return m_figures.at(row)->text();
}

void HealthPage::addSample(const HostSample &s)
{
    const QLocale locale;
    m_figures.at(HostCpu)->setText(orDash(s.cpuPercent, tr("%")));
    m_figures.at(HostMemory)
        ->setText(s.memoryPercent ? tr("%1 (%2 of %3)")
                                        .arg(orDash(s.memoryPercent, tr("%")), megabytes(s.memoryUsedBytes),
                                            megabytes(s.memoryTotalBytes))
                                  : QStringLiteral("–"));
    m_figures.at(Network)->setText(orDash(s.networkMbps, tr("Mbps"), 2));
    m_figures.at(ConsoleMemory)->setText(megabytes(s.processRssBytes));
    m_figures.at(IngestRate)->setText(orDash(s.ingestRecordsPerSecond, tr("records/s")));
    m_figures.at(Rejected)->setText(orDash(s.ingestErrorPercent, tr("%")));
    m_figures.at(Stored)->setText(locale.toString(s.storedRecords));

    m_history.append(s);
    if (m_history.size() > HistoryLength)
        m_history.removeFirst();
    QList<TrendPoint> cpu;
    QList<TrendPoint> memory;
    QList<TrendPoint> ingest;
    for (const HostSample &h : std::as_const(m_history)) {
        if (h.cpuPercent)
            cpu.append({ h.at, *h.cpuPercent });
        if (h.memoryPercent)
            memory.append({ h.at, *h.memoryPercent });
        if (h.ingestRecordsPerSecond)
            ingest.append({ h.at, *h.ingestRecordsPerSecond });
    }
    const QDateTime from = m_history.constFirst().at;
    const QDateTime to = std::max(s.at, from.addSecs(60));
    m_host->setLines({ cpu, memory }, from, to);
    m_ingestion->setPoints(ingest, from, to);
}
