#include "themedchartview.h"

#include <QEvent>

ThemedChartView::ThemedChartView(const QString &title, QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    setChart(chart);
    followPalette();
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setAccessibleName(title);
}

ThemedChartView::~ThemedChartView() = default;

void ThemedChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        followPalette();
    QChartView::changeEvent(event);
}

void ThemedChartView::followPalette()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart()->theme() != theme)
        chart()->setTheme(theme);
    // A theme brings its own shadows; on a dashboard they only blur the edges.
    chart()->setDropShadowEnabled(false);
}
