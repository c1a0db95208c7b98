#pragma once

#include "workspace/ClusterTarget.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

class QUrl;

namespace quayside {
class ClusterSession;
class Doctor;
class Keychain;
class MainWindow;
class SecretStore;
class ToolRunner;
class Workspace;
struct WorkspaceOverrides;
} // namespace quayside

namespace quayside::ai {
class AiKeyStore;
class AiToolProbe;
} // namespace quayside::ai

namespace quayside::diagnosis {
struct Action;
struct Finding;
} // namespace quayside::diagnosis

namespace quayside::ui {

class AboutDialog;
class AskAiPanel;
class BuildDeployPage;
class ClusterStatus;
class DashboardPage;
class PrerequisitesPage;
class SecretsPage;
class SettingsDialog;

// Builds the window and its pages from the workspace and wires them: the workspace's target goes to
// the cluster session, the doctor and the pipeline; its profile to the Secrets and Build & Deploy
// pages; its preferences to the dashboard and the theme; a finished deploy refreshes the dashboard; a
// problem's "Ask AI" opens the Ask AI page on it.
// Nothing here needs exec(): tests build a controller, drive its pages and check the wiring headless.
class AppController : public QObject
{
    Q_OBJECT
public:
    // The window's own options (the global ones are already in the workspace).
    struct Options
    {
        QString firstPage; // "prerequisites", "secrets", "deploy", "dashboard", "ask-ai"; empty: the last one
        QString logTarget; // what the log pane follows first: "deploy/NAME" or a pod
        std::chrono::seconds metricsInterval { 0 }; // 0: the preferences'
        ToolRunner* runner = nullptr; // null: a ProcessToolRunner of the controller's
        QString keychainService = QStringLiteral("quayside"); // tests keep theirs apart
        // How Help opens documents and links (null: QDesktopServices); tests record them instead.
        std::function<void(const QUrl&)> openUrl;
    };

    AppController(Workspace* workspace, Options options, QObject* parent = nullptr);
    ~AppController() override;

    // Builds everything (no window shown yet).
    void build();
    // Shows the window and starts the first prerequisites check.
    void show();

    Workspace* workspace() const { return m_workspace; }
    MainWindow* window() const { return m_window.get(); }
    ClusterSession* session() const { return m_session.get(); }
    Doctor* doctor() const { return m_doctor.get(); }
    PrerequisitesPage* prerequisitesPage() const { return m_prerequisites; }
    SecretsPage* secretsPage() const { return m_secrets; }
    BuildDeployPage* deployPage() const { return m_deploy; }
    DashboardPage* dashboardPage() const { return m_dashboard; }
    AskAiPanel* askAiPage() const { return m_askAi; }
    ai::AiToolProbe* aiToolProbe() const { return m_aiProbe.get(); }
    ai::AiKeyStore* aiKeyStore() const { return m_aiKeys.get(); }
    SettingsDialog* settingsDialog() const;
    AboutDialog* aboutDialog() const;
    ClusterStatus* clusterStatus() const { return m_clusterStatus; }

    // A second launch's request (single instance): its profile, context and namespace, then its page;
    // the window comes to the front.
    void activate(const QString& page, const quayside::WorkspaceOverrides& overrides);

public Q_SLOTS:
    // Opens the Settings dialog (window-modal, asynchronous).
    void openSettings();
    // After a deploy: the kubeconfig may be new (minikube wrote it), the namespace just created.
    void refreshCluster();
    void showPage(const QString& name);
    // A finding's "Ask AI": the Ask AI page, its prompt filled from the finding (nothing asked yet).
    void askAiAbout(const quayside::diagnosis::Finding& finding);
    // File → Open profile…: a file dialog (window-modal, asynchronous), then openProfileFile().
    void openProfile();
    // Uses that profile from now on, as choosing it in Settings does (it is remembered).
    void openProfileFile(const QString& path);
    // View → Refresh (F5): the doctor on Prerequisites, the keychain on Secrets, the release history on
    // Build & Deploy, a relist on the Dashboard, the AI tools' probe on Ask AI.
    void refreshCurrentPage();
    // Help → About Quayside (non-modal), Documentation, Troubleshooting.
    void openAbout();
    void openDocumentation();
    void openTroubleshooting();

Q_SIGNALS:
    // The session was (re)opened or failed to: for tests and the status line.
    void clusterRefreshed(bool open);

private:
    void buildSecretsPage();
    void buildDeployPage();
    void openSession();
    void onTargetChanged();
    void onProfileChanged();
    void onPreferencesChanged();
    void updateDiagnosisContext();
    // A finding's one-click action: confirmed with the user (what runs, exactly), then run.
    void runDiagnosisAction(const diagnosis::Finding& finding, const diagnosis::Action& action);
    void executeDiagnosisAction(const diagnosis::Finding& finding, const diagnosis::Action& action);
    // A Helm upgrade of that one value (--reuse-values --set): a new revision, in the history,
    // rollback-able like any other.
    void raiseMemoryLimit(const diagnosis::Finding& finding, const diagnosis::Action& action);
    void restoreWindowState();
    void saveWindowState();
    void openUrl(const QUrl& url);
    // The pages that have something to show again get View → Refresh.
    void updateRefreshAction();

    Workspace* m_workspace;
    Options m_options;
    std::unique_ptr<ToolRunner> m_ownRunner;
    ToolRunner* m_runner = nullptr;
    std::unique_ptr<Keychain> m_keychain;
    std::unique_ptr<ai::AiToolProbe> m_aiProbe;
    std::unique_ptr<ai::AiKeyStore> m_aiKeys;
    QMap<QString, QString> m_aiToolPaths; // the overrides the probe last saw
    std::unique_ptr<Doctor> m_doctor;
    std::unique_ptr<SecretStore> m_secretStore;
    std::unique_ptr<ClusterSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    PrerequisitesPage* m_prerequisites = nullptr;
    SecretsPage* m_secrets = nullptr;
    BuildDeployPage* m_deploy = nullptr;
    DashboardPage* m_dashboard = nullptr;
    AskAiPanel* m_askAi = nullptr;
    QPointer<QWidget> m_settingsDialog;
    QPointer<QWidget> m_aboutDialog;
    ClusterStatus* m_clusterStatus = nullptr;
    int m_secretsIndex = -1;
    int m_deployIndex = -1;
    int m_dashboardIndex = -1;
    bool m_userMovedOn = false;
    ClusterTarget m_doctorTarget; // what the doctor last checked
};

} // namespace quayside::ui
