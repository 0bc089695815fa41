#include "sessiontablemodel.h"

#include "domain/qualityscale.h"

#include <QLocale>

SessionTableModel::SessionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SessionTableModel::~SessionTableModel() = default;

void SessionTableModel::setSessions(const QList<SessionOverview> &sessions)
{
    beginResetModel();
    m_sessions = sessions;
    endResetModel();
}

int SessionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const SessionOverview &overview = m_sessions.at(index.row());
    const SessionAnalytics &s = overview.figures;
    switch (role) {
    case QualityScoreRole:
        return QualityScale::score(s.averageConnectionQuality);
    case PeerIdsRole:
        return overview.peerIds;
    case ConnectionTypesRole: {
        QVariantList types;
        for (ConnectionType type : overview.connectionTypes)
            types.append(int(type));
        return types;
    }
    case Qt::ToolTipRole:
        if (index.column() == Quality && s.qualityMismatch)
            return tr("Peers report %1, but latency, jitter and packet loss give a MOS of %2 (%3): two classes or more "
                      "apart, so the reported quality is not to be trusted.")
                .arg(spelling(s.averageConnectionQuality), QLocale().toString(*s.averageMos, 'f', 2),
                    spelling(*s.computedQuality));
        return index.column() == Peers ? QVariant(overview.peerIds.join(u'\n')) : QVariant();
    default:
        break;
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() >= Mos && index.column() <= StreamingHours;
        return QVariant::fromValue(
            Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    const bool display = role == Qt::DisplayRole;
    const QLocale locale;
    switch (Columns(index.column())) {
    case Session:
        return s.sessionId;
    case User:
        return s.userId;
    case Peers:
        return display ? QVariant(overview.peerIds.join(QStringLiteral(", "))) : QVariant(overview.peerIds.size());
    case ConnectionTypes: {
        QStringList types;
        for (ConnectionType type : overview.connectionTypes)
            types.append(spelling(type));
        return types.join(QStringLiteral(", "));
    }
    case Quality:
        if (!display)
            return QualityScale::score(s.averageConnectionQuality);
        // A reported quality the samples' own figures contradict is shown with what they say.
        return s.qualityMismatch
            ? tr("%1 (E-model: %2)").arg(spelling(s.averageConnectionQuality), spelling(*s.computedQuality))
            : spelling(s.averageConnectionQuality);
    case Mos:
        if (!s.averageMos)
            return QVariant();
        return display ? QVariant(locale.toString(*s.averageMos, 'f', 2)) : QVariant(*s.averageMos);
    case SuccessRate:
        return display ? QVariant(locale.toString(s.successRatePercent, 'f', 1) + QStringLiteral(" %"))
                       : QVariant(s.successRatePercent);
    case Connections:
        return display ? QVariant(locale.toString(s.totalConnections)) : QVariant(s.totalConnections);
    case Streams:
        return display ? QVariant(locale.toString(s.totalStreamingSessions)) : QVariant(s.totalStreamingSessions);
    case StreamingHours:
        return display ? QVariant(locale.toString(s.totalStreamingHours, 'f', 2)) : QVariant(s.totalStreamingHours);
    case Created:
        return display ? QVariant(locale.toString(s.createdAt.toLocalTime(), QLocale::ShortFormat))
                       : QVariant(s.createdAt);
    case LastSeen:
        return display ? QVariant(locale.toString(s.updatedAt.toLocalTime(), QLocale::ShortFormat))
                       : QVariant(s.updatedAt);
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    static const char *const titles[ColumnCount]
        = { QT_TR_NOOP("Session"), QT_TR_NOOP("User"), QT_TR_NOOP("Peers"), QT_TR_NOOP("Connection types"),
              QT_TR_NOOP("Quality"), QT_TR_NOOP("MOS"), QT_TR_NOOP("Success rate"), QT_TR_NOOP("Connections"),
              QT_TR_NOOP("Streams"), QT_TR_NOOP("Streaming hours"), QT_TR_NOOP("Created"), QT_TR_NOOP("Last seen") };
    return tr(titles[section]);
}
