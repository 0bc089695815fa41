#include "exportdialog.h"
#include "pdfreportwriter.h"
#include "samples.h"
#include "storestestcase.h"
#include "testcsv.h"

#include "reports/exportworker.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// File > Export… on real widgets (offscreen), exporting from a real database on the worker's thread.
class TestExportDialog : public StoresTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<ExportWorker> m_worker;
    QTemporaryDir m_dir;
    const TimeWindow m_hour = TimeWindow::endingAt(m_now, 3600);

    static constexpr int SampleCount = 12000; // a few pages of ReportExporter::PageRows

    void storeSamples()
    {
        QList<Metrics> samples;
        for (int i = 0; i < SampleCount; ++i)
            samples << Samples::connection(QStringLiteral("s%1").arg(i % 40), QStringLiteral("u%1").arg(i % 7));
        store(m_now.addSecs(-60), samples);
    }

    // The dialog set to export the raw connection samples of the last hour as CSV to `file`.
    std::unique_ptr<ExportDialog> rawExportDialog(const QString &file)
    {
        ReportFilter filter;
        filter.period = m_hour;
        auto dialog = std::make_unique<ExportDialog>(m_worker.get(), filter);
        auto *type = dialog->findChild<QComboBox *>(QStringLiteral("reportType"));
        type->setCurrentIndex(type->findData(int(ReportType::Connections)));
        dialog->findChild<QLineEdit *>(QStringLiteral("destination"))->setText(m_dir.filePath(file));
        return dialog;
    }

    static QString status(const ExportDialog &dialog)
    {
        return dialog.findChild<QLabel *>(QStringLiteral("status"))->text();
    }

protected:
    void initStoresTest() override
    {
        QVERIFY(m_dir.isValid());
        m_worker = std::make_unique<ExportWorker>(
            m_database->sharedFactory(), std::make_shared<ManualClock>(m_now), PdfReportWriter::write);
    }

    void cleanupStoresTest() override { m_worker.reset(); }

private slots:
    void exportsWithProgressThenOffersToOpen()
    {
        storeSamples();
        const auto dialog = rawExportDialog(QStringLiteral("raw.csv"));
        dialog->show();
        QSignalSpy progress(m_worker.get(), &ExportWorker::progressed);
        auto *exportButton = dialog->findChild<QPushButton *>(QStringLiteral("export"));
        auto *open = dialog->findChild<QPushButton *>(QStringLiteral("open"));
        QVERIFY(exportButton->isEnabled());
        QVERIFY(!open->isEnabled());
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QVERIFY(dialog->isExporting());
        QVERIFY(dialog->findChild<QProgressBar *>()->isVisible());
        QVERIFY(!exportButton->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isExporting(), 30000);
        QCOMPARE(status(*dialog), u"Wrote " + m_dir.filePath(QStringLiteral("raw.csv")));
        QVERIFY(open->isEnabled());
        QVERIFY(!dialog->findChild<QProgressBar *>()->isVisible());
        QCOMPARE(TestCsv::parseFile(m_dir.filePath(QStringLiteral("raw.csv"))).size(), 1 + SampleCount);
        // One report per page of rows, the last one complete.
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(1).toLongLong(), qint64(SampleCount));
        QCOMPARE(progress.last().at(2).toLongLong(), qint64(SampleCount));
    }

    void cancelLeavesNoFile()
    {
        storeSamples();
        const auto dialog = rawExportDialog(QStringLiteral("cancelled.csv"));
        dialog->startExport();
        dialog->cancelExport();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isExporting(), 30000);
        QCOMPARE(status(*dialog), QStringLiteral("Export cancelled: nothing was written."));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("cancelled.csv"))));
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("open"))->isEnabled());
    }

    void aCancelledExportDoesNotStopTheNextOne()
    {
        storeSamples();
        const auto cancelled = rawExportDialog(QStringLiteral("first.csv"));
        const auto next = rawExportDialog(QStringLiteral("next.csv"));
        cancelled->startExport();
        cancelled->cancelExport();
        next->startExport(); // queued behind the cancelled one, on the same worker
        QTRY_VERIFY_WITH_TIMEOUT(!cancelled->isExporting() && !next->isExporting(), 30000);
        QCOMPARE(status(*cancelled), QStringLiteral("Export cancelled: nothing was written."));
        QCOMPARE(status(*next), u"Wrote " + m_dir.filePath(QStringLiteral("next.csv")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("first.csv"))));
        QCOMPARE(TestCsv::parseFile(m_dir.filePath(QStringLiteral("next.csv"))).size(), 1 + SampleCount);
    }

    void failuresAreShown()
    {
        const auto dialog = rawExportDialog(QStringLiteral("unused.csv"));
        dialog->findChild<QLineEdit *>(QStringLiteral("destination"))->setText(QStringLiteral("/proc/no.csv"));
        dialog->startExport();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isExporting(), 30000);
        QVERIFY2(status(*dialog).startsWith(QStringLiteral("Export failed: Cannot write /proc/no.csv")),
            qPrintable(status(*dialog)));
    }

    void startsFromTheActiveFiltersAndRefusesWhatCannotRun()
    {
        ReportFilter filter;
        filter.period = m_hour;
        filter.userId = QStringLiteral("u3");
        filter.connectionType = ConnectionType::Relay;
        filter.qualityAtMost = ConnectionQuality::Poor;
        ExportDialog dialog(m_worker.get(), filter);
        auto *type = dialog.findChild<QComboBox *>(QStringLiteral("reportType"));
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("format"));
        auto *connectionType = dialog.findChild<QComboBox *>(QStringLiteral("connectionType"));
        auto *exportButton = dialog.findChild<QPushButton *>(QStringLiteral("export"));

        type->setCurrentIndex(type->findData(int(ReportType::Sessions)));
        ExportRequest request = dialog.request();
        QCOMPARE(request.filter.period.from, m_hour.from);
        QCOMPARE(request.filter.period.to, m_hour.to);
        QCOMPARE(request.filter.userId, QStringLiteral("u3"));
        QCOMPARE(request.filter.connectionType, std::optional<ConnectionType>(ConnectionType::Relay));
        QCOMPARE(request.filter.qualityAtMost, std::optional<ConnectionQuality>(ConnectionQuality::Poor));
        QVERIFY(exportButton->isEnabled());

        // The fleet report has no connection type filter to honour.
        type->setCurrentIndex(type->findData(int(ReportType::Fleet)));
        QVERIFY(!connectionType->isEnabled());
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(status(dialog).contains(QStringLiteral("connection samples and sessions only")));
        connectionType->setCurrentIndex(0);
        dialog.findChild<QComboBox *>(QStringLiteral("quality"))->setCurrentIndex(0);
        QVERIFY(exportButton->isEnabled());

        // PDF renames the file; raw samples refuse it.
        format->setCurrentIndex(format->findData(int(ReportFormat::Pdf)));
        QVERIFY(dialog.request().path.endsWith(QStringLiteral(".pdf")));
        type->setCurrentIndex(type->findData(int(ReportType::Streaming)));
        QCOMPARE(status(dialog), QStringLiteral("Raw samples export as CSV only."));
        QVERIFY(!exportButton->isEnabled());

        type->setCurrentIndex(type->findData(int(ReportType::Performance)));
        dialog.findChild<QLineEdit *>(QStringLiteral("user"))->clear();
        QVERIFY(status(dialog).contains(QStringLiteral("one user")));
        QVERIFY(!exportButton->isEnabled());
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
