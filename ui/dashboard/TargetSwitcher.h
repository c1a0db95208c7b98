#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace quayside {
class ClusterSession;
class Workspace;
} // namespace quayside

namespace quayside::ui {

// The context and namespace switcher in the dashboard header. Contexts are the merged kubeconfig's
// (its current-context marked), namespaces the ones the session watches; when RBAC forbids listing
// namespaces (403) that is said next to the box and any name can be typed. A choice goes to the
// Workspace, which remembers it per kubeconfig and moves everything — dashboard, deploy, secrets,
// doctor — together. Without a workspace (a dashboard on its own, in tests) it switches the session's
// namespace only.
class TargetSwitcher : public QWidget
{
    Q_OBJECT
public:
    TargetSwitcher(Workspace* workspace, ClusterSession* session, QWidget* parent = nullptr);

    QComboBox* contextBox() const { return m_context; }
    QComboBox* namespaceBox() const { return m_namespace; }
    QLabel* forbiddenNote() const { return m_forbidden; }
    // Why a typed namespace was refused (not a DNS label); hidden otherwise.
    QLabel* invalidNote() const { return m_invalid; }

public Q_SLOTS:
    // The workspace's target or the kubeconfig's contexts changed.
    void refresh();

private:
    void fillContexts();
    void fillNamespaces(const QStringList& names);
    void chooseNamespace();

    Workspace* m_workspace;
    ClusterSession* m_session;
    QComboBox* m_context;
    QComboBox* m_namespace;
    QLabel* m_forbidden;
    QLabel* m_invalid;
    QStringList m_namespaces;
};

} // namespace quayside::ui
