#include "domain/timestamps.h"
#include "pdfreportwriter.h"
#include "reports/reportexporter.h"
#include "samples.h"
#include "storestestcase.h"
#include "testcsv.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// Exports written to real files from a real database, read back the way their readers would: CSV
// parsed as RFC 4180, PDF through poppler's pdfinfo, pdftotext and pdftocairo.
class TestReportExport : public StoresTestCase
{
    Q_OBJECT

private:
    const TimeWindow m_week = TimeWindow::endingAt(m_now, 7 * 86400);
    std::unique_ptr<ReportExporter> m_exporter;
    QTemporaryDir m_dir { QDir::tempPath() + QStringLiteral("/tst_reportexport-XXXXXX") };

    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::optional<QString> exportTo(ReportType type, ReportFormat format, const QString &file, ReportFilter filter = {})
    {
        if (!filter.period.to.isValid())
            filter.period = m_week;
        return m_exporter->exportTo({ type, format, filter, path(file) });
    }

    static QString run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            qWarning("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    static ConnectionMetrics awkward(int i)
    {
        ConnectionMetrics m = Samples::connection(QStringLiteral("s,\"1\""), QStringLiteral("ü1"));
        m.peerId = QStringLiteral("peer, \"quoted\"\nline %1 🎬").arg(i);
        m.latencyMs = 30 + quint32(i % 50);
        m.bandwidthMbps = 12.5 + i / 1000.0;
        m.packetLossPercent = 0.125;
        m.connectionType = i % 2 ? ConnectionType::Relay : ConnectionType::WebRTC;
        m.connectionQuality = i % 3 ? ConnectionQuality::Good : ConnectionQuality::Poor;
        return m;
    }

protected:
    void initStoresTest() override
    {
        QVERIFY(m_dir.isValid());
        m_exporter
            = std::make_unique<ReportExporter>(*m_service, *m_stores.samples, *m_stores.alerts, PdfReportWriter::write);
        // A decimal comma must not reach the CSV.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    }

    void cleanupStoresTest() override
    {
        QLocale::setDefault(QLocale::c());
        m_exporter.reset();
    }

private slots:
    void connectionCsvReadsBackAsStoredAcrossPages()
    {
        // More than a page, awkward strings, and samples outside the week that must stay out.
        QList<Metrics> samples;
        for (int i = 0; i < int(ReportExporter::PageRows) + 7; ++i)
            samples << awkward(i);
        store(m_now.addSecs(-3600), samples);
        store(m_now.addDays(-8), { awkward(1) });

        QCOMPARE(exportTo(ReportType::Connections, ReportFormat::Csv, QStringLiteral("c.csv")), std::nullopt);
        const QList<QStringList> csv = TestCsv::parseFile(path(QStringLiteral("c.csv")));
        const QList<StoredSample> stored = value(m_stores.samples->samples(MetricKind::Connection, { m_week, {}, {} }));
        QCOMPARE(csv.size(), stored.size() + 1);
        QCOMPARE(csv.at(0).at(0), QStringLiteral("id"));
        QCOMPARE(csv.at(0).at(5), QStringLiteral("peer_id"));
        for (qsizetype i = 0; i < stored.size(); ++i) {
            const QStringList &row = csv.at(i + 1);
            const auto &m = std::get<ConnectionMetrics>(stored.at(i).record.metrics);
            QCOMPARE(row.size(), 15);
            QCOMPARE(row.at(0), stored.at(i).ids.id);
            QCOMPARE(row.at(1), Timestamps::format(stored.at(i).record.recordedAt));
            QCOMPARE(row.at(2), m.sessionId);
            QCOMPARE(row.at(3), m.userId);
            QCOMPARE(row.at(5), m.peerId);
            QCOMPARE(row.at(6), spelling(m.connectionType));
            QCOMPARE(row.at(7).toUInt(), m.latencyMs);
            QVERIFY2(!row.at(8).contains(u','), qPrintable(row.at(8)));
            QCOMPARE(row.at(8).toDouble(), m.bandwidthMbps);
            QCOMPARE(row.at(9), QStringLiteral("0.125"));
            QCOMPARE(row.at(11), spelling(m.connectionQuality));
        }
    }

    void connectionCsvHonoursEveryFilter()
    {
        QList<Metrics> samples;
        for (int i = 0; i < 12; ++i)
            samples << awkward(i);
        store(m_now.addSecs(-60), samples);
        store(m_now.addSecs(-60), { Samples::connection(QStringLiteral("other"), QStringLiteral("u2")) });

        ReportFilter filter;
        filter.userId = QStringLiteral("ü1");
        filter.connectionType = ConnectionType::Relay;
        filter.qualityAtMost = ConnectionQuality::Poor;
        QCOMPARE(exportTo(ReportType::Connections, ReportFormat::Csv, QStringLiteral("f.csv"), filter), std::nullopt);
        const QList<QStringList> csv = TestCsv::parseFile(path(QStringLiteral("f.csv")));
        // Relay is odd i, Poor is i divisible by 3: 3 and 9.
        QCOMPARE(csv.size(), 3);
        for (const QStringList &row : csv.mid(1)) {
            QCOMPARE(row.at(6), QStringLiteral("Relay"));
            QCOMPARE(row.at(11), QStringLiteral("Poor"));
        }

        filter = {};
        filter.sessionId = QStringLiteral("other");
        QCOMPARE(exportTo(ReportType::Connections, ReportFormat::Csv, QStringLiteral("s.csv"), filter), std::nullopt);
        QCOMPARE(TestCsv::parseFile(path(QStringLiteral("s.csv"))).size(), 2);
    }

    void streamingCsvKeepsFloatFields()
    {
        StreamingMetrics m = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 12.25);
        m.frameRate = 29.97f;
        m.bufferLevelSeconds = 0.25f;
        store(m_now.addSecs(-60), { m });
        QCOMPARE(exportTo(ReportType::Streaming, ReportFormat::Csv, QStringLiteral("st.csv")), std::nullopt);
        const QList<QStringList> csv = TestCsv::parseFile(path(QStringLiteral("st.csv")));
        QCOMPARE(csv.size(), 2);
        QCOMPARE(csv.at(1).at(8), QStringLiteral("29.97"));
        QCOMPARE(csv.at(1).at(11), QStringLiteral("0.25"));
        QCOMPARE(csv.at(1).at(15), Timestamps::format(m.startTime));
        QCOMPARE(csv.at(1).at(16), QString()); // no end time
        QCOMPARE(csv.at(1).at(17), QStringLiteral("12.25"));
    }

    void performanceCsvWritesEveryTable()
    {
        store(m_now.addSecs(-3600), { awkward(0), awkward(1), awkward(2) });
        ReportFilter filter;
        filter.userId = QStringLiteral("ü1");
        QCOMPARE(exportTo(ReportType::Performance, ReportFormat::Csv, QStringLiteral("p.csv"), filter), std::nullopt);
        for (const QString &table :
            { QStringLiteral("daily"), QStringLiteral("connection_types"), QStringLiteral("best_sessions"),
                QStringLiteral("worst_sessions"), QStringLiteral("alerts"), QStringLiteral("findings") })
            QVERIFY2(QFile::exists(path(u"p-" + table + u".csv")), qPrintable(table));

        const QList<QStringList> summary = TestCsv::parseFile(path(QStringLiteral("p.csv")));
        QCOMPARE(
            summary.at(0), QStringList({ QStringLiteral("figure"), QStringLiteral("value"), QStringLiteral("unit") }));
        const PerformanceReport expected = value(m_service->performanceReportOver(QStringLiteral("ü1"), m_week));
        QCOMPARE(summary.at(1), QStringList({ QStringLiteral("Sessions"), QStringLiteral("1"), QString() }));
        QCOMPARE(summary.at(4).at(1).toDouble(), expected.successRatePercent);
        QCOMPARE(summary.at(5).at(1).toDouble(), expected.mos->average);

        const QList<QStringList> daily = TestCsv::parseFile(path(QStringLiteral("p-daily.csv")));
        QCOMPARE(daily.size(), 1 + 8); // a partial day at each end of the week
        QCOMPARE(daily.last().at(0), QStringLiteral("2026-11-28"));
        QCOMPARE(daily.last().at(1), QStringLiteral("1"));
        QCOMPARE(daily.at(1).at(3), QString()); // no latency on a day without samples
    }

    void performancePdfReadsAsTheReport()
    {
        QList<Metrics> samples;
        for (int i = 0; i < 60; ++i) {
            ConnectionMetrics m = awkward(i);
            m.sessionId = QStringLiteral("session-%1").arg(i % 12);
            m.latencyMs = m.connectionType == ConnectionType::Relay ? 300 : 40;
            samples << m;
        }
        store(m_now.addDays(-2), samples);
        store(m_now.addSecs(-3600), samples);
        ReportFilter filter;
        filter.userId = QStringLiteral("ü1");
        QCOMPARE(exportTo(ReportType::Performance, ReportFormat::Pdf, QStringLiteral("p.pdf"), filter), std::nullopt);
        const QString pdf = path(QStringLiteral("p.pdf"));

        const QString info = run(QStringLiteral("pdfinfo"), { pdf });
        QVERIFY2(
            info.contains(QRegularExpression(QStringLiteral("Page size:\\s+595(\\.\\d+)? x 842"))), qPrintable(info));
        const int pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info).captured(1).toInt();
        QVERIFY2(pages >= 2, qPrintable(info));

        const QString text = run(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
        const PerformanceReport expected = value(m_service->performanceReportOver(QStringLiteral("ü1"), m_week));
        QVERIFY(text.contains(QStringLiteral("Performance report")));
        QVERIFY(text.contains(QStringLiteral("User ü1")));
        QVERIFY(text.contains(QStringLiteral("Period: 2026-11-21 12:00 UTC to 2026-11-28 12:00 UTC")));
        QVERIFY(text.contains(QStringLiteral("Generated: 2026-11-28 12:00 UTC")));
        // The KPI values as the service computes them, printed in the reader's (German) locale.
        const QRegularExpression sessions(QStringLiteral("Sessions\\s+12\\b"));
        QVERIFY2(text.contains(sessions), qPrintable(text.left(2000)));
        QVERIFY(text.contains(QLocale().toString(expected.mos->average, 'f', 2)));
        QVERIFY(text.contains(QLocale().toString(expected.successRatePercent, 'f', 2)));
        QVERIFY(text.contains(QStringLiteral("Relay connections had")));
        QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pages)));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));

        // The charts are vector paths on the page, not pictures of them.
        const QString svg = path(QStringLiteral("page.svg"));
        run(QStringLiteral("pdftocairo"),
            { QStringLiteral("-svg"), QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                QString::number(pages), pdf, svg });
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray drawing = file.readAll();
        QVERIFY2(drawing.count("<path") > 50, "too few vector paths");
        QVERIFY(!drawing.contains("<image"));
    }

    void longTablesBreakAcrossPagesWithTheirHeader()
    {
        QList<Metrics> samples;
        for (int i = 0; i < 150; ++i)
            samples << Samples::connection(
                QStringLiteral("session-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("u1"));
        store(m_now.addSecs(-60), samples);
        QCOMPARE(exportTo(ReportType::Sessions, ReportFormat::Pdf, QStringLiteral("s.pdf")), std::nullopt);
        const QString text = run(QStringLiteral("pdftotext"),
            { QStringLiteral("-layout"), path(QStringLiteral("s.pdf")), QStringLiteral("-") });
        const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
        QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
        for (const QString &page : pages.mid(1))
            QVERIFY(page.contains(QStringLiteral("Sessions (continued)")) && page.contains(QStringLiteral("Started")));
        QVERIFY(text.contains(QStringLiteral("session-000")) && text.contains(QStringLiteral("session-149")));
    }

    void unknownUserGivesAValidEmptyReport()
    {
        ReportFilter filter;
        filter.userId = QStringLiteral("nobody");
        QCOMPARE(exportTo(ReportType::Performance, ReportFormat::Pdf, QStringLiteral("n.pdf"), filter), std::nullopt);
        const QString text = run(QStringLiteral("pdftotext"), { path(QStringLiteral("n.pdf")), QStringLiteral("-") });
        QVERIFY(text.contains(QStringLiteral("No sessions in this period.")));
        QVERIFY(text.contains(QStringLiteral("No data in this period.")));
        QCOMPARE(exportTo(ReportType::Performance, ReportFormat::Csv, QStringLiteral("n.csv"), filter), std::nullopt);
        QCOMPARE(TestCsv::parseFile(path(QStringLiteral("n.csv"))).at(1),
            QStringList({ QStringLiteral("Sessions"), QStringLiteral("0"), QString() }));
    }

    void failuresAreNamedAndLeaveNoFile()
    {
        store(m_now.addSecs(-60), { awkward(0), awkward(1) });
        const auto unwritable = m_exporter->exportTo(
            { ReportType::Connections, ReportFormat::Csv, { m_week, {}, {}, {}, {} }, QStringLiteral("/proc/x.csv") });
        QVERIFY(unwritable && unwritable->startsWith(QStringLiteral("Cannot write /proc/x.csv")));
        QVERIFY(exportTo(ReportType::Connections, ReportFormat::Pdf, QStringLiteral("raw.pdf"))
                    ->contains(QStringLiteral("CSV only")));
        QVERIFY(exportTo(ReportType::Performance, ReportFormat::Csv, QStringLiteral("nouser.csv"))
                    ->contains(QStringLiteral("one user")));
        ReportFilter relay;
        relay.connectionType = ConnectionType::Relay;
        QVERIFY(exportTo(ReportType::Streaming, ReportFormat::Csv, QStringLiteral("st.csv"), relay)
                    ->contains(QStringLiteral("connection samples and sessions only")));

        const auto cancelled = m_exporter->exportTo(
            { ReportType::Connections, ReportFormat::Csv, { m_week, {}, {}, {}, {} }, path(QStringLiteral("x.csv")) },
            [](qint64, qint64) { return false; });
        QCOMPARE(cancelled, std::optional<QString>(ReportExporter::Cancelled));
        QVERIFY(!QFile::exists(path(QStringLiteral("x.csv"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("raw.pdf"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("nouser.csv"))));
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
