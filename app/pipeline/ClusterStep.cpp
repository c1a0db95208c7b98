#include "pipeline/ClusterStep.h"

#include "doctor/ToolOutputParser.h"
#include "kube/KubeClient.h"
#include "kube/KubeconfigLoader.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolResult.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace quayside {

namespace {
constexpr std::chrono::seconds kQueryTimeout { 60 };
// A first start downloads the ISO/kicbase and Kubernetes images: minutes, not seconds.
constexpr std::chrono::minutes kStartTimeout { 20 };
constexpr std::chrono::minutes kAddonTimeout { 5 };
constexpr std::chrono::seconds kApiTimeout { 20 };

ToolCommand minikube(QStringList arguments, std::chrono::milliseconds timeout)
{
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments = std::move(arguments);
    command.timeout = timeout;
    return command;
}
} // namespace

ClusterStep::ClusterStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("cluster"), tr("Cluster"), context, parent)
{ }

ToolCommand ClusterStep::statusCommand() const
{
    return minikube({ QStringLiteral("-p"), m_context->profile.minikube.profile, QStringLiteral("status"),
                      QStringLiteral("-o"), QStringLiteral("json") },
                    kQueryTimeout);
}

ToolCommand ClusterStep::startCommand() const
{
    const Profile::Minikube& m = m_context->profile.minikube;
    QStringList args { QStringLiteral("start"), QStringLiteral("-p"), m.profile,
                       QStringLiteral("--cpus=%1").arg(m.cpus), QStringLiteral("--memory=%1").arg(m.memoryMb) };
    if (!m.driver.isEmpty())
        args << QStringLiteral("--driver=") + m.driver;
    return minikube(args, kStartTimeout);
}

