#include "AppController.h"

#include "MainWindow.h"
#include "Theme.h"
#include "about/AboutDialog.h"
#include "ai/AiKeyStore.h"
#include "ai/AiToolProbe.h"
#include "ai/AskAiPanel.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/LogView.h"
#include "dashboard/ResourcesPanel.h"
#include "deploy/BuildDeployPage.h"
#include "deploy/ReleaseHistoryPanel.h"
#include "diagnosis/Finding.h"
#include "diagnosis/ProfileContext.h"
#include "doctor/Doctor.h"
#include "help/HelpLinks.h"
#include "keychain/Keychain.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "pipeline/HelmOperations.h"
#include "pipeline/Pipeline.h"
#include "prerequisites/PrerequisitesPage.h"
#include "problems/ProblemsPanel.h"
#include "process/ProcessToolRunner.h"
#include "secrets/SecretStore.h"
#include "secrets/SecretsPage.h"
#include "session/ClusterSession.h"
#include "settings/SettingsDialog.h"
#include "status/ClusterStatus.h"
#include "widgets/MessageBox.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QUrl>

#include <spdlog/spdlog.h>

namespace quayside::ui {

namespace {

// The --page names and the pages' object names.
const QList<QPair<QString, QString>>& pageNames()
{
    static const QList<QPair<QString, QString>> names = {
        { QStringLiteral("prerequisites"), QStringLiteral("prerequisitesPage") },
        { QStringLiteral("secrets"), QStringLiteral("secretsPage") },
        { QStringLiteral("deploy"), QStringLiteral("buildDeployPage") },
        { QStringLiteral("dashboard"), QStringLiteral("dashboardPage") },
        { QStringLiteral("ask-ai"), QStringLiteral("askAiPage") },
    };
    return names;
}

// Where a page would be when the profile cannot be read: which file, what is wrong, what to do.
QLabel* profileProblemLabel(const Workspace& workspace)
{
    auto* problem = new QLabel(
        QObject::tr("<b>No deployment profile could be read.</b><br>%1<br><br>Fix the file, "
                    "choose another one in Settings (Ctrl+,), or write one with "
                    "<code>quayside init</code>.")
            .arg(workspace.profileProblem().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    problem->setObjectName(QStringLiteral("profileProblem"));
    problem->setWordWrap(true);
    problem->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    problem->setMargin(24);
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return problem;
}

// The programs the AI tools run as, whose Settings → Tools overrides decide what the probe finds.
QMap<QString, QString> aiToolPaths(const Preferences& preferences)
{
    QMap<QString, QString> paths;
    for (const ai::AiTool& tool : ai::AiTool::all())
        paths.insert(tool.program, preferences.toolPath(tool.program));
    return paths;
}

} // namespace

AppController::AppController(Workspace* workspace, Options options, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_options(std::move(options))
{ }

AppController::~AppController()
{
    // Pages hold pointers into the session, the store, the doctor and the AI probe: they go first.
    m_window.reset();
}

void AppController::build()
{
    if (m_options.runner) {
        m_runner = m_options.runner;
    } else {
        m_ownRunner = std::make_unique<ProcessToolRunner>();
        m_runner = m_ownRunner.get();
    }
    Preferences* preferences = m_workspace->preferences();
    m_keychain = std::make_unique<Keychain>(m_options.keychainService);
    m_doctor = std::make_unique<Doctor>();
    CheckContext context;
    context.runner = m_runner;
    context.target = Doctor::targetFor(*m_workspace);
    m_doctorTarget = context.target;
    m_doctor->addStandardChecks(context, m_keychain.get());

    m_window = std::make_unique<MainWindow>();
    m_prerequisites = new PrerequisitesPage(m_doctor.get());
    m_window->addPage(tr("Prerequisites"), QStringLiteral("prerequisitesPage"), m_prerequisites);
    m_secretsIndex = m_window->addPage(tr("Secrets"), QStringLiteral("secretsPage"), new QWidget);
    m_deployIndex = m_window->addPage(tr("Build & Deploy"), QStringLiteral("buildDeployPage"), new QWidget);

    m_session = std::make_unique<ClusterSession>(m_workspace->target());
    m_session->setMetricsInterval(m_options.metricsInterval.count() > 0 ? m_options.metricsInterval
                                                                        : preferences->metricsInterval());
    m_dashboard = new DashboardPage(m_session.get(), m_runner, m_workspace);
    m_dashboard->setInitialLogTarget(m_options.logTarget);
    m_dashboard->logView()->setCapacity(preferences->logLineLimit());
    m_dashboardIndex = m_window->addPage(tr("Dashboard"), QStringLiteral("dashboardPage"), m_dashboard);

    // The AI key lives beside the app's secrets, in the same keychain service.
    m_aiKeys = std::make_unique<ai::AiKeyStore>(m_keychain.get());
    m_aiProbe = std::make_unique<ai::AiToolProbe>(m_runner);
    m_aiToolPaths = aiToolPaths(*preferences);
    m_askAi = new AskAiPanel(m_workspace, m_runner, m_aiProbe.get(), m_aiKeys.get());
    m_window->addPage(tr("Ask AI"), QStringLiteral("askAiPage"), m_askAi);
    m_aiProbe->probeAll();
    buildSecretsPage();
    buildDeployPage();

    connect(m_workspace, &Workspace::targetChanged, this, &AppController::onTargetChanged);
    connect(m_workspace, &Workspace::profileChanged, this, &AppController::onProfileChanged);
    connect(preferences, &Preferences::changed, this, &AppController::onPreferencesChanged);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &AppController::openSettings);
    connect(m_window.get(), &MainWindow::closing, this, &AppController::saveWindowState);
    connect(m_session.get(), &ClusterSession::openFailed, m_dashboard, &DashboardPage::showSessionError);
    connect(m_dashboard, &DashboardPage::actionRequested, this, &AppController::runDiagnosisAction);
    connect(m_dashboard->problems(), &ProblemsPanel::askAiRequested, this, &AppController::askAiAbout);
    connect(m_dashboard, &DashboardPage::askAiAboutPodRequested, this,
            [this](const ai::PromptVariables& variables, const QString& about) {
                showPage(QStringLiteral("ask-ai"));
                m_askAi->askAboutPod(variables, about);
            });
    connect(m_window.get(), &MainWindow::openProfileRequested, this, &AppController::openProfile);
    connect(m_window.get(), &MainWindow::refreshRequested, this, &AppController::refreshCurrentPage);
    connect(m_window.get(), &MainWindow::currentPageChanged, this, &AppController::updateRefreshAction);
    connect(m_window.get(), &MainWindow::aboutRequested, this, &AppController::openAbout);
    connect(m_window.get(), &MainWindow::documentationRequested, this, &AppController::openDocumentation);
    connect(m_window.get(), &MainWindow::troubleshootingRequested, this, &AppController::openTroubleshooting);
    connect(m_doctor.get(), &Doctor::finished, this, [this](const DoctorReport& report) {
        if (AboutDialog* about = aboutDialog())
            about->setReport(report);
    });
    m_clusterStatus = new ClusterStatus(m_workspace, m_session.get());
    m_window->statusBar()->addPermanentWidget(m_clusterStatus);
    updateDiagnosisContext();
    updateRefreshAction();

    Theme::apply(preferences->theme());
    restoreWindowState();
    openSession();

    // The first page: --page, else where the user was last time, else (first run) the Dashboard when
    // the app is already deployed, the Prerequisites otherwise.
    QString first = m_options.firstPage;
    if (first.isEmpty()) {
        for (const auto& [name, objectName] : pageNames()) {
            if (objectName == preferences->lastPage())
                first = name;
        }
    }
    if (!first.isEmpty()) {
        showPage(first);
    } else if (kube::InformerSet* informers = m_session->informers(); informers && informers->deployments()) {
        connect(informers->deployments(), &kube::Informer::synced, this, [this] {
            kube::InformerSet* now = m_session->informers();
            if (!m_userMovedOn && m_window->currentPage() == 0 && now && now->deployments()
                && now->deployments()->store().size() > 0)
                m_window->showPage(m_dashboardIndex);
        });
    }
}

void AppController::show()
{
    m_window->show();
    m_doctor->run();
}

void AppController::showPage(const QString& name)
{
    for (const auto& [pageName, objectName] : pageNames()) {
        if (pageName == name || objectName == name) {
            const int index = m_window->pageIndex(objectName);
            if (index >= 0)
                m_window->showPage(index);
            m_userMovedOn = true;
            return;
        }
    }
}

void AppController::askAiAbout(const diagnosis::Finding& finding)
{
    showPage(QStringLiteral("ask-ai"));
    m_askAi->askAboutFinding(finding);
}

void AppController::buildSecretsPage()
{
    m_secrets = nullptr;
    std::unique_ptr<SecretStore> oldStore = std::move(m_secretStore);
    if (m_workspace->hasProfile()) {
        m_secretStore = std::make_unique<SecretStore>(m_keychain.get(), m_workspace->profile().secrets);
        m_secrets = new SecretsPage(m_secretStore.get());
        m_secrets->setSession(m_session.get());
        m_window->replacePage(m_secretsIndex, m_secrets);
    } else {
        m_window->replacePage(m_secretsIndex, profileProblemLabel(*m_workspace));
    }
    updateRefreshAction();
    // The old page is deleted later by replacePage; its store must outlive it, so it goes after it.
    if (oldStore)
        oldStore.release()->deleteLater();
}

void AppController::buildDeployPage()
{
    BuildDeployPage* page = BuildDeployPage::create(m_workspace, m_runner, m_keychain.get());
    m_deploy = page;
    if (!page) {
        m_window->replacePage(m_deployIndex, profileProblemLabel(*m_workspace));
        updateRefreshAction();
        return;
    }
    m_window->replacePage(m_deployIndex, page);
    updateRefreshAction();
    connect(page, &BuildDeployPage::dashboardRequested, this, [this] {
        refreshCluster();
        m_window->showPage(m_dashboardIndex);
    });
    // Deploy finished → the dashboard shows what it deployed, wherever the user is looking.
    connect(page->pipeline(), &Pipeline::finished, this, [this] { refreshCluster(); });
}

void AppController::openSession()
{
    m_session->setTarget(m_workspace->target());
    if (m_session->isOpen())
        return;
    QString error;
    if (m_session->open(&error)) {
        m_session->watchNamespaces();
        m_dashboard->showSessionError({});
        Q_EMIT clusterRefreshed(true);
        return;
    }
    // No kubeconfig at all is the newcomer's normal first state, not an error to shout about.
    m_dashboard->showSessionError(m_workspace->hasKubeconfig() || !m_workspace->kubeconfigProblem().isEmpty()
                                      ? error
                                      : tr("There is no kubeconfig yet (%1); a deploy starts minikube, which "
                                           "writes one.")
                                            .arg(m_workspace->kubeconfigFiles().join(QStringLiteral(", "))));
    Q_EMIT clusterRefreshed(false);
}

void AppController::refreshCluster()
{
    m_workspace->reloadKubeconfig();
    if (m_session->isOpen()) {
        m_session->relist();
        Q_EMIT clusterRefreshed(true);
    } else {
        openSession();
    }
}

void AppController::onTargetChanged()
{
    // The doctor's cluster checks are about the target: check the new one (the rest is cheap to redo).
    const ClusterTarget checked = Doctor::targetFor(*m_workspace);
    const bool doctorTargetChanged = checked.context != m_doctorTarget.context
        || checked.minikubeProfile != m_doctorTarget.minikubeProfile
        || checked.kubeconfigFiles != m_doctorTarget.kubeconfigFiles;
    m_doctorTarget = checked;
    m_doctor->setTarget(checked);
    if (doctorTargetChanged && !m_doctor->isRunning())
        m_doctor->run();
    const ClusterTarget target = m_workspace->target();
    if (m_session->isOpen())
        m_session->setTarget(target);
    else
        openSession();
    // The Secret goes to the target's namespace: the page says which, so it follows.
    if (m_secretStore && m_secretStore->specs().nameSpace != m_workspace->profile().secrets.nameSpace)
        buildSecretsPage();
}

void AppController::onProfileChanged()
{
    updateDiagnosisContext();
    buildSecretsPage();
    if (!m_deploy || !m_workspace->hasProfile())
        buildDeployPage();
    m_session->setTarget(m_workspace->target());
}

void AppController::updateDiagnosisContext()
{
    m_dashboard->setDiagnosisContext(diagnosis::ProfileContext::build(
        m_workspace->hasProfile() ? &m_workspace->profile() : nullptr, m_workspace->target()));
}

void AppController::runDiagnosisAction(const diagnosis::Finding& finding, const diagnosis::Action& action)
{
    const QString text = tr("%1<br><br>This runs:<br><code>%2</code>")
                             .arg(action.confirmText.toHtmlEscaped(), action.command.toHtmlEscaped());
    MessageBox::confirm(m_window.get(), action.title, text, action.title, [this, finding, action](bool accepted) {
        if (accepted)
            executeDiagnosisAction(finding, action);
    });
}

void AppController::executeDiagnosisAction(const diagnosis::Finding& finding, const diagnosis::Action& action)
{
    using Kind = diagnosis::Action::Kind;
    ProblemsPanel* problems = m_dashboard->problems();
    const QString ns = m_session->nameSpace();
    const auto report = [problems](kube::KubeReply* reply, const QString& done) {
        if (!reply) {
            problems->showActionResult(false, tr("No cluster connection."));
            return;
        }
        connect(reply, &kube::KubeReply::finished, problems, [problems, reply, done] {
            problems->showActionResult(reply->ok(), reply->ok() ? done : reply->error().message());
        });
    };
    kube::KubeOperations* operations = m_session->operations();
    switch (action.kind) {
    case Kind::RebuildImages:
        if (!m_deploy) {
            problems->showActionResult(false, m_workspace->profileProblem());
            return;
        }
        showPage(QStringLiteral("deploy"));
        m_deploy->deploy();
        return;
    case Kind::OpenSecrets:
        showPage(QStringLiteral("secrets"));
        if (m_secrets)
            m_secrets->focusSecret(action.parameters.value(QStringLiteral("key")));
        return;
    case Kind::DeletePod: {
        const QString pod = action.parameters.value(QStringLiteral("pod"), finding.objectName);
        report(operations ? operations->deletePod(ns, pod) : nullptr,
               tr("Deleted pod %1; its deployment starts a new one.").arg(pod));
        return;
    }
    case Kind::RestartDeployment: {
        const QString deployment = action.parameters.value(QStringLiteral("deployment"), finding.deployment);
        report(operations ? operations->restart(ns, deployment) : nullptr,
               tr("Restarting %1: new pods roll out one by one.").arg(deployment));
        return;
    }
    case Kind::ScaleDeployment: {
        const QString deployment = action.parameters.value(QStringLiteral("deployment"), finding.deployment);
        const int replicas = action.parameters.value(QStringLiteral("replicas")).toInt();
        report(operations ? operations->scale(ns, deployment, replicas) : nullptr,
               tr("Scaled %1 to %2.").arg(deployment).arg(replicas));
        return;
    }
    case Kind::EnableMetricsServer:
        m_dashboard->resources()->enableMetricsServer();
        problems->showActionResult(true, tr("Enabling metrics-server; the first numbers arrive in about a minute."));
        return;
    case Kind::RaiseMemoryLimit:
        raiseMemoryLimit(finding, action);
        return;
    case Kind::CopyCommand:
        return;
    }
}

void AppController::raiseMemoryLimit(const diagnosis::Finding& finding, const diagnosis::Action& action)
{
    Q_UNUSED(finding)
    ProblemsPanel* problems = m_dashboard->problems();
    HelmOperations* helm = m_deploy ? m_deploy->helmOperations() : nullptr;
    if (!helm || helm->isBusy() || m_deploy->pipeline()->isRunning()) {
        problems->showActionResult(false,
                                   helm ? tr("Helm is busy with the release; try again when it is done.")
                                        : m_workspace->profileProblem());
        return;
    }
    const QString key = action.parameters.value(QStringLiteral("valuesKey"));
    const QString limit = action.parameters.value(QStringLiteral("limit"));
    auto* connection = new QMetaObject::Connection;
    *connection = connect(helm, &HelmOperations::setValueFinished, problems,
                          [problems, connection](bool ok, const QString& message) {
                              QObject::disconnect(*connection);
                              delete connection;
                              problems->showActionResult(ok, message);
                          });
    problems->showActionResult(true, tr("Running helm upgrade --set %1=%2…").arg(key, limit));
    helm->setValue(key, limit);
}

void AppController::onPreferencesChanged()
{
    const Preferences* preferences = m_workspace->preferences();
    Theme::apply(preferences->theme());
    if (m_options.metricsInterval.count() == 0)
        m_session->setMetricsInterval(preferences->metricsInterval());
    m_dashboard->logView()->setCapacity(preferences->logLineLimit());
    // Another kubectl-ai, kagent or docker chosen in Settings → Tools: find out what it is now. (The
    // workspace has already applied the overrides; it listens first.)
    if (const QMap<QString, QString> paths = aiToolPaths(*preferences); paths != m_aiToolPaths) {
        m_aiToolPaths = paths;
        m_aiProbe->probeAll();
    }
}

SettingsDialog* AppController::settingsDialog() const
{
    return static_cast<SettingsDialog*>(m_settingsDialog.data());
}

void AppController::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_workspace->preferences(), m_workspace, m_window.get(), m_aiKeys.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_settingsDialog = dialog;
    dialog->open();
}

AboutDialog* AppController::aboutDialog() const
{
    return static_cast<AboutDialog*>(m_aboutDialog.data());
}

void AppController::openAbout()
{
    if (m_aboutDialog) {
        m_aboutDialog->raise();
        m_aboutDialog->activateWindow();
        return;
    }
    // The doctor's last report: About never runs the tools itself.
    auto* dialog = new AboutDialog(m_doctor->report(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_aboutDialog = dialog;
    dialog->show();
}

void AppController::openUrl(const QUrl& url)
{
    spdlog::debug("window: opening {}", url.toString().toStdString());
    if (m_options.openUrl)
        m_options.openUrl(url);
    else
        QDesktopServices::openUrl(url);
}

void AppController::openDocumentation()
{
    openUrl(HelpLinks::documentationUrl());
}

void AppController::openTroubleshooting()
{
    openUrl(HelpLinks::troubleshootingUrl());
}

void AppController::openProfile()
{
    const QString current = m_workspace->profileFile();
    auto* dialog = new QFileDialog(m_window.get(), tr("Open profile"),
                                   current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
                                   tr("Quayside profiles (*.yaml *.yml);;All files (*)"));
    dialog->setObjectName(QStringLiteral("openProfileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // open(): window-modal and asynchronous, the answer arrives in fileSelected.
    connect(dialog, &QFileDialog::fileSelected, this, &AppController::openProfileFile);
    dialog->open();
}

void AppController::openProfileFile(const QString& path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // The same road as Settings' profile file: the preference changes, the workspace reloads the
    // profile and every page follows (profileChanged).
    m_workspace->preferences()->setProfileFile(absolute);
    if (!m_workspace->overrides().profileFile.isEmpty() && m_workspace->profileFile() != absolute) {
        // -p on the command line wins over Settings for this run (see Workspace): say so.
        m_window->statusBar()->showMessage(
            tr("%1 is remembered for the next start; this window keeps the profile given with -p (%2).")
                .arg(absolute, m_workspace->profileFile()));
        return;
    }
    m_window->statusBar()->showMessage(tr("Profile: %1").arg(absolute), 10000);
}

void AppController::refreshCurrentPage()
{
    QWidget* page = m_window->page(m_window->currentPage());
    if (!page)
        return;
    const QString name = page->objectName();
    spdlog::debug("window: refresh {}", name.toStdString());
    if (page == m_prerequisites) {
        m_doctor->run();
    } else if (m_secrets && page == m_secrets) {
        m_secrets->reload();
    } else if (m_deploy && page == m_deploy) {
        if (auto* history = m_deploy->findChild<ReleaseHistoryPanel*>())
            history->refresh();
    } else if (page == m_dashboard) {
        refreshCluster();
    } else if (page == m_askAi) {
        m_aiProbe->probeAll();
    }
}

void AppController::updateRefreshAction()
{
    QWidget* page = m_window->page(m_window->currentPage());
    // A page showing why the profile cannot be read has nothing to refresh.
    const bool refreshable = page
        && (page == m_prerequisites || (m_secrets && page == m_secrets) || (m_deploy && page == m_deploy)
            || page == m_dashboard || page == m_askAi);
    m_window->refreshAction()->setEnabled(refreshable);
}

void AppController::activate(const QString& page, const WorkspaceOverrides& overrides)
{
    spdlog::info("window: a second launch asked for page '{}', profile '{}', context '{}', namespace '{}'",
                 page.toStdString(), overrides.profileFile.toStdString(), overrides.context.toStdString(),
                 overrides.nameSpace.toStdString());
    if (!overrides.profileFile.isEmpty())
        openProfileFile(overrides.profileFile);
    if (!overrides.kubeconfigFiles.isEmpty())
        spdlog::warn("window: --kubeconfig only applies to a new window (--new-instance); keeping {}",
                     m_workspace->kubeconfigFiles().join(QLatin1Char(':')).toStdString());
    if (!overrides.context.isEmpty()) {
        if (m_workspace->contexts().contains(overrides.context))
            m_workspace->setContext(overrides.context);
        else
            spdlog::warn("window: no context '{}' in the kubeconfig", overrides.context.toStdString());
    }
    if (!overrides.nameSpace.isEmpty())
        m_workspace->setNamespace(overrides.nameSpace);
    if (!page.isEmpty())
        showPage(page);
    if (m_window->isMinimized())
        m_window->showNormal();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    if (QWidget* current = m_window->page(m_window->currentPage()))
        spdlog::info("window: showing {}", current->objectName().toStdString());
}

void AppController::restoreWindowState()
{
    const Preferences* preferences = m_workspace->preferences();
    if (const QByteArray geometry = preferences->windowGeometry(); !geometry.isEmpty())
        m_window->restoreGeometry(geometry);
    if (const QByteArray state = preferences->windowState(); !state.isEmpty())
        m_window->restoreState(state);
    for (QSplitter* splitter : m_window->findChildren<QSplitter*>()) {
        if (splitter->objectName().isEmpty())
            continue;
        if (const QByteArray state = preferences->splitterState(splitter->objectName()); !state.isEmpty())
            splitter->restoreState(state);
    }
}

void AppController::saveWindowState()
{
    Preferences* preferences = m_workspace->preferences();
    preferences->setWindowGeometry(m_window->saveGeometry());
    preferences->setWindowState(m_window->saveState());
    for (QSplitter* splitter : m_window->findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty())
            preferences->setSplitterState(splitter->objectName(), splitter->saveState());
    }
    if (QWidget* page = m_window->page(m_window->currentPage()))
        preferences->setLastPage(page->objectName());
}

} // namespace quayside::ui
