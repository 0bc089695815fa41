#include "pdfreportwriter.h"

#include "domain/timestamps.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

// The writer works in points: 72 device units per inch.
constexpr int PointsPerInch = 72;
constexpr qreal MarginPoints = 40;
constexpr qreal FooterHeight = 24;
constexpr qreal ChartHeight = 190;
constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr qint64 MaxTimeTicks = 8;
constexpr qreal CellPadding = 3;
constexpr qreal SmallestTableFont = 6;
constexpr qreal TableFont = 7.5;
const QList<QColor> SeriesColors { QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
    QColor(0xff, 0x7f, 0x0e) };

QFont font(qreal points, bool bold = false)
{
    QFont f;
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

// How a cell reads on paper: numbers rounded in the reader's locale, times in UTC, unknowns a dash.
QString cellText(const QVariant &value, int decimals)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        return QStringLiteral("–");
    case QMetaType::Double:
    case QMetaType::Float:
        return QLocale().toString(value.toDouble(), 'f', decimals);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QLocale().toString(value.toLongLong());
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    default:
        return value.toString();
    }
}

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

// The finest round time step that puts at most MaxTimeTicks ticks on the span.
qint64 timeTick(qint64 spanMs)
{
    constexpr qint64 MinuteMs = 60 * 1000;
    for (const qint64 tick : { 5 * MinuteMs, 15 * MinuteMs, 30 * MinuteMs, HourMs, 2 * HourMs, 3 * HourMs, 6 * HourMs,
             12 * HourMs, DayMs, 2 * DayMs, 7 * DayMs, 14 * DayMs }) {
        if (spanMs / tick <= MaxTimeTicks)
            return tick;
    }
    return 30 * DayMs * (spanMs / (30 * DayMs * MaxTimeTicks) + 1);
}

// A round step (1, 2 or 5 times a power of ten) that splits `range` into about `parts`.
double niceStep(double range, int parts)
{
    const double raw = range / parts;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : { 1.0, 2.0, 5.0 }) {
        if (factor * magnitude >= raw)
            return factor * magnitude;
    }
    return 10 * magnitude;
}

/**
 * Lays the document out page by page. Run once without a painter to count the pages, then again
 * with one to print them: both runs break pages at the same places.
 */
class PdfLayout
{
public:
    PdfLayout(QPdfWriter &writer, const ReportDocument &document, QPainter *painter, int pageCount)
        : m_writer(writer)
        , m_document(document)
        , m_painter(painter)
        , m_pageCount(pageCount)
        , m_page(writer.pageLayout().paintRectPixels(PointsPerInch))
    { }

    int run()
    {
        m_y = 0;
        titleBlock();
        if (!m_document.summary.columns.isEmpty())
            table(m_document.summary);
        findings();
        for (const ReportChart &c : m_document.charts)
            chart(c);
        for (const ReportTable &t : m_document.tables)
            table(t);
        footer();
        return m_pageNumber;
    }

private:
    qreal width() const { return m_page.width(); }
    qreal bottom() const { return m_page.height() - FooterHeight; }
    QFontMetricsF metrics(const QFont &f) const { return QFontMetricsF(f, &m_writer); }

    // Text in a rectangle of the page's width from the cursor on; moves the cursor below it.
    void paragraph(const QString &text, const QFont &f, qreal indent = 0, qreal spaceAfter = 4)
    {
        const QRectF box(indent, m_y, width() - indent, 10000);
        const QRectF needed = metrics(f).boundingRect(box, Qt::TextWordWrap, text);
        ensureSpace(needed.height());
        if (m_painter) {
            m_painter->setFont(f);
            m_painter->setPen(Qt::black);
            m_painter->drawText(QRectF(indent, m_y, width() - indent, needed.height()), Qt::TextWordWrap, text);
        }
        m_y += needed.height() + spaceAfter;
    }

    void ensureSpace(qreal height)
    {
        if (m_y + height > bottom() && m_y > 0)
            newPage();
    }

    void newPage()
    {
        footer();
        if (m_painter)
            m_writer.newPage();
        ++m_pageNumber;
        m_y = 0;
    }

