// Stores batches of connection samples straight through the repository (no HTTP), to measure and
// profile the storage layer alone: storebench <database-url> <batches> <records-per-batch>.
#include "storage/repositoryfactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: storebench <database-url> <batches> <records-per-batch>\n";
        return 2;
    }
    QString error;
    const auto url = DatabaseUrl::parse(args.at(1), &error);
    if (!url) {
        QTextStream(stderr) << error << '\n';
        return 1;
    }
    RepositoryFactory factory(*url);
    auto repository = factory.open();
    if (!repository.ok()) {
        QTextStream(stderr) << repository.error().message << '\n';
        return 1;
    }
    const int batches = args.at(2).toInt();
    const int perBatch = args.at(3).toInt();
    QElapsedTimer timer;
    timer.start();
    for (int b = 0; b < batches; ++b) {
        QList<MetricRecord> records;
        records.reserve(perBatch);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < perBatch; ++i) {
            ConnectionMetrics m { QStringLiteral("session-%1").arg(i % 50), QStringLiteral("user-%1").arg(i % 20),
                QStringLiteral("conn-%1").arg(i), QStringLiteral("peer-%1").arg(i), ConnectionType::WebRTC,
                quint32(20 + i % 80), 10.5, 0.1, 5, ConnectionQuality::Good, QStringLiteral("connected"),
                QStringLiteral("connected") };
            records.append({ m, now });
        }
        if (auto stored = repository.value()->store(records); !stored.ok()) {
            QTextStream(stderr) << stored.error().message << '\n';
            return 1;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    QTextStream(stdout) << "records_per_second " << qint64(batches * perBatch / seconds) << '\n';
    return 0;
}
