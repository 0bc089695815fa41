#pragma once

#include "analytics/figures.h"

#include "themedchartview.h"

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

/**
 * Trends over time (QDateTimeAxis) on one value axis, one line each, redrawn with one replace() per
 * line and refresh and downsampled to the chart's width. Hovering a point shows its time and exact
 * value; dragging zooms into a time span, the wheel pans along it, and a double-click resets.
 */
class TrendChart : public ThemedChartView
{
    Q_OBJECT
public:
    // `lines`: the names of the lines, shown in a legend when there are several; none for one line
    // named by the title. `ceiling`: the highest value the figures can take (100 for a percentage), 0 for none.
    TrendChart(const QString &title, const QString &unit, const QStringList &lines = {}, double ceiling = 0,
        QWidget *parent = nullptr);
    ~TrendChart() override;

    // The points of every line, in the order of the names.
    void setLines(const QList<QList<TrendPoint>> &lines, const QDateTime &from, const QDateTime &to);
    void setPoints(const QList<TrendPoint> &points, const QDateTime &from, const QDateTime &to)
    {
        setLines({ points }, from, to);
    }
    const QLineSeries *series(int line = 0) const { return m_lines.at(line); }

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void showValue(const QLineSeries *line, const QPointF &point, bool hovering);

    QList<QLineSeries *> m_lines;
    QDateTimeAxis *m_axisX;
    QValueAxis *m_axisY;
    double m_ceiling;
    QString m_unit;
};
