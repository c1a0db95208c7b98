#include "cli/RestartCommand.h"

#include "cli/CommonOptions.h"
#include "workspace/Workspace.h"
#include "kube/Durations.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "kube/RolloutWatcher.h"

namespace quayside::cli {

namespace {
const QString kUsage = QStringLiteral(
    "Usage: quayside restart deploy/NAME [--wait] [--timeout 5m] [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]");
} // namespace

void RestartCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Restart the pods of a Deployment with a rolling update."));
    CommonOptions::addGlobalOptions(parser);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("deploy/NAME"));
    parser.addOption({ QStringLiteral("wait"), QStringLiteral("Wait until the rollout has finished.") });
    parser.addOption({ QStringLiteral("timeout"), QStringLiteral("How long --wait waits (e.g. 90s, 5m)."),
                       QStringLiteral("duration"), QStringLiteral("5m") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, kUsage);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("restart needs exactly one deploy/NAME"), kUsage);
    QString kind;
    QString name;
    if (!KubeSession::parseTarget(positional.first(), &kind, &name, &error))
        return usageError(error, kUsage);
    if (kind != QLatin1String("deployment"))
        return usageError(QStringLiteral("only Deployments can be restarted: use deploy/NAME"), kUsage);
    const auto timeout = kube::Durations::parseGo(parser.value(QStringLiteral("timeout")));
    if (!timeout || timeout->count() <= 0)
        return usageError(QStringLiteral("--timeout needs a duration such as 90s or 5m"), kUsage);
    const bool wait = parser.isSet(QStringLiteral("wait"));
    if (!m_session.open(workspace()->target(), this, &error))
        return fail(error);

    auto* operations = new kube::KubeOperations(m_session.client(), this);
    kube::KubeReply* reply = operations->restart(m_session.nameSpace(), name);
    connect(reply, &kube::KubeReply::finished, this, [this, reply, name, wait, timeout] {
        if (!reply->ok())
            return fail(reply->error().message());
        writeLine(QStringLiteral("deployment.apps/%1 restarted").arg(name));
        if (!wait)
            return finish(ExitOk);
        const qint64 generation
            = reply->json().value(QLatin1String("metadata")).toObject().value(QLatin1String("generation")).toInteger();
        auto* watcher = new kube::RolloutWatcher(m_session.client(), m_session.nameSpace(), name, generation, {}, this);
        watcher->setTimeout(*timeout);
        connect(watcher, &kube::RolloutWatcher::progress, this, [this](const QString& message) { writeLine(message); });
        connect(watcher, &kube::RolloutWatcher::finished, this, [this](const kube::KubeError& rolloutError) {
            if (rolloutError.isError())
                return fail(rolloutError.message());
            finish(ExitOk);
        });
        watcher->start();
    });
}

} // namespace quayside::cli
