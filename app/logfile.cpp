#include "logfile.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>

namespace {

QFile *s_file = nullptr;
QMutex s_mutex;
QtMessageHandler s_previous = nullptr;

void writeToFile(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static const char *const levels[] = { "debug", "warning", "critical", "fatal", "info" };
    {
        QMutexLocker locker(&s_mutex);
        const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
            + levels[type] + ' ' + (context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
        s_file->write(line);
        s_file->flush();
    }
    s_previous(type, context, message);
}

} // namespace

bool installLogFile(const QString &path, QString *error)
{
    auto *file = new QFile(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error = u"Cannot open the log file " + path + u": " + file->errorString();
        delete file;
        return false;
    }
    s_file = file; // lives as long as the process
    s_previous = qInstallMessageHandler(writeToFile);
    return true;
}
