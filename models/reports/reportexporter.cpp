#include "reportexporter.h"

#include "domain/emodel.h"
#include "domain/qualityscale.h"
#include "domain/spellings.h"
#include "reports/csvwriter.h"

#include <QDir>
#include <QSaveFile>

#include <memory>

namespace {

constexpr Spellings<ReportType, 6> s_types { { "performance", "fleet", "connections", "streaming", "sessions",
    "alerts" } };
constexpr Spellings<ReportFormat, 2> s_formats { { "csv", "pdf" } };

bool isRawSamples(ReportType type)
{
    return type == ReportType::Connections || type == ReportType::Streaming;
}

bool qualityAtMost(ConnectionQuality quality, const std::optional<ConnectionQuality> &limit)
{
    return !limit || QualityScale::score(quality) <= QualityScale::score(*limit);
}

// One column of a raw sample export: its CSV name beside its value, so that the two never drift apart.
template<typename Metrics> struct SampleColumn
{
    const char *name;
    QVariant (*value)(const StoredSample &sample, const Metrics &metrics);
};

using ConnectionColumn = SampleColumn<ConnectionMetrics>;
using StreamingColumn = SampleColumn<StreamingMetrics>;
using Sample = const StoredSample &;
using Connection = const ConnectionMetrics &;
using Streaming = const StreamingMetrics &;

// The contract's field names, then the console's: the sample's id and arrival time, and its MOS.
const ConnectionColumn ConnectionColumns[] = {
    { "id", [](Sample s, Connection) -> QVariant { return s.ids.id; } },
    { "created_at", [](Sample s, Connection) -> QVariant { return s.record.recordedAt; } },
    { "session_id", [](Sample, Connection m) -> QVariant { return m.sessionId; } },
    { "user_id", [](Sample, Connection m) -> QVariant { return m.userId; } },
    { "connection_id", [](Sample, Connection m) -> QVariant { return m.connectionId; } },
    { "peer_id", [](Sample, Connection m) -> QVariant { return m.peerId; } },
    { "connection_type", [](Sample, Connection m) -> QVariant { return spelling(m.connectionType); } },
    { "latency_ms", [](Sample, Connection m) -> QVariant { return m.latencyMs; } },
    { "bandwidth_mbps", [](Sample, Connection m) -> QVariant { return m.bandwidthMbps; } },
    { "packet_loss_percent", [](Sample, Connection m) -> QVariant { return m.packetLossPercent; } },
    { "jitter_ms", [](Sample, Connection m) -> QVariant { return m.jitterMs; } },
    { "connection_quality", [](Sample, Connection m) -> QVariant { return spelling(m.connectionQuality); } },
    { "ice_connection_state", [](Sample, Connection m) -> QVariant { return m.iceConnectionState; } },
    { "dtls_transport_state", [](Sample, Connection m) -> QVariant { return m.dtlsTransportState; } },
    { "mos",
        [](Sample, Connection m) -> QVariant { return EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent); } },
};

const StreamingColumn StreamingColumns[] = {
    { "id", [](Sample s, Streaming) -> QVariant { return s.ids.id; } },
    { "created_at", [](Sample s, Streaming) -> QVariant { return s.record.recordedAt; } },
    { "session_id", [](Sample, Streaming m) -> QVariant { return m.sessionId; } },
    { "user_id", [](Sample, Streaming m) -> QVariant { return m.userId; } },
    { "stream_id", [](Sample, Streaming m) -> QVariant { return m.streamId; } },
    { "content_id", [](Sample, Streaming m) -> QVariant { return m.contentId; } },
    { "quality_level", [](Sample, Streaming m) -> QVariant { return spelling(m.qualityLevel); } },
    { "bitrate_kbps", [](Sample, Streaming m) -> QVariant { return m.bitrateKbps; } },
    { "frame_rate", [](Sample, Streaming m) -> QVariant { return m.frameRate; } },
    { "resolution_width", [](Sample, Streaming m) -> QVariant { return m.resolutionWidth; } },
    { "resolution_height", [](Sample, Streaming m) -> QVariant { return m.resolutionHeight; } },
    { "buffer_level_seconds", [](Sample, Streaming m) -> QVariant { return m.bufferLevelSeconds; } },
    { "dropped_frames", [](Sample, Streaming m) -> QVariant { return m.droppedFrames; } },
    { "total_frames", [](Sample, Streaming m) -> QVariant { return m.totalFrames; } },
    { "adaptive_switches", [](Sample, Streaming m) -> QVariant { return m.adaptiveSwitches; } },
    { "start_time", [](Sample, Streaming m) -> QVariant { return m.startTime; } },
    { "end_time", [](Sample, Streaming m) -> QVariant { return m.endTime ? QVariant(*m.endTime) : QVariant(); } },
    { "duration_seconds", [](Sample, Streaming m) -> QVariant { return m.durationSeconds; } },
};

