#pragma once

#include <QChartView>

/**
 * The console's chart view: titled, accessible by its title, antialiased, without drop shadows, and
 * themed after the widget's palette (dark charts on a dark palette), following palette changes.
 */
class ThemedChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ThemedChartView(const QString &title, QWidget *parent = nullptr);
    ~ThemedChartView() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void followPalette();
};
