// The ceiling for ingest benchmarks: a bare QHttpServer route that parses the JSON body and answers,
// storing nothing. Started by run_ingest_bench.sh beside the console and measured in the same run.
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(QStringLiteral("/api/p2p/analytics/connection-metrics"), QHttpServerRequest::Method::Post,
        [](const QHttpServerRequest &request) {
            const QJsonDocument document = QJsonDocument::fromJson(request.body());
            if (!document.isObject())
                return QHttpServerResponse(QHttpServerResponder::StatusCode::BadRequest);
            return QHttpServerResponse(QJsonObject { { QStringLiteral("message"), QStringLiteral("parsed") },
                { QStringLiteral("fields"), document.object().size() } });
        });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        return 1;
    QTextStream(stdout) << "Listening on http://127.0.0.1:" << port << Qt::endl;
    return app.exec();
}