template<typename Metrics, std::size_t N> QStringList headerOf(const SampleColumn<Metrics> (&columns)[N])
{
    QStringList names;
    for (const SampleColumn<Metrics> &column : columns)
        names << QString::fromLatin1(column.name);
    return names;
}

template<typename Metrics, std::size_t N>
QVariantList rowOf(const SampleColumn<Metrics> (&columns)[N], const StoredSample &sample, const Metrics &metrics)
{
    QVariantList row;
    row.reserve(qsizetype(N));
    for (const SampleColumn<Metrics> &column : columns)
        row << column.value(sample, metrics);
    return row;
}

QString cannotWrite(const QIODevice &device)
{
    const auto *file = qobject_cast<const QFileDevice *>(&device);
    if (!file)
        return u"Cannot write the export: " + device.errorString();
    return QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(file->fileName()), file->errorString());
}

// The files of one export, committed together once all are written, or none.
class OutputFiles
{
public:
    QIODevice *open(const QString &path, QString *error)
    {
        auto file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly)) {
            *error = cannotWrite(*file);
            return nullptr;
        }
        m_files.push_back(std::move(file));
        return m_files.back().get();
    }

    std::optional<QString> commit()
    {
        for (const auto &file : m_files) {
            if (!file->commit())
                return cannotWrite(*file);
        }
        return std::nullopt;
    }

private:
    // Destroyed uncommitted, a QSaveFile removes what it wrote.
    std::vector<std::unique_ptr<QSaveFile>> m_files;
};

} // namespace

const QString ReportExporter::Cancelled = QStringLiteral("Cancelled.");

QString spelling(ReportType type)
{
    return s_types.name(type);
}

QString spelling(ReportFormat format)
{
    return s_formats.name(format);
}

template<> std::optional<ReportType> enumFromString<ReportType>(const QString &text)
{
    return s_types.parse(text);
}

template<> std::optional<ReportFormat> enumFromString<ReportFormat>(const QString &text)
{
    return s_formats.parse(text);
}

template<> QStringList enumSpellings<ReportType>()
{
    return s_types.all();
}

template<> QStringList enumSpellings<ReportFormat>()
{
    return s_formats.all();
}

QStringList ReportFilter::inWords() const
{
    QStringList words;
    if (!userId.isEmpty())
        words << u"user " + userId;
    if (!sessionId.isEmpty())
        words << u"session " + sessionId;
    if (connectionType)
        words << u"connection type " + spelling(*connectionType);
    if (qualityAtMost)
        words << u"quality " + spelling(*qualityAtMost) + u" or worse";
    return words;
}

std::optional<QString> ReportFilter::unsupportedBy(ReportType type) const
{
    if (!period.from.isValid() || !period.to.isValid() || period.from >= period.to)
        return QStringLiteral("The period must end after it starts.");
    if (type == ReportType::Performance && userId.isEmpty())
        return QStringLiteral("A performance report is about one user: name it.");
    const bool byConnection = connectionType || qualityAtMost;
    if (byConnection && type != ReportType::Connections && type != ReportType::Sessions)
        return QStringLiteral("Connection type and quality filters apply to connection samples and sessions only, "
                              "not to the %1 report.")
            .arg(spelling(type));
    return std::nullopt;
}

ReportExporter::ReportExporter(
    AnalyticsService &service, AnalyticsRepository &repository, AlertStore &alerts, PdfWriter pdfWriter)
    : m_service(service)
    , m_repository(repository)
    , m_builder(service, repository, alerts)
    , m_pdfWriter(std::move(pdfWriter))
{ }

StorageResult<ReportDocument> ReportExporter::document(ReportType type, const ReportFilter &filter)
{
    const QDateTime now = m_service.now();
    ReportDocument document;
    switch (type) {
    case ReportType::Performance: {
        TRY_STORAGE(report, m_builder.performance(filter.userId, filter.period));
        document = ReportDocuments::performance(report, now);
        break;
    }
    case ReportType::Fleet: {
        TRY_STORAGE(report, m_builder.fleet(filter.period));
        document = ReportDocuments::fleet(report, now);
        break;
    }
    case ReportType::Sessions: {
        TRY_STORAGE(sessions, m_service.sessionOverviews(filter.samples()));
        QList<SessionOverview> selected;
        for (const SessionOverview &session : sessions) {
            const bool typeMatches = !filter.connectionType || session.connectionTypes.contains(*filter.connectionType);
            if (typeMatches && qualityAtMost(session.figures.averageConnectionQuality, filter.qualityAtMost))
                selected.append(session);
        }
        document = ReportDocuments::sessions(selected, filter.period, now);
        break;
    }
    case ReportType::Alerts: {
        TRY_STORAGE(alerts, m_builder.alertsAbout(filter.samples()));
        document = ReportDocuments::alerts(alerts, filter.period, now);
        break;
    }
    case ReportType::Connections:
    case ReportType::Streaming:
        return StorageError { StorageError::Kind::Failed, QStringLiteral("Raw samples have no document.") };
    }
    document.filters = filter.inWords();
    return document;
}

