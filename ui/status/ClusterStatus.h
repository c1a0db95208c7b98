#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;

namespace quayside {
class ClusterSession;
class Workspace;
namespace kube {
class ConnectionState;
}
} // namespace quayside

namespace quayside::ui {

// The window's status bar: what Quayside acts on (the workspace's context / namespace) and how the
// watches are doing. The watch state is the session's InformerSet ConnectionState, the same object the
// dashboard header shows, so the two never disagree.
class ClusterStatus : public QWidget
{
    Q_OBJECT
public:
    ClusterStatus(Workspace* workspace, ClusterSession* session, QWidget* parent = nullptr);

    QString targetText() const;
    // "connected", "connecting", "reconnecting", "disconnected" (an error, or no session).
    QString watchText() const;

private:
    void updateTarget();
    void rebind();
    void updateWatch();

    Workspace* m_workspace;
    ClusterSession* m_session;
    QPointer<kube::ConnectionState> m_state;
    QLabel* m_target;
    QLabel* m_watch;
};

} // namespace quayside::ui
