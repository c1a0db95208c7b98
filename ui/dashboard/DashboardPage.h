#pragma once

#include "ai/PromptVariables.h"
#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace quayside {
class ClusterSession;
class ToolRunner;
class Workspace;
} // namespace quayside

namespace quayside::diagnosis {
class LiveDiagnosis;
}

namespace quayside::ui {

class DashboardHeader;
class FindingsModel;
class ProblemsPanel;
class DeploymentsPanel;
class EventTableModel;
class LogView;
class PodTableModel;
class ResourcesPanel;

// The screen a developer keeps open all day: deployments with scale and restart, the pods table, and
// below it logs, resources and events. The page only wires panels to the ClusterSession; each panel
// owns its behaviour.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    // `workspace` may be null (a dashboard on its own): the switcher then changes the namespace only.
    DashboardPage(ClusterSession* session, ToolRunner* runner, Workspace* workspace = nullptr,
                  QWidget* parent = nullptr);

    DashboardHeader* header() const { return m_header; }
    DeploymentsPanel* deployments() const { return m_deployments; }
    PodTableModel* podModel() const { return m_podModel; }
    QTableView* podTable() const { return m_podTable; }
    LogView* logView() const { return m_logs; }
    ResourcesPanel* resources() const { return m_resources; }
    EventTableModel* eventModel() const { return m_eventModel; }
    FindingsModel* findingsModel() const { return m_findings; }
    ProblemsPanel* problems() const { return m_problems; }
    diagnosis::LiveDiagnosis* diagnosis() const { return m_diagnosis; }
    // What the profile tells the rules (secret keys, local images, values keys); applies at once.
    void setDiagnosisContext(const diagnosis::DiagnosisContext& context);

public Q_SLOTS:
    void showPodLogs(const QString& pod);
    void showDeploymentLogs(const QString& deployment);
    void deletePod(const QString& pod);
    // The cluster cannot be reached at all (no kubeconfig, a broken one): say so above everything.
    // An empty message hides it again.
    void showSessionError(const QString& message);
    // What the log pane follows once the cluster is listed: "deploy/NAME" or a pod name. Empty: the
    // first deployment.
    void setInitialLogTarget(const QString& target) { m_initialLogTarget = target; }
    // The Problems tab, on the first finding about this object ("Pod"/"Deployment"), if any.
    void showProblems(const QString& objectKind = {}, const QString& objectName = {});
    // The pod menu's "Ask AI": the pod's status, its recent events and the log lines the view holds,
    // handed to the Ask AI page (askAiAboutPodRequested).
    void askAiAboutPod(const QString& pod);

Q_SIGNALS:
    void askAiAboutPodRequested(const quayside::ai::PromptVariables& variables, const QString& about);
    // A one-click action of a finding: the AppController confirms and runs it.
    void actionRequested(const quayside::diagnosis::Finding& finding, const quayside::diagnosis::Action& action);

private:
    void rebind();
    void updateProblemBadges();
    void showPodMenu(const QPoint& position);
    QString podAt(const QModelIndex& proxyIndex) const;

    ClusterSession* m_session;
    DashboardHeader* m_header;
    DeploymentsPanel* m_deployments;
    PodTableModel* m_podModel;
    QSortFilterProxyModel* m_podProxy;
    QTableView* m_podTable;
    QLineEdit* m_podFilter;
    QTabWidget* m_tabs;
    LogView* m_logs;
    ResourcesPanel* m_resources;
    EventTableModel* m_eventModel;
    QSortFilterProxyModel* m_eventProxy;
    QTableView* m_eventTable;
    QLineEdit* m_eventFilter;
    QLabel* m_sessionError;
    FindingsModel* m_findings;
    ProblemsPanel* m_problems;
    diagnosis::LiveDiagnosis* m_diagnosis = nullptr;
    diagnosis::DiagnosisContext m_diagnosisContext;
    QString m_initialLogTarget;
};

} // namespace quayside::ui
