#include "cli/ScaleCommand.h"

#include "cli/CommonOptions.h"
#include "workspace/Workspace.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"

namespace quayside::cli {

namespace {
const QString kUsage = QStringLiteral(
    "Usage: quayside scale deploy/NAME --replicas N [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]");
} // namespace

void ScaleCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Set the number of replicas of a Deployment."));
    CommonOptions::addGlobalOptions(parser);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("deploy/NAME"));
    parser.addOption(
        { QStringLiteral("replicas"), QStringLiteral("The new number of replicas."), QStringLiteral("N") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, kUsage);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("scale needs exactly one deploy/NAME"), kUsage);
    QString kind;
    QString name;
    if (!KubeSession::parseTarget(positional.first(), &kind, &name, &error))
        return usageError(error, kUsage);
    if (kind != QLatin1String("deployment"))
        return usageError(QStringLiteral("only Deployments can be scaled: use deploy/NAME"), kUsage);
    if (!parser.isSet(QStringLiteral("replicas")))
        return usageError(QStringLiteral("--replicas is required"), kUsage);
    bool ok = false;
    const int replicas = parser.value(QStringLiteral("replicas")).toInt(&ok);
    if (!ok || replicas < 0)
        return usageError(QStringLiteral("--replicas needs a whole number of 0 or more, got \"%1\"")
                              .arg(parser.value(QStringLiteral("replicas"))),
                          kUsage);
    if (!m_session.open(workspace()->target(), this, &error))
        return fail(error);
    auto* operations = new kube::KubeOperations(m_session.client(), this);
    kube::KubeReply* reply = operations->scale(m_session.nameSpace(), name, replicas);
    connect(reply, &kube::KubeReply::finished, this, [this, reply, name] {
        if (!reply->ok())
            return fail(reply->error().message());
        writeLine(QStringLiteral("deployment.apps/%1 scaled").arg(name));
        finish(ExitOk);
    });
}

} // namespace quayside::cli
