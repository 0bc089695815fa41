#include "exportdialog.h"

#include "reports/exportworker.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace {

struct ReportChoice
{
    ReportType type;
    const char *label;
};

constexpr ReportChoice Reports[] = {
    { ReportType::Performance, QT_TRANSLATE_NOOP("ExportDialog", "User performance report") },
    { ReportType::Fleet, QT_TRANSLATE_NOOP("ExportDialog", "Fleet report") },
    { ReportType::Sessions, QT_TRANSLATE_NOOP("ExportDialog", "Session list") },
    { ReportType::Alerts, QT_TRANSLATE_NOOP("ExportDialog", "Alert history") },
    { ReportType::Connections, QT_TRANSLATE_NOOP("ExportDialog", "Raw connection samples") },
    { ReportType::Streaming, QT_TRANSLATE_NOOP("ExportDialog", "Raw streaming samples") },
};

QDateTimeEdit *utcEdit(const QDateTime &time)
{
    auto *edit = new QDateTimeEdit;
    edit->setTimeSpec(Qt::UTC);
    edit->setDateTime(time.toUTC());
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace

ExportDialog::ExportDialog(ExportWorker *worker, const ReportFilter &initial, QWidget *parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_type(new QComboBox)
    , m_format(new QComboBox)
    , m_from(utcEdit(initial.period.from))
    , m_to(utcEdit(initial.period.to))
    , m_user(new QLineEdit(initial.userId))
    , m_session(new QLineEdit(initial.sessionId))
    , m_connectionType(new QComboBox)
    , m_quality(new QComboBox)
    , m_path(new QLineEdit)
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_export(new QPushButton(tr("&Export")))
    , m_cancel(new QPushButton(tr("&Cancel export")))
    , m_open(new QPushButton(tr("&Open file")))
{
    setWindowTitle(tr("Export"));
    // Names for tests and accessibility tools.
    m_type->setObjectName(QStringLiteral("reportType"));
    m_format->setObjectName(QStringLiteral("format"));
    m_user->setObjectName(QStringLiteral("user"));
    m_connectionType->setObjectName(QStringLiteral("connectionType"));
    m_quality->setObjectName(QStringLiteral("quality"));
    m_path->setObjectName(QStringLiteral("destination"));
    m_status->setObjectName(QStringLiteral("status"));
    m_export->setObjectName(QStringLiteral("export"));
    m_open->setObjectName(QStringLiteral("open"));
    for (const ReportChoice &choice : Reports)
        m_type->addItem(tr(choice.label), int(choice.type));
    m_format->addItem(tr("CSV (spreadsheets)"), int(ReportFormat::Csv));
    m_format->addItem(tr("PDF (A4, to read and print)"), int(ReportFormat::Pdf));
    m_user->setPlaceholderText(tr("any user (a performance report needs one)"));
    m_session->setPlaceholderText(tr("any session"));
    m_connectionType->addItem(tr("any connection type"));
    for (const QString &type : enumSpellings<ConnectionType>())
        m_connectionType->addItem(type);
    if (initial.connectionType)
        m_connectionType->setCurrentIndex(int(*initial.connectionType) + 1);
    m_quality->addItem(tr("any quality"));
    for (const QString &quality : enumSpellings<ConnectionQuality>())
        m_quality->addItem(tr("%1 or worse").arg(quality));
    if (initial.qualityAtMost)
        m_quality->setCurrentIndex(int(*initial.qualityAtMost) + 1);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(folder).filePath(
        QStringLiteral("vibestream-%1.csv").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd")))));
    auto *browse = new QPushButton(tr("&Browse…"));
    m_progress->setVisible(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel->setVisible(false);
    m_open->setEnabled(false);
    m_export->setDefault(true);

    auto *destination = new QHBoxLayout;
    destination->addWidget(m_path, 1);
    destination->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Report:"), m_type);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("F&rom:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Session:"), m_session);
    form->addRow(tr("Connection t&ype:"), m_connectionType);
    form->addRow(tr("&Quality:"), m_quality);
    // A row holding a layout gets no buddy by itself.
    auto *saveAs = new QLabel(tr("Save &as:"));
    saveAs->setBuddy(m_path);
    form->addRow(saveAs, destination);
    m_path->setAccessibleName(tr("Save as"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_open, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    setMinimumWidth(560);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseDestination);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_open, &QPushButton::clicked, this, &ExportDialog::openExportedFile);
    connect(m_worker, &ExportWorker::progressed, this, [this](quint64 exportNumber, qint64 done, qint64 total) {
        if (exportNumber != m_exportNumber)
            return; // another dialog's export
        // QProgressBar counts in int: show per mille of the total.
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(m_worker, &ExportWorker::finished, this, &ExportDialog::finishExport);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // The file name follows the format.
        const QFileInfo file(m_path->text());
        const QString suffix = request().format == ReportFormat::Pdf ? QStringLiteral("pdf") : QStringLiteral("csv");
        m_path->setText(file.dir().filePath(file.completeBaseName() + u'.' + suffix));
    });
    for (QComboBox *combo : { m_type, m_format, m_connectionType, m_quality })
        connect(combo, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    for (QLineEdit *edit : { m_user, m_session, m_path })
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    for (QDateTimeEdit *edit : { m_from, m_to })
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &ExportDialog::updateState);
    updateState();
}

ExportDialog::~ExportDialog()
{
    // The file a closed dialog would never report must not be half written.
    if (isExporting())
        m_worker->cancel();
}

ExportRequest ExportDialog::request() const
{
    ExportRequest request;
    request.type = ReportType(m_type->currentData().toInt());
    request.format = ReportFormat(m_format->currentData().toInt());
    request.filter.period = { m_from->dateTime().toUTC(), m_to->dateTime().toUTC() };
    request.filter.userId = m_user->text().trimmed();
    request.filter.sessionId = m_session->text().trimmed();
    if (m_connectionType->currentIndex() > 0)
        request.filter.connectionType = ConnectionType(m_connectionType->currentIndex() - 1);
    if (m_quality->currentIndex() > 0)
        request.filter.qualityAtMost = ConnectionQuality(m_quality->currentIndex() - 1);
    request.path = m_path->text().trimmed();
    return request;
}

QString ExportDialog::problem() const
{
    const ExportRequest r = request();
    if (auto why = r.filter.unsupportedBy(r.type))
        return *why;
    if (r.format == ReportFormat::Pdf && (r.type == ReportType::Connections || r.type == ReportType::Streaming))
        return tr("Raw samples export as CSV only.");
    if (r.path.isEmpty())
        return tr("Choose where to save the export.");
    return QString();
}

void ExportDialog::updateState()
{
    const ReportType type = request().type;
    const bool byConnection = type == ReportType::Connections || type == ReportType::Sessions;
    m_connectionType->setEnabled(byConnection && !isExporting());
    m_quality->setEnabled(byConnection && !isExporting());
    const QString why = problem();
    m_export->setEnabled(why.isEmpty() && !isExporting());
    if (!isExporting())
        m_status->setText(why);
}

void ExportDialog::chooseDestination()
{
    const bool pdf = request().format == ReportFormat::Pdf;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export to"), m_path->text(), pdf ? tr("PDF documents (*.pdf)") : tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::startExport()
{
    if (isExporting() || !problem().isEmpty())
        return;
    m_written.clear();
    m_open->setEnabled(false);
    m_progress->setRange(0, 0); // busy until the first progress
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_status->setText(tr("Exporting…"));
    m_exportNumber = m_worker->start(request());
    updateState();
}

void ExportDialog::cancelExport()
{
    if (isExporting())
        m_worker->cancel();
}

void ExportDialog::finishExport(quint64 exportNumber, const QString &error)
{
    if (exportNumber != m_exportNumber)
        return; // another dialog's export
    m_exportNumber = 0;
    m_cancel->setVisible(false);
    m_progress->setVisible(false);
    updateState();
    if (error == ReportExporter::Cancelled) {
        m_status->setText(tr("Export cancelled: nothing was written."));
    } else if (!error.isEmpty()) {
        m_status->setText(tr("Export failed: %1").arg(error));
    } else {
        m_written = request().path;
        m_status->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(m_written)));
        m_open->setEnabled(true);
        m_open->setFocus();
    }
}

void ExportDialog::openExportedFile()
{
    if (!m_written.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_written));
}
