#include "GuiApplication.h"

#include "AppController.h"
#include "MainWindow.h"
#include "SingleInstance.h"
#include "cli/CommandLine.h"
#include "core/Log.h"
#include "core/SecureMemory.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QTextStream>

#include <memory>

namespace quayside {

namespace {

// The window's own options; CommandLine already took the global ones out and refused unknown ones.
// A second launch's request goes through the same parser, with the global options spelled out.
struct WindowOptions
{
    QString page;
    QString logs;
    int metricsSeconds = 0;
    bool newInstance = false;
    WorkspaceOverrides overrides; // only from a second launch's request
};

bool parseWindowOptions(const QStringList& arguments, WindowOptions* options, QString* error)
{
    QCommandLineParser parser;
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("The page to open first."),
                                  QStringLiteral("page"));
    const QCommandLineOption logs(QStringLiteral("logs"), QStringLiteral("What the log pane follows first."),
                                  QStringLiteral("target"));
    const QCommandLineOption metrics(QStringLiteral("metrics-interval"),
                                     QStringLiteral("Seconds between CPU/memory polls."), QStringLiteral("seconds"));
    const QCommandLineOption newInstance(QStringLiteral("new-instance"),
                                         QStringLiteral("Open another window even when one is running."));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig"), QString(), QStringLiteral("files"));
    const QCommandLineOption context(QStringLiteral("context"), QString(), QStringLiteral("name"));
    const QCommandLineOption nameSpace(QStringLiteral("namespace"), QString(), QStringLiteral("name"));
    const QCommandLineOption profile(QStringLiteral("profile"), QString(), QStringLiteral("file"));
    parser.addOptions({ page, logs, metrics, newInstance, kubeconfig, context, nameSpace, profile });
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    options->page = parser.value(page);
    options->logs = parser.value(logs);
    options->metricsSeconds = parser.value(metrics).toInt();
    options->newInstance = parser.isSet(newInstance);
    options->overrides.kubeconfigFiles = parser.values(kubeconfig);
    options->overrides.context = parser.value(context);
    options->overrides.nameSpace = parser.value(nameSpace);
    options->overrides.profileFile = parser.value(profile);
    return true;
}

// What a second launch hands to the running window: its window options and its global ones, with
// file names made absolute (the running window has another working directory).
QStringList forwardedArguments(const cli::CommandLine& line)
{
    QStringList arguments = line.windowArguments;
    const WorkspaceOverrides& o = line.overrides;
    for (const QString& files : o.kubeconfigFiles) {
        QStringList absolute;
        for (const QString& file : files.split(QDir::listSeparator(), Qt::SkipEmptyParts))
            absolute << QFileInfo(file).absoluteFilePath();
        arguments << QStringLiteral("--kubeconfig=%1").arg(absolute.join(QDir::listSeparator()));
    }
    if (!o.context.isEmpty())
        arguments << QStringLiteral("--context=%1").arg(o.context);
    if (!o.nameSpace.isEmpty())
        arguments << QStringLiteral("--namespace=%1").arg(o.nameSpace);
    if (!o.profileFile.isEmpty())
        arguments << QStringLiteral("--profile=%1").arg(QFileInfo(o.profileFile).absoluteFilePath());
    return arguments;
}

// The icon theme's (an installed Quayside puts it in hicolor, where the desktop's theme may restyle it),
// else the PNGs compiled in.
QIcon applicationIcon()
{
    const QString name = QStringLiteral("io.github.quayside.Quayside");
    if (QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    QIcon icon;
    for (const int size : { 16, 32, 48, 64, 128, 256 })
        icon.addFile(QStringLiteral(":/quayside/icons/%1x%1/apps/%2.png").arg(size).arg(name), QSize(size, size));
    return icon;
}

} // namespace

int GuiApplication::run(int argc, char* argv[], const cli::CommandLine& line)
{
    disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quayside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Quayside"));
    QApplication::setOrganizationName(QStringLiteral("Quayside"));
    QApplication::setApplicationVersion(QStringLiteral(QUAYSIDE_VERSION));
    // The desktop file's id (packaging/linux): Wayland compositors and docks match the window to the
    // launcher, its name and icon through it (xdg-shell app_id).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.quayside.Quayside"));
    QApplication::setWindowIcon(applicationIcon());

    WindowOptions window;
    if (QString error; !parseWindowOptions(line.windowArguments, &window, &error)) {
        QTextStream(stderr) << "error: " << error << Qt::endl;
        return 2;
    }
    log::initialize({ .directory = {}, .verbose = line.verbose, .toStderr = true, .stderrLevel = spdlog::level::warn });

    Preferences preferences;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<ui::AppController> controller;
    const auto openWindow = [&] {
        workspace = std::make_unique<Workspace>(&preferences, line.overrides);
        workspace->load();
        ui::AppController::Options options;
        options.firstPage = window.page;
        options.logTarget = window.logs;
        if (window.metricsSeconds > 0)
            options.metricsInterval = std::chrono::seconds(window.metricsSeconds);
        controller = std::make_unique<ui::AppController>(workspace.get(), options);
        controller->build();
        controller->show();
        spdlog::info("window: shown ({})",
                     controller->window()->page(controller->window()->currentPage())->objectName().toStdString());
        if (!preferences.problem().isEmpty()) {
            // open(), not exec(): no nested event loop while the watches start.
            auto* box = new QMessageBox(QMessageBox::Warning, QObject::tr("Settings"), preferences.problem(),
                                        QMessageBox::Ok, controller->window());
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    };

    // Command-line runs never get here: only the window is single-instance.
    std::unique_ptr<ui::SingleInstance> instance;
    if (window.newInstance) {
        spdlog::info("single instance: --new-instance, not looking for a running window");
        openWindow();
    } else {
        instance = std::make_unique<ui::SingleInstance>(ui::SingleInstance::serverName(preferences.fileName()));
        QObject::connect(instance.get(), &ui::SingleInstance::delivered, &app, [] {
            spdlog::info("single instance: handed over to the running window");
            QCoreApplication::exit(0);
        });
        QObject::connect(instance.get(), &ui::SingleInstance::becamePrimary, &app, openWindow);
        QObject::connect(instance.get(), &ui::SingleInstance::failed, &app, [&](const QString& error) {
            spdlog::warn("single instance: {}; opening a window of its own", error.toStdString());
            openWindow();
        });
        QObject::connect(instance.get(), &ui::SingleInstance::argumentsReceived, &app,
                         [&](const QStringList& arguments) {
                             WindowOptions request;
                             QString error;
                             if (!controller || !parseWindowOptions(arguments, &request, &error)) {
                                 spdlog::warn("single instance: ignoring a request: {}", error.toStdString());
                                 return;
                             }
                             controller->activate(request.page, request.overrides);
                         });
        instance->start(forwardedArguments(line));
    }
    const int code = app.exec();
    // The controller's pages point into the workspace: it goes first.
    controller.reset();
    return code;
}

} // namespace quayside
