#include "GuiApplication.h"

#include "MainWindow.h"
#include "core/Log.h"
#include "core/SecureMemory.h"
#include "doctor/Doctor.h"
#include "keychain/Keychain.h"
#include "prerequisites/PrerequisitesPage.h"
#include "process/ProcessToolRunner.h"

#ifdef HAVE_QUAYSIDE_SECRETS
#include "secrets/SecretSpecs.h"
#include "secrets/SecretStore.h"
#include "secrets/SecretsPage.h"
#endif

#ifdef HAVE_QUAYSIDE_PIPELINE
#include "deploy/BuildDeployPage.h"
#endif

#ifdef HAVE_QUAYSIDE_KUBE
#include "dashboard/DashboardPage.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "session/ClusterSession.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>
#include <QPointer>

namespace quayside {

int GuiApplication::run(int argc, char* argv[])
{
    disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quayside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Quayside"));
    QApplication::setOrganizationName(QStringLiteral("Quayside"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("From source to a running app on Minikube."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("verbose"), QStringLiteral("Log debug details to stderr.") });
    parser.addOption(
        { QStringLiteral("kubeconfig"), QStringLiteral("Path to the kubeconfig file."), QStringLiteral("file") });
    parser.addOption(
        { QStringLiteral("context"), QStringLiteral("The kubeconfig context to use."), QStringLiteral("name") });
    parser.addOption({ { QStringLiteral("n"), QStringLiteral("namespace") },
                       QStringLiteral("The app's namespace."),
                       QStringLiteral("namespace"),
                       QStringLiteral("todo-app") });
    parser.addOption({ QStringLiteral("page"), QStringLiteral("The page to open first (prerequisites, dashboard)."),
                       QStringLiteral("page") });
    parser.addOption({ QStringLiteral("logs"),
                       QStringLiteral("What the dashboard's log pane follows first: deploy/NAME or a pod."),
                       QStringLiteral("target") });
    parser.addOption({ QStringLiteral("metrics-interval"),
                       QStringLiteral("Seconds between CPU/memory polls (default 15; shorter for demos)."),
                       QStringLiteral("seconds") });
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
#ifdef HAVE_QUAYSIDE_SECRETS
    SecretStore secretStore(&keychain, SecretSpecs::todoChatbot());
    window.addPage(QObject::tr("Secrets"), QStringLiteral("secretsPage"), new ui::SecretsPage(&secretStore));
#endif

#ifdef HAVE_QUAYSIDE_PIPELINE
    QString deployError;
    ui::BuildDeployPage* deploy = ui::BuildDeployPage::create(&runner, &keychain, {}, &deployError);
    if (deploy) {
        window.addPage(QObject::tr("Build & Deploy"), QStringLiteral("buildDeployPage"), deploy);
    } else {
        // No readable profile: say which file and what is wrong, where the page would be.
        auto* problem
            = new QLabel(QObject::tr("<b>No deployment profile could be read.</b><br>%1<br><br>Write one with "
                                     "<code>quayside init</code> and start Quayside again.")
                             .arg(deployError.toHtmlEscaped()));
        problem->setWordWrap(true);
        problem->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        problem->setMargin(24);
        problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
        window.addPage(QObject::tr("Build & Deploy"), QStringLiteral("buildDeployPage"), problem);
    }
#endif

#ifdef HAVE_QUAYSIDE_KUBE
    kube::KubeconfigLoader::Options kubeOptions;
    kubeOptions.explicitPath = parser.value(QStringLiteral("kubeconfig"));
    kubeOptions.context = parser.value(QStringLiteral("context"));
    kubeOptions.nameSpace = parser.value(QStringLiteral("namespace"));
    ClusterSession session(kubeOptions);
    if (const int seconds = parser.value(QStringLiteral("metrics-interval")).toInt(); seconds > 0)
        session.setMetricsInterval(std::chrono::seconds(seconds));
    QString sessionError;
    const bool sessionOpen = session.open(&sessionError);
    auto* dashboard = new ui::DashboardPage(&session, &runner);
    dashboard->setInitialLogTarget(parser.value(QStringLiteral("logs")));
    if (!sessionOpen)
        dashboard->showSessionError(sessionError);
    const int dashboardIndex = window.addPage(QObject::tr("Dashboard"), QStringLiteral("dashboardPage"), dashboard);
#ifdef HAVE_QUAYSIDE_PIPELINE
    if (deploy) {
        QObject::connect(deploy, &ui::BuildDeployPage::dashboardRequested, &window,
                         [&window, &session, dashboard, dashboardIndex] {
                             // The deploy may have started minikube (writing the kubeconfig) and created the namespace.
                             if (!session.isOpen()) {
                                 QString error;
                                 if (session.open(&error)) {
                                     session.listNamespaces();
                                     dashboard->showSessionError({});
                                 } else {
                                     dashboard->showSessionError(error);
                                 }
                             } else {
                                 session.relist();
                             }
                             window.showPage(dashboardIndex);
                         });
    }
#endif
    const QString firstPage = parser.value(QStringLiteral("page"));
    if (firstPage == QLatin1String("dashboard"))
        window.showPage(dashboardIndex);
    if (sessionOpen) {
        session.listNamespaces();
        // The app is already deployed: open where the user will want to be, unless they moved on.
        if (firstPage.isEmpty() && session.informers() && session.informers()->deployments()) {
            QPointer<MainWindow> guard(&window);
            QObject::connect(session.informers()->deployments(), &kube::Informer::synced, &window,
                             [guard, &session, dashboardIndex] {
                                 if (guard && guard->currentPage() == 0 && session.informers()
                                     && session.informers()->deployments()
                                     && session.informers()->deployments()->store().size() > 0)
                                     guard->showPage(dashboardIndex);
                             });
        }
    }
#endif

    window.show();
    doctor.run();
    return app.exec();
}

} // namespace quayside
