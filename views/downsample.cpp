#include "downsample.h"

#include <cmath>

QList<QPointF> downsampleLttb(const QList<QPointF> &points, qsizetype threshold)
{
    if (threshold >= points.size() || threshold < 3)
        return points;
    QList<QPointF> sampled;
    sampled.reserve(threshold);
    sampled.append(points.constFirst());
    const double bucketSize = double(points.size() - 2) / double(threshold - 2);
    qsizetype chosen = 0;
    for (qsizetype bucket = 0; bucket < threshold - 2; ++bucket) {
        // The average of the next bucket is the triangle's third corner.
        const qsizetype nextStart = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;
        const qsizetype nextEnd
            = std::min<qsizetype>(qsizetype(std::floor((bucket + 2) * bucketSize)) + 1, points.size());
        QPointF average;
        for (qsizetype i = nextStart; i < nextEnd; ++i)
            average += points.at(i);
        average /= double(std::max<qsizetype>(1, nextEnd - nextStart));

        const qsizetype start = qsizetype(std::floor(bucket * bucketSize)) + 1;
        const qsizetype end = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;
        const QPointF &a = points.at(chosen);
        double largestArea = -1;
        qsizetype largest = start;
        for (qsizetype i = start; i < end; ++i) {
            const QPointF &b = points.at(i);
            const double area
                = std::abs((a.x() - average.x()) * (b.y() - a.y()) - (a.x() - b.x()) * (average.y() - a.y()));
            if (area > largestArea) {
                largestArea = area;
                largest = i;
            }
        }
        sampled.append(points.at(largest));
        chosen = largest;
    }
    sampled.append(points.constLast());
    return sampled;
}
