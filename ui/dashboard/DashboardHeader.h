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
} // namespace quayside

namespace quayside::ui {

// The strip above the dashboard: which cluster and namespace (switchable), whether the watches are
// connected (or reconnecting in N s, or the error), minikube's own state, and the app's URL with Open.
class DashboardHeader : public QWidget
{
    Q_OBJECT
public:
    DashboardHeader(ClusterSession* session, ToolRunner* runner, QWidget* parent = nullptr);

    void setMinikubeProfile(const QString& profile) { m_profile = profile; }
    QString connectionText() const;
    QUrl appUrl() const { return m_url; }
    QComboBox* namespaceBox() const { return m_namespace; }

public Q_SLOTS:
    void rebind(); // after the session's sources changed
    void refreshMinikube();

private:
    void updateConnection();
    void updateUrl();

    ClusterSession* m_session;
    ToolRunner* m_runner;
    QString m_profile = QStringLiteral("minikube");
    QLabel* m_context;
    QComboBox* m_namespace;
    QLabel* m_connection;
    QLabel* m_minikube;
    QLabel* m_urlLabel;
    QPushButton* m_open;
    QUrl m_url;
    QTimer m_tick;
    QTimer m_minikubeTimer;
    bool m_minikubeRunning = false;
};

} // namespace quayside::ui
