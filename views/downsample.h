#pragma once

#include <QList>
#include <QPointF>

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps `threshold` of the points (x ascending),
 * first and last included, choosing in each bucket the point that spans the largest triangle with
 * its neighbours, so that peaks and dips survive. Returns the input when it is short enough.
 */
QList<QPointF> downsampleLttb(const QList<QPointF> &points, qsizetype threshold);
