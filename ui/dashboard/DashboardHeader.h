#pragma once

#include <QTimer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace quayside {
class ClusterSession;
class ToolRunner;
class Workspace;
} // namespace quayside

namespace quayside::ui {

class TargetSwitcher;

// The strip above the dashboard: which cluster and namespace (switchable), whether the watches are
// connected (or reconnecting in N s, or the error), minikube's own state, and the app's URL with Open.
class DashboardHeader : public QWidget
{
    Q_OBJECT
public:
    // `workspace` may be null (a dashboard on its own): the switcher then changes the namespace only.
    DashboardHeader(ClusterSession* session, ToolRunner* runner, Workspace* workspace = nullptr,
                    QWidget* parent = nullptr);

    QString connectionText() const;
    QUrl appUrl() const { return m_url; }
    TargetSwitcher* switcher() const { return m_switcher; }
    QComboBox* namespaceBox() const;
    QComboBox* contextBox() const;

    // "All healthy" / "N problems" from the diagnosis; -1 while it has not run yet.
    void setProblemCount(int count);
    QPushButton* healthButton() const { return m_health; }

Q_SIGNALS:
    void problemsRequested();

public Q_SLOTS:
    void rebind(); // after the session's sources changed
    void refreshMinikube();

private:
    void updateConnection();
    void updateUrl();
    void updateServer();

    ClusterSession* m_session;
    ToolRunner* m_runner;
    TargetSwitcher* m_switcher;
    QLabel* m_server;
    QLabel* m_connection;
    QLabel* m_minikube;
    QLabel* m_urlLabel;
    QPushButton* m_open;
    QPushButton* m_health;
    QUrl m_url;
    QTimer m_tick;
    QTimer m_minikubeTimer;
    bool m_minikubeRunning = false;
};

} // namespace quayside::ui
