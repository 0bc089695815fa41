#pragma once

#include "analytics/figures.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

/**
 * One trend over time (QDateTimeAxis), redrawn with one replace() per refresh and downsampled to its
 * width. Hovering a point shows its time and exact value; dragging zooms into a time span, the wheel
 * pans along it, and a double-click resets.
 */
class TrendChart : public QChartView
{
    Q_OBJECT
public:
    // `ceiling`: the highest value the figure can take (100 for a percentage), 0 for none.
    TrendChart(const QString &title, const QString &unit, double ceiling = 0, QWidget *parent = nullptr);
    ~TrendChart() override;

    void setPoints(const QList<TrendPoint> &points, const QDateTime &from, const QDateTime &to);
    const QLineSeries *series() const { return m_series; }

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void showValue(const QPointF &point, bool hovering);

    QLineSeries *m_series;
    QDateTimeAxis *m_axisX;
    QValueAxis *m_axisY;
    double m_ceiling;
    QString m_unit;
};
