#pragma once

#include "themedchartview.h"

class QBarSet;
class QBarCategoryAxis;
class QValueAxis;

/** A bar chart of counts by category (the quality distribution, the connection-type mix). */
class MixChart : public ThemedChartView
{
    Q_OBJECT
public:
    MixChart(const QString &title, const QStringList &categories, QWidget *parent = nullptr);
    ~MixChart() override;

    void setCounts(const QList<qint64> &counts);
    QList<qreal> counts() const;

private:
    QBarSet *m_set;
    QValueAxis *m_axisY;
};
