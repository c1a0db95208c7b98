#include "session/KubeSession.h"

#include "kube/KubeClient.h"
#include "kube/KubeconfigLoader.h"

namespace quayside {

KubeSession::KubeSession() = default;
KubeSession::~KubeSession() = default;

bool KubeSession::open(const ClusterTarget& target, QObject* parent, QString* error)
{
    auto config = kube::KubeconfigLoader::load(target.loaderOptions(), error);
    if (!config)
        return false;
    m_config = *config;
    m_client = new kube::KubeClient(m_config, parent);
    return true;
}

bool KubeSession::parseTarget(const QString& text, QString* kind, QString* name, QString* error)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0) {
        *kind = QStringLiteral("pod");
        *name = text;
    } else {
        const QString type = text.left(slash).toLower();
        *name = text.mid(slash + 1);
        if (type == QLatin1String("deploy") || type == QLatin1String("deployment")
            || type == QLatin1String("deployments") || type == QLatin1String("deployment.apps")
            || type == QLatin1String("deployments.apps"))
            *kind = QStringLiteral("deployment");
        else if (type == QLatin1String("po") || type == QLatin1String("pod") || type == QLatin1String("pods"))
            *kind = QStringLiteral("pod");
        else {
            *error = QStringLiteral("unsupported resource type \"%1\" (use pod/NAME or deploy/NAME)").arg(type);
            return false;
        }
    }
    if (name->isEmpty() || name->contains(QLatin1Char('/'))) {
        *error = QStringLiteral("\"%1\" is not a valid name").arg(text);
        return false;
    }
    return true;
}

} // namespace quayside
