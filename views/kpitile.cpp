#include "kpitile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

// Readable on light and dark palettes alike.
const QColor s_good(46, 160, 67);
const QColor s_bad(218, 54, 51);

} // namespace

KpiTile::KpiTile(const QString &title, std::function<QString(double)> format, Better better, QWidget *parent)
    : QFrame(parent)
    , m_format(std::move(format))
    , m_better(better)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(QStringLiteral("–"), this))
    , m_change(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::TabFocus);
    setAccessibleName(title);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 2);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
}

KpiTile::~KpiTile() = default;

void KpiTile::setValue(const KpiValue &value, const QString &previousWindowName)
{
    m_value->setText(value.currentKnown ? m_format(value.current) : tr("no data"));
    const std::optional<double> change = value.changePercent();
    QString changeText;
    QColor colour = palette().color(QPalette::PlaceholderText);
    if (change) {
        const bool up = *change > 0;
        changeText = tr("%1 %2 % vs the previous %3")
                         .arg(*change == 0 ? QStringLiteral("=") : (up ? QStringLiteral("▲") : QStringLiteral("▼")))
                         .arg(std::abs(*change), 0, 'f', 1)
                         .arg(previousWindowName);
        if (*change != 0)
            colour = (up == (m_better == Better::Higher)) ? s_good : s_bad;
    } else if (value.currentKnown && value.previousKnown) {
        changeText = tr("was %1 in the previous %2").arg(m_format(value.previous), previousWindowName);
    } else {
        changeText = tr("no data in the previous %1").arg(previousWindowName);
    }
    m_change->setText(changeText);
    QPalette changePalette = m_change->palette();
    changePalette.setColor(QPalette::WindowText, colour);
    m_change->setPalette(changePalette);
    setAccessibleDescription(m_value->text() + u", " + changeText);
}

QString KpiTile::valueText() const
{
    return m_value->text();
}
QString KpiTile::changeText() const
{
    return m_change->text();
}
