#include "sessiondetaildialog.h"

#include "trendchart.h"

#include "domain/qualityscale.h"
#include "itemmodels/sampletablemodel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *tableOf(QAbstractItemModel *model, const QString &name)
{
    auto *table = new QTableView;
    table->setModel(model);
    table->setAccessibleName(name);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

template<typename Value> QList<TrendPoint> series(const QList<StoredSample> &samples, Value value)
{
    QList<TrendPoint> points;
    points.reserve(samples.size());
    for (const StoredSample &sample : samples)
        points.append({ sample.record.recordedAt, value(sample.record.metrics) });
    return points;
}

} // namespace

SessionDetailDialog::SessionDetailDialog(QueryWorker *queries, const QString &sessionId, QWidget *parent)
    : QDialog(parent)
    , m_sessionId(sessionId)
    , m_summary(new QLabel(tr("Loading…")))
    , m_connections(new SampleTableModel(SampleTableModel::connectionColumns(), this))
    , m_streaming(new SampleTableModel(SampleTableModel::streamingColumns(), this))
    , m_stateChanges(new QStandardItemModel(0, 4, this))
    , m_latency(new TrendChart(tr("Latency"), tr("ms")))
    , m_qualityLevel(new TrendChart(tr("Video quality level (5 UltraHD .. 1 Low)"), tr("level"), {}, 5))
    , m_switches(new TrendChart(tr("Adaptive switches"), tr("switches")))
{
    setWindowTitle(tr("Session %1").arg(sessionId));
    m_stateChanges->setHorizontalHeaderLabels({ tr("Time"), tr("Connection"), tr("ICE"), tr("DTLS") });
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *charts = new QWidget;
    auto *chartGrid = new QGridLayout(charts);
    chartGrid->addWidget(m_latency, 0, 0, 1, 2);
    chartGrid->addWidget(m_qualityLevel, 1, 0);
    chartGrid->addWidget(m_switches, 1, 1);
    auto *tabs = new QTabWidget;
    tabs->addTab(charts, tr("&Charts"));
    tabs->addTab(tableOf(m_connections, tr("Connection samples")), tr("C&onnection samples"));
    tabs->addTab(tableOf(m_streaming, tr("Streaming samples")), tr("St&reaming samples"));
    tabs->addTab(tableOf(m_stateChanges, tr("ICE and DTLS state changes")), tr("&State changes"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(1100, 700);

    connect(queries, &QueryWorker::sessionLoaded, this, [this](const SessionDetail &detail) {
        if (detail.sessionId == m_sessionId)
            showDetail(detail);
    });
    connect(queries, &QueryWorker::sessionFailed, this, [this](const QString &id, const QString &message) {
        if (id == m_sessionId)
            m_summary->setText(tr("The session could not be read: %1").arg(message));
    });
    queries->loadSession(sessionId);
}

SessionDetailDialog::~SessionDetailDialog() = default;

QString SessionDetailDialog::summaryText() const
{
    return m_summary->text();
}

void SessionDetailDialog::showDetail(const SessionDetail &detail)
{
    if (!detail.analytics) {
        m_summary->setText(tr("Session %1 is not stored.").arg(detail.sessionId));
        emit loaded();
        return;
    }
    const SessionAnalytics &a = *detail.analytics;
    const QLocale locale;
    m_summary->setText(tr("User %1 · %2 connections · %3 streams · quality %4 · success %5 % · %6 streaming hours · "
                          "from %7 to %8")
                           .arg(a.userId)
                           .arg(a.totalConnections)
                           .arg(a.totalStreamingSessions)
                           .arg(spelling(a.averageConnectionQuality), locale.toString(a.successRatePercent, 'f', 1),
                               locale.toString(a.totalStreamingHours, 'f', 2),
                               locale.toString(a.createdAt.toLocalTime(), QLocale::ShortFormat),
                               locale.toString(a.updatedAt.toLocalTime(), QLocale::ShortFormat)));
    if (a.averageMos) {
        m_summary->setText(m_summary->text()
            + tr(" · MOS %1 (%2 by the E-model%3)")
                  .arg(locale.toString(*a.averageMos, 'f', 2), spelling(*a.computedQuality),
                      a.qualityMismatch ? tr(", far from the reported %1").arg(spelling(a.averageConnectionQuality))
                                        : QString()));
    }
    m_connections->setSamples(detail.connectionSamples);
    m_streaming->setSamples(detail.streamingSamples);
    m_stateChanges->setRowCount(0);
    for (const StateChange &change : detail.stateChanges) {
        m_stateChanges->appendRow({ new QStandardItem(locale.toString(change.time.toLocalTime(), QLocale::ShortFormat)),
            new QStandardItem(change.connectionId), new QStandardItem(change.iceConnectionState),
            new QStandardItem(change.dtlsTransportState) });
    }

    const QDateTime from = a.createdAt;
    const QDateTime to = std::max(a.updatedAt, a.createdAt.addSecs(60));
    m_latency->setPoints(series(detail.connectionSamples,
                             [](const Metrics &m) { return double(std::get<ConnectionMetrics>(m).latencyMs); }),
        from, to);
    m_qualityLevel->setPoints(
        series(detail.streamingSamples,
            [](const Metrics &m) { return double(QualityScale::score(std::get<StreamingMetrics>(m).qualityLevel)); }),
        from, to);
    m_switches->setPoints(series(detail.streamingSamples,
                              [](const Metrics &m) { return double(std::get<StreamingMetrics>(m).adaptiveSwitches); }),
        from, to);
    emit loaded();
}
