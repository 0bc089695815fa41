#include "trendchart.h"

#include "downsample.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

TrendChart::TrendChart(const QString &title, const QString &unit, double ceiling, QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries)
    , m_axisX(new QDateTimeAxis)
    , m_axisY(new QValueAxis)
    , m_ceiling(ceiling)
    , m_unit(unit)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->setDropShadowEnabled(false);
    chart->addSeries(m_series);
    m_series->setPointsVisible(true);
    m_axisX->setFormat(QStringLiteral("HH:mm"));
    m_axisX->setTickCount(6);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    m_series->attachAxis(m_axisX);
    m_axisY->setTitleText(unit);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisY);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setAccessibleName(title);
    setRubberBand(QChartView::HorizontalRubberBand);
    connect(m_series, &QLineSeries::hovered, this, &TrendChart::showValue);
}

void TrendChart::showValue(const QPointF &point, bool hovering)
{
    if (!hovering) {
        QToolTip::hideText();
        return;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toLocalTime();
    QToolTip::showText(QCursor::pos(),
        tr("%1\n%2 %3")
            .arg(QLocale().toString(time, QLocale::ShortFormat), QLocale().toString(point.y(), 'f', 2), m_unit),
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

void TrendChart::setPoints(const QList<TrendPoint> &points, const QDateTime &from, const QDateTime &to)
{
    QList<QPointF> xy;
    xy.reserve(points.size());
    double highest = 0;
    for (const TrendPoint &point : points) {
        xy.append({ double(point.timestamp.toMSecsSinceEpoch()), point.value });
        highest = std::max(highest, point.value);
    }
    // One point per two pixels is as much as the eye can use; replace() redraws once (append() would
    // signal once per point, which takes seconds at 10,000 points in Qt 6.4).
    m_series->replace(downsampleLttb(xy, std::max(3, width() / 2)));
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
