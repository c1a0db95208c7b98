#include "GuiApplication.h"

#include "AppController.h"
#include "MainWindow.h"
#include "cli/CommandLine.h"
#include "core/Log.h"
#include "core/SecureMemory.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTextStream>

namespace quayside {

int GuiApplication::run(int argc, char* argv[], const cli::CommandLine& line)
{
    disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quayside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Quayside"));
    QApplication::setOrganizationName(QStringLiteral("Quayside"));

    // The window's own options; CommandLine already took the global ones out and refused unknown ones.
    QCommandLineParser parser;
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("The page to open first."),
                                  QStringLiteral("page"));
    const QCommandLineOption logs(QStringLiteral("logs"), QStringLiteral("What the log pane follows first."),
                                  QStringLiteral("target"));
    const QCommandLineOption metrics(QStringLiteral("metrics-interval"),
                                     QStringLiteral("Seconds between CPU/memory polls."), QStringLiteral("seconds"));
    parser.addOptions({ page, logs, metrics });
    if (!parser.parse(line.windowArguments)) {
        QTextStream(stderr) << "error: " << parser.errorText() << Qt::endl;
        return 2;
    }
    log::initialize({ .directory = {}, .verbose = line.verbose, .toStderr = true, .stderrLevel = spdlog::level::warn });

    Preferences preferences;
    Workspace workspace(&preferences, line.overrides);
    workspace.load();

    ui::AppController::Options options;
    options.firstPage = parser.value(page);
    options.logTarget = parser.value(logs);
    if (const int seconds = parser.value(metrics).toInt(); seconds > 0)
        options.metricsInterval = std::chrono::seconds(seconds);
    ui::AppController controller(&workspace, options);
    controller.build();
    controller.show();
    if (!preferences.problem().isEmpty())
        QMessageBox::warning(controller.window(), QObject::tr("Settings"), preferences.problem());
    return app.exec();
}

} // namespace quayside
