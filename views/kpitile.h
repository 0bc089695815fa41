#pragma once

#include "analytics/figures.h"

#include <QFrame>

class QLabel;

/** One dashboard tile: a figure, its value, and its change against the previous window. */
class KpiTile : public QFrame
{
    Q_OBJECT
public:
    enum class Better { Higher, Lower };

    // `format` turns the value into text ("45.0 ms"); `better` colours the change.
    KpiTile(const QString &title, std::function<QString(double)> format, Better better, QWidget *parent = nullptr);
    ~KpiTile() override;

    void setValue(const KpiValue &value, const QString &previousWindowName);
    QString valueText() const;
    QString changeText() const;

private:
    std::function<QString(double)> m_format;
    Better m_better;
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_change;
};