QStringList ReportExporter::csvPaths(const ReportDocument &document, const QString &path)
{
    const QString base = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? path.chopped(4) : path;
    QStringList paths;
    const QList<ReportTable> tables = document.csvTables();
    for (qsizetype i = 0; i < tables.size(); ++i)
        paths << (i == 0 ? path : base + u'-' + tables.at(i).name + QStringLiteral(".csv"));
    return paths;
}

bool ReportExporter::writeTable(const ReportTable &table, QIODevice &device)
{
    CsvWriter csv(device);
    QStringList header;
    for (const ReportColumn &column : table.columns)
        header << column.name;
    if (!csv.writeHeader(header))
        return false;
    for (const QVariantList &row : table.rows) {
        if (!csv.writeRow(row))
            return false;
    }
    return true;
}

StorageResult<qint64> ReportExporter::countSamples(MetricKind kind, const ReportFilter &filter)
{
    if (kind == MetricKind::Streaming) {
        TRY_STORAGE(totals, m_repository.streamingTotals(filter.samples()));
        return totals.samples;
    }
    TRY_STORAGE(totals, m_repository.connectionTotals(filter.samples()));
    return totals.samples;
}

std::optional<QString> ReportExporter::writeSamples(
    MetricKind kind, const ReportFilter &filter, QIODevice &device, const Progress &progress)
{
    // An upper bound when the type or quality filter drops samples: the count ignores them.
    const auto total = countSamples(kind, filter);
    if (!total.ok())
        return total.error().message;
    CsvWriter csv(device);
    if (!csv.writeHeader(kind == MetricKind::Connection ? headerOf(ConnectionColumns) : headerOf(StreamingColumns)))
        return cannotWrite(device);
    qint64 done = 0;
    std::optional<SampleCursor> cursor;
    for (;;) {
        const auto page = m_repository.samplePage(kind, filter.samples(), cursor, PageRows);
        if (!page.ok())
            return page.error().message;
        for (const StoredSample &sample : page.value()) {
            QVariantList row;
            if (const auto *m = std::get_if<ConnectionMetrics>(&sample.record.metrics)) {
                if ((filter.connectionType && m->connectionType != *filter.connectionType)
                    || !qualityAtMost(m->connectionQuality, filter.qualityAtMost))
                    continue;
                row = rowOf(ConnectionColumns, sample, *m);
            } else if (const auto *m = std::get_if<StreamingMetrics>(&sample.record.metrics)) {
                row = rowOf(StreamingColumns, sample, *m);
            }
            if (!csv.writeRow(row))
                return cannotWrite(device);
        }
        done += page.value().size();
        if (progress && !progress(done, std::max(done, total.value())))
            return Cancelled;
        if (page.value().size() < PageRows)
            return std::nullopt;
        cursor = SampleCursor::after(page.value().constLast());
    }
}

std::optional<QString> ReportExporter::exportTo(const ExportRequest &request, const Progress &progress)
{
    if (auto why = request.filter.unsupportedBy(request.type))
        return why;
    OutputFiles files;
    QString error;
    if (isRawSamples(request.type)) {
        if (request.format == ReportFormat::Pdf)
            return QStringLiteral("Raw samples export as CSV only: a PDF of them would not be read.");
        QIODevice *device = files.open(request.path, &error);
        if (!device)
            return error;
        const MetricKind kind
            = request.type == ReportType::Connections ? MetricKind::Connection : MetricKind::Streaming;
        if (auto failed = writeSamples(kind, request.filter, *device, progress))
            return failed;
        return files.commit();
    }

    const auto built = document(request.type, request.filter);
    if (!built.ok())
        return built.error().message;
    const ReportDocument &report = built.value();
    if (progress && !progress(0, 1))
        return Cancelled;
    if (request.format == ReportFormat::Pdf) {
        QIODevice *device = files.open(request.path, &error);
        if (!device)
            return error;
        if (auto failed = writePdf(report, *device))
            return failed;
    } else {
        const QStringList paths = csvPaths(report, request.path);
        const QList<ReportTable> tables = report.csvTables();
        for (qsizetype i = 0; i < tables.size(); ++i) {
            QIODevice *device = files.open(paths.at(i), &error);
            if (!device)
                return error;
            if (!writeTable(tables.at(i), *device))
                return cannotWrite(*device);
        }
    }
    if (progress)
        progress(1, 1);
    return files.commit();
}
