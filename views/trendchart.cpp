#include "trendchart.h"

#include "downsample.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

TrendChart::TrendChart(
    const QString &title, const QString &unit, const QStringList &lines, double ceiling, QWidget *parent)
    : ThemedChartView(title, parent)
    , m_axisX(new QDateTimeAxis)
    , m_axisY(new QValueAxis)
    , m_ceiling(ceiling)
    , m_unit(unit)
{
    QChart *chart = this->chart();
    m_axisX->setFormat(QStringLiteral("HH:mm"));
    m_axisX->setTickCount(6);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    m_axisY->setTitleText(unit);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    const QStringList names = lines.isEmpty() ? QStringList { title } : lines;
    for (const QString &name : names) {
        auto *line = new QLineSeries;
        line->setName(name);
        line->setPointsVisible(true);
        chart->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
        connect(line, &QLineSeries::hovered, this,
            [this, line](const QPointF &point, bool hovering) { showValue(line, point, hovering); });
        m_lines.append(line);
    }
    chart->legend()->setVisible(m_lines.size() > 1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setRubberBand(QChartView::HorizontalRubberBand);
}

void TrendChart::showValue(const QLineSeries *line, const QPointF &point, bool hovering)
{
    if (!hovering) {
        QToolTip::hideText();
        return;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toLocalTime();
    const QString value = QLocale().toString(point.y(), 'f', 2) + u' ' + m_unit;
    QToolTip::showText(QCursor::pos(),
        tr("%1\n%2").arg(QLocale().toString(time, QLocale::ShortFormat),
            m_lines.size() > 1 ? tr("%1: %2").arg(line->name(), value) : value),
        this);
}

void TrendChart::wheelEvent(QWheelEvent *event)
{
    // A tenth of the plot width per wheel step, left or right in time.
    const qreal step = chart()->plotArea().width() / 10;
    chart()->scroll(event->angleDelta().y() > 0 ? -step : step, 0);
    event->accept();
}

void TrendChart::mouseDoubleClickEvent(QMouseEvent *event)
{
    chart()->zoomReset();
    event->accept();
}

TrendChart::~TrendChart() = default;

void TrendChart::setLines(const QList<QList<TrendPoint>> &lines, const QDateTime &from, const QDateTime &to)
{
    Q_ASSERT(lines.size() == m_lines.size());
    double highest = 0;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        QList<QPointF> xy;
        xy.reserve(lines.at(i).size());
        for (const TrendPoint &point : lines.at(i)) {
            xy.append({ double(point.timestamp.toMSecsSinceEpoch()), point.value });
            highest = std::max(highest, point.value);
        }
        // One point per two pixels is as much as the eye can use; replace() redraws once (append() would
        // signal once per point, which takes seconds at 10,000 points in Qt 6.4).
        m_lines.at(i)->replace(downsampleLttb(xy, std::max(3, width() / 2)));
    }
    const qint64 spanSeconds = from.secsTo(to);
    m_axisX->setFormat(spanSeconds > 2 * 86400 ? QStringLiteral("dd MMM") : QStringLiteral("HH:mm"));
    m_axisX->setRange(from.toLocalTime(), to.toLocalTime());
    if (m_ceiling > 0) {
        m_axisY->setRange(0, m_ceiling);
    } else {
        m_axisY->setRange(0, highest > 0 ? highest * 1.1 : 1);
        m_axisY->applyNiceNumbers();
    }
}
