#include "status/ClusterStatus.h"

#include "core/Clock.h"
#include "kube/ConnectionState.h"
#include "kube/InformerSet.h"
#include "session/ClusterSession.h"
#include "workspace/Workspace.h"

#include <QHBoxLayout>
#include <QLabel>

namespace quayside::ui {

ClusterStatus::ClusterStatus(Workspace* workspace, ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_session(session)
    , m_target(new QLabel(this))
    , m_watch(new QLabel(this))
{
    setObjectName(QStringLiteral("clusterStatus"));
    m_target->setObjectName(QStringLiteral("statusTarget"));
    m_watch->setObjectName(QStringLiteral("statusWatch"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    layout->addWidget(m_target);
    layout->addWidget(m_watch);
    connect(m_workspace, &Workspace::targetChanged, this, &ClusterStatus::updateTarget);
    // A new namespace or context replaces the informers, and with them the ConnectionState.
    connect(m_session, &ClusterSession::sourcesChanged, this, &ClusterStatus::rebind);
    connect(m_session, &ClusterSession::openFailed, this, &ClusterStatus::rebind);
    updateTarget();
    rebind();
}

QString ClusterStatus::targetText() const
{
    const ClusterTarget& target = m_workspace->target();
    return QStringLiteral("%1 / %2").arg(target.context.isEmpty() ? tr("no context") : target.context,
                                         target.nameSpace.isEmpty() ? tr("no namespace") : target.nameSpace);
}

QString ClusterStatus::watchText() const
{
    if (!m_state)
        return tr("disconnected");
    switch (m_state->status()) {
    case kube::ConnectionState::Status::Connected:
        return tr("connected");
    case kube::ConnectionState::Status::Connecting:
        return tr("connecting");
    case kube::ConnectionState::Status::Reconnecting:
        return tr("reconnecting");
    case kube::ConnectionState::Status::Error:
        break;
    }
    return tr("disconnected");
}

void ClusterStatus::updateTarget()
{
    const QString text = targetText();
    m_target->setText(tr("Cluster: %1").arg(text));
    m_target->setAccessibleName(tr("Cluster target: %1").arg(text));
    m_target->setToolTip(tr("The kubeconfig context and namespace every page acts on"));
}

void ClusterStatus::rebind()
{
    kube::InformerSet* informers = m_session->isOpen() ? m_session->informers() : nullptr;
    kube::ConnectionState* state = informers ? informers->connectionState() : nullptr;
    if (state != m_state) {
        if (m_state)
            disconnect(m_state, nullptr, this, nullptr);
        m_state = state;
        if (m_state)
            connect(m_state, &kube::ConnectionState::changed, this, &ClusterStatus::updateWatch);
    }
    updateWatch();
}

void ClusterStatus::updateWatch()
{
    const QString text = watchText();
    m_watch->setText(tr("Watch: %1").arg(text));
    m_watch->setAccessibleName(tr("Watch: %1").arg(text));
    // The details (the error, when the next attempt is due) as the header shows them.
    m_watch->setToolTip(m_state ? m_state->text(Clock::instance()) : tr("No cluster connection"));
}

} // namespace quayside::ui
