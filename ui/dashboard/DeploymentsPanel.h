#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace quayside::kube {
class Informer;
class KubeOperations;
} // namespace quayside::kube

namespace quayside::ui {

class DeploymentCard;

// The namespace's Deployments as cards, kept in step with the deployments informer (a card per uid,
// added, updated and removed incrementally). Scale and restart go through KubeOperations — the same
// requests kubectl sends — and a restart is only sent after the user confirms it.
class DeploymentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DeploymentsPanel(QWidget* parent = nullptr);

    void setSource(const kube::Informer* deployments, kube::KubeOperations* operations, const QString& nameSpace);
    // The diagnosis's summary per deployment with a problem (its own or its pods'): the cards' badges.
    void setProblems(const QHash<QString, QString>& summaryByDeployment);
    DeploymentCard* card(const QString& name) const;

Q_SIGNALS:
    void logsRequested(const QString& deployment);
    void diagnoseRequested(const QString& deployment);

private:
    void applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed);
    void scale(const QString& name, int replicas);
    void restart(const QString& name);
    void updateEmptyState();

    const kube::Informer* m_deployments = nullptr;
    kube::KubeOperations* m_operations = nullptr;
    QString m_nameSpace;
    QHash<QString, DeploymentCard*> m_cards; // uid -> card
    QHash<QString, QString> m_problems; // deployment name -> finding summary
    QVBoxLayout* m_layout;
    QLabel* m_empty;
    QMetaObject::Connection m_connection;
};

} // namespace quayside::ui
