#include "sampletablemodel.h"

#include "domain/emodel.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace {

template<typename Metrics, typename Field> std::function<QVariant(const StoredSample &)> field(Field get)
{
    return [get](const StoredSample &sample) -> QVariant {
        if (const auto *m = std::get_if<Metrics>(&sample.record.metrics))
            return get(*m);
        return QVariant();
    };
}

SampleTableModel::Column timeColumn()
{
    return { QCoreApplication::translate("SampleTableModel", "Time"), [](const StoredSample &sample) -> QVariant {
                return QLocale().toString(
                    sample.record.recordedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            } };
}

} // namespace

SampleTableModel::SampleTableModel(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{ }

SampleTableModel::~SampleTableModel() = default;

QList<SampleTableModel::Column> SampleTableModel::connectionColumns()
{
    using C = ConnectionMetrics;
    return {
        timeColumn(),
        { tr("Connection"), field<C>([](const C &m) { return m.connectionId; }) },
        { tr("Peer"), field<C>([](const C &m) { return m.peerId; }) },
        { tr("Type"), field<C>([](const C &m) { return spelling(m.connectionType); }) },
        { tr("Latency ms"), field<C>([](const C &m) { return qint64(m.latencyMs); }) },
        { tr("Bandwidth Mbps"), field<C>([](const C &m) { return m.bandwidthMbps; }) },
        { tr("Loss %"), field<C>([](const C &m) { return m.packetLossPercent; }) },
        { tr("Jitter ms"), field<C>([](const C &m) { return qint64(m.jitterMs); }) },
        { tr("Quality"), field<C>([](const C &m) { return spelling(m.connectionQuality); }) },
        { tr("MOS"), field<C>([](const C &m) {
             return std::round(EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent) * 100) / 100;
         }) },
        { tr("ICE"), field<C>([](const C &m) { return m.iceConnectionState; }) },
        { tr("DTLS"), field<C>([](const C &m) { return m.dtlsTransportState; }) },
    };
}

QList<SampleTableModel::Column> SampleTableModel::streamingColumns()
{
    using S = StreamingMetrics;
    return {
        timeColumn(),
        { tr("Stream"), field<S>([](const S &m) { return m.streamId; }) },
        { tr("Content"), field<S>([](const S &m) { return m.contentId; }) },
        { tr("Quality level"), field<S>([](const S &m) { return spelling(m.qualityLevel); }) },
        { tr("Bitrate kbps"), field<S>([](const S &m) { return qint64(m.bitrateKbps); }) },
        { tr("Frame rate"), field<S>([](const S &m) { return double(m.frameRate); }) },
        { tr("Resolution"), field<S>([](const S &m) {
             return QStringLiteral("%1×%2").arg(m.resolutionWidth).arg(m.resolutionHeight);
         }) },
        { tr("Buffer s"), field<S>([](const S &m) { return double(m.bufferLevelSeconds); }) },
        { tr("Dropped"),
            field<S>([](const S &m) { return QStringLiteral("%1 / %2").arg(m.droppedFrames).arg(m.totalFrames); }) },
        { tr("Switches"), field<S>([](const S &m) { return qint64(m.adaptiveSwitches); }) },
        { tr("Ended"), field<S>([](const S &m) { return m.endTime ? QStringLiteral("yes") : QString(); }) },
    };
}

void SampleTableModel::setSamples(const QList<StoredSample> &samples)
{
    beginResetModel();
    m_samples = samples;
    endResetModel();
}

int SampleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int SampleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SampleTableModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return m_columns.at(index.column()).value(m_samples.at(index.row()));
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns.size())
        return QVariant();
    return m_columns.at(section).title;
}
