#include "diagnosis/ActionFactory.h"

#include <QRegularExpression>

namespace quayside::diagnosis {

QString ActionFactory::quote(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString ActionFactory::kubectl(const QString& nameSpace, const QString& arguments)
{
    return QStringLiteral("kubectl -n %1 %2").arg(quote(nameSpace), arguments);
}

QString ActionFactory::minikube(const QString& profile, const QString& arguments)
{
    return profile.isEmpty() ? QStringLiteral("minikube ") + arguments
                             : QStringLiteral("minikube -p %1 %2").arg(quote(profile), arguments);
}

Action ActionFactory::deletePod(const QString& nameSpace, const QString& pod)
{
    Action a;
    a.kind = Action::Kind::DeletePod;
    a.title = QStringLiteral("Delete pod");
    a.confirmText = QStringLiteral("Delete pod %1 in namespace %2. Its ReplicaSet starts a new pod in its place "
                                   "(with a fresh restart count and back-off).")
                        .arg(pod, nameSpace);
    a.command = kubectl(nameSpace, QStringLiteral("delete pod ") + quote(pod));
    a.parameters.insert(QStringLiteral("pod"), pod);
    return a;
}

Action ActionFactory::restartDeployment(const QString& nameSpace, const QString& deployment)
{
    Action a;
    a.kind = Action::Kind::RestartDeployment;
    a.title = QStringLiteral("Restart deployment");
    a.confirmText = QStringLiteral("Restart deployment %1 in namespace %2: new pods replace the current ones one by "
                                   "one (what `kubectl rollout restart` does).")
                        .arg(deployment, nameSpace);
    a.command = kubectl(nameSpace, QStringLiteral("rollout restart deployment/") + quote(deployment));
    a.parameters.insert(QStringLiteral("deployment"), deployment);
    return a;
}

Action ActionFactory::scaleDeployment(const QString& nameSpace, const QString& deployment, int replicas)
{
    Action a;
    a.kind = Action::Kind::ScaleDeployment;
    a.title = QStringLiteral("Scale to %1 replica%2").arg(replicas).arg(replicas == 1 ? "" : "s");
    a.confirmText = QStringLiteral("Scale deployment %1 in namespace %2 to %3 replica%4.")
                        .arg(deployment, nameSpace)
                        .arg(replicas)
                        .arg(replicas == 1 ? "" : "s");
    a.command
        = kubectl(nameSpace, QStringLiteral("scale deployment/%1 --replicas=%2").arg(quote(deployment)).arg(replicas));
    a.parameters.insert(QStringLiteral("deployment"), deployment);
    a.parameters.insert(QStringLiteral("replicas"), QString::number(replicas));
    return a;
}

Action ActionFactory::rebuildImages(const QStringList& images)
{
    Action a;
    a.kind = Action::Kind::RebuildImages;
    a.title = QStringLiteral("Rebuild and load the images");
    a.confirmText = QStringLiteral("Run the Images step: build %1 and load %2 into the cluster's container runtime.")
                        .arg(images.join(QStringLiteral(", ")),
                             images.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"));
    // The Images step is the first step of `quayside deploy` (unchanged sources are not rebuilt). The
    // rules add `minikube image load` as a command to copy for an image built by hand.
    a.command = QStringLiteral("quayside deploy");
    a.parameters.insert(QStringLiteral("images"), images.join(QLatin1Char(',')));
    return a;
}

Action ActionFactory::openSecrets(const QString& key, const QString& secret)
{
    Action a;
    a.kind = Action::Kind::OpenSecrets;
    a.title = key.isEmpty() ? QStringLiteral("Open the Secrets page")
                            : QStringLiteral("Set %1 on the Secrets page").arg(key);
    a.confirmText = key.isEmpty()
        ? QStringLiteral("Open the Secrets page to add the app's secrets and apply them to the cluster.")
        : QStringLiteral("Open the Secrets page on %1: set its value, then apply the Secret to the cluster.").arg(key);
    a.command = key.isEmpty() ? QStringLiteral("quayside secrets list && quayside secrets apply")
                              : QStringLiteral("quayside secrets set %1 && quayside secrets apply").arg(quote(key));
    if (!key.isEmpty())
        a.parameters.insert(QStringLiteral("key"), key);
    if (!secret.isEmpty())
        a.parameters.insert(QStringLiteral("secret"), secret);
    return a;
}

Action ActionFactory::raiseMemoryLimit(const QString& nameSpace, const QString& deployment, const QString& container,
                                       const QString& valuesKey, const QString& limit, const DiagnosisContext& context)
{
    Action a;
    a.kind = Action::Kind::RaiseMemoryLimit;
    a.title = QStringLiteral("Raise the limit to %1").arg(limit);
    a.confirmText
        = QStringLiteral("Upgrade the Helm release %1 with %2=%3 (every other value kept): a new revision that "
                         "restarts %4's pods and that you can roll back.")
              .arg(context.helmRelease.isEmpty() ? QStringLiteral("of the app") : context.helmRelease, valuesKey, limit,
                   deployment);
    a.command = QStringLiteral("helm upgrade %1 %2 -n %3 --reuse-values --set %4=%5")
                    .arg(quote(context.helmRelease.isEmpty() ? QStringLiteral("RELEASE") : context.helmRelease),
                         quote(context.helmChart.isEmpty() ? QStringLiteral("CHART") : context.helmChart),
                         quote(nameSpace), valuesKey, limit);
    a.parameters.insert(QStringLiteral("deployment"), deployment);
    a.parameters.insert(QStringLiteral("container"), container);
    a.parameters.insert(QStringLiteral("valuesKey"), valuesKey);
    a.parameters.insert(QStringLiteral("limit"), limit);
    return a;
}

Action ActionFactory::enableMetricsServer(const QString& minikubeProfile)
{
    Action a;
    a.kind = Action::Kind::EnableMetricsServer;
    a.title = QStringLiteral("Enable metrics-server");
    a.confirmText = QStringLiteral("Enable minikube's metrics-server addon: CPU and memory usage appear about a minute "
                                   "later, once it has scraped the nodes.");
    a.command = minikube(minikubeProfile, QStringLiteral("addons enable metrics-server"));
    a.parameters.insert(QStringLiteral("profile"), minikubeProfile);
    return a;
}

Action ActionFactory::copyCommand(const QString& title, const QString& command)
{
    Action a;
    a.kind = Action::Kind::CopyCommand;
    a.title = title;
    a.command = command;
    return a;
}

} // namespace quayside::diagnosis