ToolCommand ClusterStep::addonsListCommand() const
{
    return minikube({ QStringLiteral("-p"), m_context->profile.minikube.profile, QStringLiteral("addons"),
                      QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json") },
                    kQueryTimeout);
}

ToolCommand ClusterStep::addonEnableCommand(const QString& addon) const
{
    return minikube({ QStringLiteral("-p"), m_context->profile.minikube.profile, QStringLiteral("addons"),
                      QStringLiteral("enable"), addon },
                    kAddonTimeout);
}

QList<CommandPreview::Line> ClusterStep::preview() const
{
    QList<CommandPreview::Line> lines;
    lines << CommandPreview::Line { tr("Start the cluster unless it is running"),
                                    CommandPreview::shellLine(statusCommand()) + QStringLiteral(" >/dev/null ||\n  ")
                                        + CommandPreview::shellLine(startCommand()) };
    for (const QString& addon : m_context->profile.minikube.addons)
        lines << CommandPreview::Line { {}, CommandPreview::shellLine(addonEnableCommand(addon)) };
    const QString kubectl = CommandPreview::kubectl(m_context->kubectlClusterArguments());
    lines << CommandPreview::Line { tr("Can we reach the API server?"), kubectl + QStringLiteral(" version") };
    return lines;
}

void ClusterStep::run()
{
    m_started = false;
    m_enabled.clear();
    setMessage(tr("checking minikube profile \"%1\"").arg(m_context->profile.minikube.profile));
    runTool(statusCommand(), [this](const ToolResult& result) { onStatus(result); });
}

void ClusterStep::abort()
{
    if (m_reply)
        m_reply->abort();
}

void ClusterStep::onStatus(const ToolResult& result)
{
    if (!result.finished())
        return fail(tr("minikube status: %1").arg(result.describeFailure()));
    const auto status = ToolOutputParser::minikubeStatus(result.standardOutput, result.exitCode);
    using State = ToolOutputParser::MinikubeStatus::State;
    // A stopped cluster lists its nodes too, and `minikube start` brings all of them back: the Images
    // step chooses how images reach them from this.
    m_context->minikubeNodes = status.nodes;
    if (status.state == State::Running) {
        log(status.multiNode() ? tr("minikube profile \"%1\" is running (%2 nodes)")
                                     .arg(m_context->profile.minikube.profile)
                                     .arg(status.nodes)
                               : tr("minikube profile \"%1\" is running").arg(m_context->profile.minikube.profile));
        return enableAddons();
    }
    if (status.state == State::Paused) {
        return fail(tr("minikube profile \"%1\" is paused: run `minikube -p %1 unpause` and deploy again")
                        .arg(m_context->profile.minikube.profile));
    }
    log(status.state == State::ProfileNotFound
            ? tr("minikube profile \"%1\" does not exist yet: creating it").arg(m_context->profile.minikube.profile)
            : tr("minikube profile \"%1\" is not running (%2): starting it")
                  .arg(m_context->profile.minikube.profile, status.detail));
    startCluster();
}

void ClusterStep::startCluster()
{
    m_started = true;
    setMessage(tr("starting minikube (%1 CPUs, %2 MB)")
                   .arg(m_context->profile.minikube.cpus)
                   .arg(m_context->profile.minikube.memoryMb));
    runTool(startCommand(), [this](const ToolResult& result) {
        if (!result.ok())
            return fail(tr("minikube start failed: %1").arg(result.describeFailure()));
        enableAddons();
    });
}

void ClusterStep::enableAddons()
{
    const QStringList wanted = m_context->profile.minikube.addons;
    if (wanted.isEmpty())
        return checkApi();
    setMessage(tr("checking addons"));
    runTool(
        addonsListCommand(),
        [this, wanted](const ToolResult& result) {
            // {"metrics-server":{"Profile":"minikube","Status":"enabled"},...}; when the list cannot be
            // read, enabling is idempotent anyway.
            const QJsonObject addons = QJsonDocument::fromJson(result.standardOutput).object();
            QStringList missing;
            for (const QString& addon : wanted) {
                const QString state = addons.value(addon).toObject().value(QLatin1String("Status")).toString();
                if (state == QLatin1String("enabled"))
                    log(tr("addon %1 is enabled").arg(addon));
                else
                    missing << addon;
            }
            enableNext(missing);
        },
        {}, true);
}

// One at a time: minikube serialises addon changes on a profile and parallel ones fight over its lock.
void ClusterStep::enableNext(QStringList remaining)
{
    if (remaining.isEmpty())
        return checkApi();
    const QString addon = remaining.takeFirst();
    setMessage(tr("enabling addon %1").arg(addon));
    runTool(addonEnableCommand(addon), [this, addon, remaining](const ToolResult& result) {
        if (!result.ok())
            return fail(tr("minikube addons enable %1 failed: %2").arg(addon, result.describeFailure()));
        m_enabled << addon;
        enableNext(remaining);
    });
}

void ClusterStep::checkApi()
{
    setMessage(tr("connecting to the API server"));
    const kube::KubeconfigLoader::Options options = m_context->clusterTarget().loaderOptions();
    QString error;
    const auto config = kube::KubeconfigLoader::load(options, &error);
    if (!config)
        return fail(tr("cannot use the kubeconfig context \"%1\": %2").arg(options.context, error));
    // A new client each run: a restarted minikube may have new certificates and a new address.
    if (m_context->kube)
        m_context->kube->deleteLater();
    auto* client = new kube::KubeClient(*config, parent());
    client->setToolRunner(m_context->runner);
    client->setDefaultTimeout(kApiTimeout);
    m_context->kube = client;
    m_context->kubeServer = config->serverDisplay();
    m_reply = client->get(QStringLiteral("/version"));
    connect(m_reply, &kube::KubeReply::finished, this, [this, reply = m_reply] {
        if (!reply)
            return;
        if (!reply->ok())
            return fail(
                tr("the API server at %1 does not answer: %2").arg(m_context->kubeServer, reply->error().message()));
        const QString version = reply->json().value(QLatin1String("gitVersion")).toString();
        QString message = tr("Kubernetes %1 at %2").arg(version, m_context->kubeServer);
        if (m_started)
            message = tr("started; ") + message;
        if (!m_enabled.isEmpty())
            message += tr("; enabled %1").arg(m_enabled.join(QStringLiteral(", ")));
        log(message);
        succeed(message);
    });
}

} // namespace quayside
