#include "GuiApplication.h"

#include "MainWindow.h"
#include "core/Log.h"
#include "core/SecureMemory.h"
#include "doctor/Doctor.h"
#include "keychain/Keychain.h"
#include "prerequisites/PrerequisitesPage.h"
#include "process/ProcessToolRunner.h"

#include <QApplication>
#include <QCommandLineParser>

namespace quayside {

int GuiApplication::run(int argc, char* argv[])
{
    disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quayside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Quayside"));
    QApplication::setOrganizationName(QStringLiteral("Quayside"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("verbose"), QStringLiteral("Log debug details to stderr.") });
    parser.process(app);
    log::initialize({ .directory = {},
                      .verbose = parser.isSet(QStringLiteral("verbose")),
                      .toStderr = true,
                      .stderrLevel = spdlog::level::warn });

    ProcessToolRunner runner;
    Keychain keychain;
    Doctor doctor;
    CheckContext context;
    context.runner = &runner;
    doctor.addStandardChecks(context, &keychain);

    MainWindow window;
    window.addPage(QObject::tr("Prerequisites"), QStringLiteral("prerequisitesPage"),
                   new ui::PrerequisitesPage(&doctor));
    window.show();
    doctor.run();
    return app.exec();
}

} // namespace quayside
