#pragma once

#include "reports/reportdocument.h"

#include <QIODevice>

/**
 * Prints a report document as an A4 PDF: a title block with the period and the generation time,
 * the KPI summary, the findings, charts drawn as vector paths, and tables that break across pages
 * under a repeated header; "page N of M" in every footer. Text stays text (selectable, searchable).
 *
 * It paints with QPainter on QPdfWriter only (no widgets, no QtCharts scene), so any thread may
 * print, as long as a QGuiApplication exists for the fonts: the HTTP workers print PDF reports too.
 */
namespace PdfReportWriter {

// Nothing on success, else why the PDF could not be written.
std::optional<QString> write(const ReportDocument &document, QIODevice &device);

} // namespace PdfReportWriter
