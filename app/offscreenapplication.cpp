#include "offscreenapplication.h"

namespace {

QtMessageHandler s_previousHandler = nullptr;

void dropRuntimeDirNotice(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    s_previousHandler(type, context, message);
}

} // namespace

std::unique_ptr<QGuiApplication> makeOffscreenApplication(int &argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    s_previousHandler = qInstallMessageHandler(dropRuntimeDirNotice);
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(s_previousHandler);
    return app;
}
