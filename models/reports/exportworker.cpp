#include "exportworker.h"

#include "storage/repositoryfactory.h"

// Lives in the worker thread; owns the connection there.
class ExportWorker::Runner : public QObject
{
public:
    Runner(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock,
        ReportExporter::PdfWriter pdfWriter, ExportWorker *owner)
        : m_repositories(std::move(repositories))
        , m_clock(std::move(clock))
        , m_pdfWriter(std::move(pdfWriter))
        , m_owner(owner)
    { }

    void run(const ExportRequest &request, quint64 number)
    {
        if (auto error = ensureOpen())
            return finish(number, error->message);
        const auto failed = m_exporter->exportTo(request, [this, number](qint64 done, qint64 total) {
            emit m_owner->progressed(number, done, total);
            return number > m_owner->m_cancelledThrough.load();
        });
        finish(number, failed.value_or(QString()));
    }

private:
    std::optional<StorageError> ensureOpen()
    {
        if (m_exporter)
            return std::nullopt;
        auto stores = m_repositories->openStores();
        if (!stores.ok())
            return stores.error();
        m_stores = stores.value();
        m_service = std::make_unique<AnalyticsService>(m_stores.samples, m_clock);
        m_exporter = std::make_unique<ReportExporter>(*m_service, *m_stores.samples, *m_stores.alerts, m_pdfWriter);
        return std::nullopt;
    }

    void finish(quint64 number, const QString &error) { emit m_owner->finished(number, error); }

    std::shared_ptr<RepositoryFactory> m_repositories;
    std::shared_ptr<const Clock> m_clock;
    ReportExporter::PdfWriter m_pdfWriter;
    ExportWorker *m_owner;
    RepositoryFactory::Stores m_stores;
    std::unique_ptr<AnalyticsService> m_service;
    std::unique_ptr<ReportExporter> m_exporter;
};

ExportWorker::ExportWorker(std::shared_ptr<RepositoryFactory> repositories, std::shared_ptr<const Clock> clock,
    ReportExporter::PdfWriter pdfWriter, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(std::move(repositories), std::move(clock), std::move(pdfWriter), this))
{
    m_thread.setObjectName(QStringLiteral("report-export"));
    m_runner->moveToThread(&m_thread);
    // The runner (and the connection it holds) is destroyed in its own thread.
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start();
}

ExportWorker::~ExportWorker()
{
    // An export still running stops at its next page.
    cancel();
    m_thread.quit();
    m_thread.wait();
}

quint64 ExportWorker::start(const ExportRequest &request)
{
    const quint64 number = ++m_started;
    // Signals emitted by the runner cross back to this object's thread as queued calls.
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, request, number] { runner->run(request, number); }, Qt::QueuedConnection);
    return number;
}

void ExportWorker::cancel()
{
    m_cancelledThrough = m_started.load();
}
