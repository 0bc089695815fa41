#include "mixchart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>

MixChart::MixChart(const QString &title, const QStringList &categories, QWidget *parent)
    : ThemedChartView(title, parent)
    , m_set(new QBarSet(tr("Samples")))
    , m_axisY(new QValueAxis)
{
    QChart *chart = this->chart();
    chart->legend()->hide();
    auto *series = new QBarSeries;
    for (qsizetype i = 0; i < categories.size(); ++i)
        m_set->append(0);
    series->append(m_set);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_axisY, Qt::AlignLeft);
    series->attachAxis(m_axisY);
}

MixChart::~MixChart() = default;

void MixChart::setCounts(const QList<qint64> &counts)
{
    qint64 highest = 0;
    for (qsizetype i = 0; i < counts.size() && i < m_set->count(); ++i) {
        m_set->replace(int(i), qreal(counts.at(i)));
        highest = std::max(highest, counts.at(i));
    }
    m_axisY->setRange(0, std::max<qint64>(1, highest));
    m_axisY->applyNiceNumbers();
}

QList<qreal> MixChart::counts() const
{
    QList<qreal> values;
    for (int i = 0; i < m_set->count(); ++i)
        values.append(m_set->at(i));
    return values;
}
