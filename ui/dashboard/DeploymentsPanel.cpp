#include "dashboard/DeploymentsPanel.h"

#include "dashboard/DeploymentCard.h"
#include "kube/Informer.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "widgets/MessageBox.h"

#include <QLabel>
#include <QPointer>
#include <QVBoxLayout>

namespace quayside::ui {

DeploymentsPanel::DeploymentsPanel(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_empty(new QLabel(tr("No deployments in this namespace yet. Deploy the app from Build & Deploy."), this))
{
    setObjectName(QStringLiteral("deploymentsPanel"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("deploymentsEmpty"));
    m_layout->addWidget(m_empty);
    m_layout->addStretch(1);
}

void DeploymentsPanel::setSource(const kube::Informer* deployments, kube::KubeOperations* operations,
                                 const QString& nameSpace)
{
    if (m_connection)
        disconnect(m_connection);
    qDeleteAll(m_cards);
    m_cards.clear();
    m_deployments = deployments;
    m_operations = operations;
    m_nameSpace = nameSpace;
    if (m_deployments) {
        m_connection = connect(m_deployments, &kube::Informer::objectsChanged, this, &DeploymentsPanel::applyChanges);
        applyChanges(m_deployments->store().uids(), {}, {});
    }
    updateEmptyState();
}

DeploymentCard* DeploymentsPanel::card(const QString& name) const
{
    for (DeploymentCard* c : m_cards) {
        if (c->deployment().name == name)
            return c;
    }
    return nullptr;
}

void DeploymentsPanel::applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed)
{
    for (const QString& uid : removed) {
        if (DeploymentCard* c = m_cards.take(uid))
            c->deleteLater();
    }
    auto upsert = [this](const QString& uid) {
        const QJsonObject object = m_deployments->store().object(uid);
        if (object.isEmpty())
            return;
        const kube::DeploymentSummary summary = kube::DeploymentSummary::fromJson(object);
        if (DeploymentCard* existing = m_cards.value(uid)) {
            existing->setDeployment(summary);
            return;
        }
        auto* c = new DeploymentCard(summary, this);
        connect(c, &DeploymentCard::scaleRequested, this, &DeploymentsPanel::scale);
        connect(c, &DeploymentCard::restartRequested, this, &DeploymentsPanel::restart);
        connect(c, &DeploymentCard::logsRequested, this, &DeploymentsPanel::logsRequested);
        connect(c, &DeploymentCard::diagnoseRequested, this, &DeploymentsPanel::diagnoseRequested);
        c->setProblem(m_problems.value(summary.name));
        m_cards.insert(uid, c);
        // Keep the cards in name order, like kubectl get deploy.
        int position = 0;
        for (int i = 0; i < m_layout->count(); ++i) {
            auto* other = qobject_cast<DeploymentCard*>(m_layout->itemAt(i)->widget());
            if (other && other->deployment().name < summary.name)
                position = i + 1;
        }
        m_layout->insertWidget(std::max(position, 1), c);
    };
    for (const QString& uid : added)
        upsert(uid);
    for (const QString& uid : modified)
        upsert(uid);
    updateEmptyState();
}

void DeploymentsPanel::setProblems(const QHash<QString, QString>& summaryByDeployment)
{
    m_problems = summaryByDeployment;
    for (DeploymentCard* c : std::as_const(m_cards))
        c->setProblem(m_problems.value(c->deployment().name));
}

void DeploymentsPanel::updateEmptyState()
{
    m_empty->setVisible(m_cards.isEmpty());
}

void DeploymentsPanel::scale(const QString& name, int replicas)
{
    DeploymentCard* c = card(name);
    if (!c || !m_operations)
        return;
    c->setBusy(tr("scaling %1 to %2").arg(name).arg(replicas));
    kube::KubeReply* reply = m_operations->scale(m_nameSpace, name, replicas);
    QPointer<DeploymentCard> guard(c);
    connect(reply, &kube::KubeReply::finished, this, [guard, reply, name, replicas] {
        if (!guard)
            return;
        if (reply->ok())
            guard->showResult(true, tr("Scaled %1 to %2 replicas.").arg(name).arg(replicas));
        else
            guard->showResult(false, reply->error().message());
    });
}

void DeploymentsPanel::restart(const QString& name)
{
    DeploymentCard* c = card(name);
    if (!c || !m_operations)
        return;
    QPointer<DeploymentCard> guard(c);
    MessageBox::confirm(
        this, tr("Restart %1?").arg(name),
        tr("Restart every pod of the deployment <b>%1</b>? Pods are replaced one by one (a rolling restart, like "
           "<code>kubectl rollout restart deploy/%1</code>).")
            .arg(name),
        tr("Restart %1").arg(name), [this, guard, name](bool accepted) {
            if (!accepted || !guard || !m_operations)
                return;
            guard->setBusy(tr("restarting %1").arg(name));
            kube::KubeReply* reply = m_operations->restart(m_nameSpace, name);
            connect(reply, &kube::KubeReply::finished, this, [guard, reply, name] {
                if (!guard)
                    return;
                if (reply->ok())
                    guard->showResult(true, tr("Restart of %1 started: new pods replace the old ones.").arg(name));
                else
                    guard->showResult(false, reply->error().message());
            });
        });
}

} // namespace quayside::ui
