#include "workspace/ClusterTarget.h"

#include <QDir>

namespace quayside {

kube::KubeconfigLoader::Options ClusterTarget::loaderOptions() const
{
    kube::KubeconfigLoader::Options options;
    if (kubeconfigFiles.size() == 1)
        options.explicitPath = kubeconfigFiles.constFirst();
    else if (kubeconfigFiles.size() > 1)
        options.kubeconfigEnv = kubeconfigFiles.join(QDir::listSeparator());
    options.context = context;
    options.nameSpace = nameSpace;
    return options;
}

QStringList ClusterTarget::kubectlArguments() const
{
    QStringList args;
    if (kubeconfigFiles.size() == 1)
        args << QStringLiteral("--kubeconfig") << kubeconfigFiles.constFirst();
    if (!context.isEmpty())
        args << QStringLiteral("--context") << context;
    return args;
}

QStringList ClusterTarget::helmArguments() const
{
    QStringList args;
    if (kubeconfigFiles.size() == 1)
        args << QStringLiteral("--kubeconfig") << kubeconfigFiles.constFirst();
    if (!context.isEmpty())
        args << QStringLiteral("--kube-context") << context;
    return args;
}

QMap<QString, QString> ClusterTarget::childEnvironment() const
{
    if (kubeconfigFiles.size() <= 1)
        return {};
    return { { QStringLiteral("KUBECONFIG"), kubeconfigFiles.join(QDir::listSeparator()) } };
}

QString ClusterTarget::kubeconfigKey() const
{
    // The files the default lookup reads, not "": choices made with one $KUBECONFIG must not follow
    // the user to another.
    return kube::KubeconfigLoader::candidateFiles(loaderOptions()).join(QDir::listSeparator());
}

} // namespace quayside
