#include "ai/mcp/McpCluster.h"

#include "diagnosis/ProfileContext.h"

namespace quayside::mcp {

McpCluster::McpCluster(ClusterTarget target, const Profile* profile, QObject* parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_diagnosisContext(diagnosis::ProfileContext::build(profile, m_target))
{ }

McpCluster::~McpCluster() = default;

kube::KubeClient* McpCluster::client(QString* error)
{
    if (!m_open)
        m_open = m_session.open(m_target, this, error);
    return m_open ? m_session.client() : nullptr;
}

QString McpCluster::contextName() const
{
    return m_open ? m_session.contextName() : m_target.context;
}

QString McpCluster::nameSpace(const QJsonObject& arguments) const
{
    const QString given = arguments.value(QLatin1String("namespace")).toString();
    if (!given.isEmpty())
        return given;
    if (m_open && !m_session.nameSpace().isEmpty())
        return m_session.nameSpace();
    return m_target.nameSpace.isEmpty() ? QStringLiteral("default") : m_target.nameSpace;
}

} // namespace quayside::mcp