    void footer()
    {
        if (!m_painter)
            return;
        const qreal top = m_page.height() - FooterHeight + 8;
        m_painter->setPen(QPen(Qt::gray, 0.5));
        m_painter->drawLine(QPointF(0, top), QPointF(width(), top));
        m_painter->setFont(font(7));
        m_painter->setPen(Qt::darkGray);
        const QRectF line(0, top + 3, width(), FooterHeight - 11);
        m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("VibeStream Console · %1 · %2").arg(m_document.title, m_document.subject));
        m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("Page %1 of %2").arg(m_pageNumber).arg(m_pageCount));
    }

    // A heading never ends a page: it keeps `keepWith` points of what it introduces on its page.
    void heading(const QString &text, qreal keepWith = 60, qreal spaceBefore = 10)
    {
        const QFont f = font(11, true);
        ensureSpace(spaceBefore + metrics(f).height() + keepWith);
        m_y += m_y > 0 ? spaceBefore : 0;
        paragraph(text, f, 0, 4);
    }

    void titleBlock()
    {
        paragraph(m_document.title, font(20, true), 0, 2);
        paragraph(m_document.subject, font(12), 0, 6);
        paragraph(
            QStringLiteral("Period: %1 to %2").arg(timeText(m_document.period.from), timeText(m_document.period.to)),
            font(9), 0, 1);
        paragraph(u"Generated: " + timeText(m_document.generatedAt), font(9), 0, 1);
        if (!m_document.filters.isEmpty())
            paragraph(u"Filters: " + m_document.filters.join(QStringLiteral(", ")), font(9), 0, 1);
        if (m_painter) {
            m_painter->setPen(QPen(Qt::gray, 0.8));
            m_painter->drawLine(QPointF(0, m_y + 4), QPointF(width(), m_y + 4));
        }
        m_y += 8;
    }

    void findings()
    {
        if (m_document.findings.isEmpty())
            return;
        heading(QStringLiteral("Findings"));
        for (const QString &finding : m_document.findings)
            paragraph(QStringLiteral("•  ") + finding, font(9), 6, 3);
    }

    void chart(const ReportChart &c)
    {
        heading(c.unit.isEmpty() ? c.title : QStringLiteral("%1 (%2)").arg(c.title, c.unit), ChartHeight);
        const QRectF area(0, m_y, width(), ChartHeight);
        m_y += ChartHeight + 6;
        if (m_painter)
            paintChart(c, area);
    }

    void paintChart(const ReportChart &c, const QRectF &area)
    {
        QPainter &p = *m_painter;
        const QFont labelFont = font(7);
        const QFontMetricsF labels = metrics(labelFont);
        p.setFont(labelFont);

        // Legend on the first line.
        qreal legendX = 0;
        for (qsizetype i = 0; i < c.series.size(); ++i) {
            p.setPen(QPen(SeriesColors.at(i % SeriesColors.size()), 2));
            const qreal middle = area.top() + labels.height() / 2;
            p.drawLine(QPointF(legendX, middle), QPointF(legendX + 14, middle));
            p.setPen(Qt::black);
            p.drawText(QPointF(legendX + 18, area.top() + labels.ascent()), c.series.at(i).name);
            legendX += 18 + labels.horizontalAdvance(c.series.at(i).name) + 14;
        }

        double highest = 0;
        bool any = false;
        for (const ReportChart::Series &series : c.series) {
            for (const TrendPoint &point : series.points) {
                highest = std::max(highest, point.value);
                any = true;
            }
        }
        const double step = niceStep(highest > 0 ? highest : 1, 4);
        const double top = std::ceil((highest > 0 ? highest : 1) / step) * step;
        const qreal axisWidth = labels.horizontalAdvance(QLocale().toString(top, 'f', step < 1 ? 2 : 0)) + 6;
        const QRectF plot(area.left() + axisWidth, area.top() + labels.height() + 6, area.width() - axisWidth - 4,
            area.height() - 2 * labels.height() - 12);

        // Grid and value axis.
        for (double value = 0; value <= top + step / 2; value += step) {
            const qreal y = plot.bottom() - plot.height() * value / top;
            p.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.5));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            p.setPen(Qt::black);
            p.drawText(QRectF(area.left(), y - labels.height() / 2, axisWidth - 4, labels.height()),
                Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(value, 'f', step < 1 ? 2 : 0));
        }

        // Time axis: ticks on whole days or hours, at most MaxTimeTicks of them.
        const qint64 from = m_document.period.from.toMSecsSinceEpoch();
        const qint64 span = std::max<qint64>(1, m_document.period.to.toMSecsSinceEpoch() - from);
        const qint64 tick = timeTick(span);
        const bool days = tick >= DayMs;
        for (qint64 at = (from / tick + 1) * tick; at <= from + span; at += tick) {
            // Hours within a day; a date where a day starts.
            const bool midnight = at % DayMs == 0;
            const QString text = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC)
                                     .toString(days || midnight ? QStringLiteral("MM-dd") : QStringLiteral("HH:mm"));
            const qreal x = plot.left() + plot.width() * double(at - from) / double(span);
            p.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.5));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            p.setPen(Qt::black);
            const qreal textWidth = labels.horizontalAdvance(text);
            const qreal left = std::clamp(x - textWidth / 2, plot.left(), plot.right() - textWidth);
            p.drawText(QPointF(left, plot.bottom() + labels.ascent() + 3), text);
        }
        p.setPen(QPen(Qt::gray, 0.8));
        p.drawRect(plot);

        if (!any) {
            p.setPen(Qt::darkGray);
            p.drawText(plot, Qt::AlignCenter, QStringLiteral("No data in this period."));
            return;
        }
        auto position = [&](const TrendPoint &point) {
            const double x = double(point.timestamp.toMSecsSinceEpoch() - from) / double(span);
            return QPointF(plot.left() + plot.width() * std::clamp(x, 0.0, 1.0),
                plot.bottom() - plot.height() * point.value / top);
        };
        p.setRenderHint(QPainter::Antialiasing);
        for (qsizetype i = 0; i < c.series.size(); ++i) {
            const QColor color = SeriesColors.at(i % SeriesColors.size());
            const QList<TrendPoint> &points = c.series.at(i).points;
            QPainterPath path;
            for (const TrendPoint &point : points) {
                if (path.elementCount() == 0)
                    path.moveTo(position(point));
                else
                    path.lineTo(position(point));
            }
            p.setPen(QPen(color, 1.2));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            // A lone point draws no line: mark it.
            if (points.size() == 1) {
                p.setBrush(color);
                p.drawEllipse(position(points.constFirst()), 2, 2);
            }
        }
        p.setRenderHint(QPainter::Antialiasing, false);
    }

    // Column widths that fit the page, and the font size that lets them. A header wraps at its
    // spaces; when even the smallest font is too wide, the widest columns give way (their text is
    // elided) and the narrow ones keep their width.
    std::pair<QList<qreal>, QFont> columnLayout(const ReportTable &t) const
    {
        for (qreal size = TableFont;; size -= 0.5) {
            const QFont body = font(size);
            const QFont header = font(size, true);
            QList<qreal> widths;
            for (qsizetype c = 0; c < t.columns.size(); ++c) {
                qreal widest = 0;
                for (const QString &word : t.columns.at(c).title.split(u' '))
                    widest = std::max(widest, metrics(header).horizontalAdvance(word));
                for (const QVariantList &row : t.rows)
                    widest = std::max(
                        widest, metrics(body).horizontalAdvance(cellText(row.value(c), t.columns.at(c).decimals)));
                widths.append(widest + 2 * CellPadding);
            }
            const qreal total = std::accumulate(widths.cbegin(), widths.cend(), 0.0);
            if (total <= width()) {
                const qreal extra = (width() - total) / qreal(widths.size());
                for (qreal &w : widths)
                    w += extra;
                return { widths, body };
            }
            if (size <= SmallestTableFont)
                return { cappedToPage(widths), body };
        }
    }

    // The widths, the widest capped at the one width that makes them fill the page exactly.
    QList<qreal> cappedToPage(QList<qreal> widths) const
    {
        QList<qreal> sorted = widths;
        std::sort(sorted.begin(), sorted.end());
        qreal below = 0; // the sum of the columns narrower than the cap
        qreal cap = width() / qreal(sorted.size());
        for (qsizetype i = 0; i < sorted.size(); ++i) {
            const qreal candidate = (width() - below) / qreal(sorted.size() - i);
            if (sorted.at(i) > candidate) {
                cap = candidate;
                break;
            }
            below += sorted.at(i);
        }
        for (qreal &w : widths)
            w = std::min(w, cap);
        return widths;
    }

    qreal rowHeight(const QStringList &cells, const QList<qreal> &widths, const QFont &f, bool wrap) const
    {
        qreal height = metrics(f).height();
        for (qsizetype c = 0; wrap && c < cells.size(); ++c)
            height = std::max(height,
                metrics(f)
                    .boundingRect(QRectF(0, 0, widths.at(c) - 2 * CellPadding, 1000), Qt::TextWordWrap, cells.at(c))
                    .height());
        return height + 2 * CellPadding;
    }

    // A header row wraps its titles; a body row elides what does not fit.
    void tableRow(const QStringList &cells, const QList<qreal> &widths, const QList<bool> &rightAligned, const QFont &f,
        const QColor &background, bool wrap = false)
    {
        const qreal height = rowHeight(cells, widths, f, wrap);
        if (m_painter) {
            if (background.isValid())
                m_painter->fillRect(QRectF(0, m_y, width(), height), background);
            m_painter->setFont(f);
            m_painter->setPen(Qt::black);
            qreal x = 0;
            for (qsizetype c = 0; c < cells.size(); ++c) {
                const QRectF cell(x + CellPadding, m_y, widths.at(c) - 2 * CellPadding, height);
                const int align = Qt::AlignVCenter | (rightAligned.at(c) ? Qt::AlignRight : Qt::AlignLeft);
                if (wrap)
                    m_painter->drawText(cell, align | Qt::TextWordWrap, cells.at(c));
                else
                    m_painter->drawText(cell, align, metrics(f).elidedText(cells.at(c), Qt::ElideRight, cell.width()));
                x += widths.at(c);
            }
        }
        m_y += height;
    }

    void table(const ReportTable &t)
    {
        heading(t.title);
        const auto [widths, body] = columnLayout(t);
        const QFont header = font(body.pointSizeF(), true);
        const qreal rowHeight = metrics(body).height() + 2 * CellPadding;
        QStringList titles;
        QList<bool> rightAligned;
        for (qsizetype c = 0; c < t.columns.size(); ++c) {
            titles << t.columns.at(c).title;
            rightAligned << (!t.rows.isEmpty() && isNumber(t.rows.constFirst().value(c)));
        }
        const QColor headerShade(0xe4, 0xe8, 0xee);
        tableRow(titles, widths, rightAligned, header, headerShade, true);
        if (t.rows.isEmpty())
            paragraph(QStringLiteral("None in this period."), body, CellPadding, 2);
        for (qsizetype r = 0; r < t.rows.size(); ++r) {
            if (m_y + rowHeight > bottom()) {
                newPage();
                paragraph(t.title + QStringLiteral(" (continued)"), font(9, true), 0, 2);
                tableRow(titles, widths, rightAligned, header, headerShade, true);
            }
            QStringList cells;
            for (qsizetype c = 0; c < t.columns.size(); ++c)
                cells << cellText(t.rows.at(r).value(c), t.columns.at(c).decimals);
            tableRow(cells, widths, rightAligned, body, r % 2 ? QColor(0xf5, 0xf6, 0xf8) : QColor());
        }
    }

    QPdfWriter &m_writer;
    const ReportDocument &m_document;
    QPainter *m_painter;
    int m_pageCount;
    QRectF m_page;
    qreal m_y = 0;
    int m_pageNumber = 1;
};

} // namespace

namespace PdfReportWriter {

std::optional<QString> write(const ReportDocument &document, QIODevice &device)
{
    QPdfWriter writer(&device);
    writer.setResolution(PointsPerInch);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
        QMarginsF(MarginPoints, MarginPoints, MarginPoints, MarginPoints), QPageLayout::Point));
    writer.setTitle(document.title + QStringLiteral(" — ") + document.subject);
    writer.setCreator(QStringLiteral("VibeStream Console"));

    const int pages = PdfLayout(writer, document, nullptr, 0).run();
    QPainter painter;
    if (!painter.begin(&writer))
        return QStringLiteral("Cannot start the PDF: %1").arg(device.errorString());
    PdfLayout(writer, document, &painter, pages).run();
    if (!painter.end())
        return QStringLiteral("Cannot finish the PDF: %1").arg(device.errorString());
    return std::nullopt;
}

} // namespace PdfReportWriter
