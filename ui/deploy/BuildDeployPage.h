#pragma once

#include "pipeline/Pipeline.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace quayside {
class HelmOperations;
class Keychain;
class ToolRunner;
class Workspace;
} // namespace quayside

namespace quayside::ui {

class ImageProgressRow;
class ReleaseHistoryPanel;
class StepLogView;
class StepRow;

// The Build & Deploy page: the pipeline's steps with their state and time, a progress bar per image,
// a log pane per step (or, with "Show commands", the plain commands the step runs), Deploy, Cancel
// and Retry, the total time, and on success the app's URL, "Open app" and a jump to the Dashboard.
// The Pipeline (core) does the work; the page only shows it and forwards the buttons.
class BuildDeployPage : public QWidget
{
    Q_OBJECT
public:
    BuildDeployPage(Pipeline* pipeline, ToolRunner* runner, QWidget* parent = nullptr);
    ~BuildDeployPage() override;

    // The page for the workspace's profile and target, with a Pipeline it owns; it follows the
    // workspace from then on (another profile, source directory, context or namespace). nullptr when the
    // workspace has no readable profile (workspace->profileProblem() says why).
    static BuildDeployPage* create(Workspace* workspace, ToolRunner* runner, Keychain* keychain,
                                   QWidget* parent = nullptr);
    // Follow the workspace: the source directory goes to it, and its changes come to the pipeline
    // (at once while idle, else when the running deploy has finished).
    void setWorkspace(Workspace* workspace);

    Pipeline* pipeline() const { return m_pipeline; }
    // The release's history and rollback (and one-value upgrades), for this page's profile and target.
    HelmOperations* helmOperations() const { return m_helm; }
    StepRow* stepRow(const QString& id) const;
    ImageProgressRow* imageRow(const QString& image) const;
    StepLogView* stepLog(const QString& id) const;
    QString selectedStep() const;
    bool showsCommands() const;

    // How "Open app" opens a URL (default: QDesktopServices); tests record it instead.
    void setUrlOpener(std::function<void(const QUrl&)> opener) { m_openUrl = std::move(opener); }

public Q_SLOTS:
    void deploy();
    void cancel();
    void retry();
    void selectStep(const QString& id);
    void setShowCommands(bool show);
    // A new source directory: reloads the profile with it (only while idle).
    void setSourceDirectory(const QString& directory);

Q_SIGNALS:
    void dashboardRequested();

private:
    void buildRows();
    void onStepStateChanged(int index, StepState state);
    void onFinished(bool ok);
    void onPreflightFailed(const QStringList& problems);
    void tick();
    void updateButtons();
    void updateHeader();
    void updateCommands();
    void recreateHelmOperations();
    void syncWithWorkspace();
    void reloadRows();
    void showBanner(const QString& kind, const QString& html);
    void updateBannerLook();
    void chooseSource();

    QPointer<Pipeline> m_pipeline;
    Workspace* m_workspace = nullptr;
    bool m_workspacePending = false;
    ToolRunner* m_runner;
    HelmOperations* m_helm = nullptr;
    QLabel* m_subtitle;
    QLineEdit* m_source;
    QPushButton* m_choose;
    QPushButton* m_deploy;
    QPushButton* m_cancel;
    QPushButton* m_retry;
    QPushButton* m_commandsToggle;
    QLabel* m_total;
    QVBoxLayout* m_rowsLayout;
    QLabel* m_paneTitle;
    QPushButton* m_copyCommands;
    QStackedWidget* m_panes;
    QPlainTextEdit* m_commands;
    QFrame* m_banner;
    QLabel* m_bannerText;
    QPushButton* m_openApp;
    QPushButton* m_dashboard;
    ReleaseHistoryPanel* m_history;
    QList<StepRow*> m_rows;
    QList<StepLogView*> m_logs;
    QMap<QString, ImageProgressRow*> m_images;
    QString m_selected;
    QTimer m_ticker;
    std::function<void(const QUrl&)> m_openUrl;
};

} // namespace quayside::ui
