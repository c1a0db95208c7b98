#include "pipeline/ImagesStep.h"

#include "pipeline/DockerEnvParser.h"
#include "pipeline/HostImageLoadDelivery.h"
#include "pipeline/MinikubeDockerDelivery.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolResult.h"

#include <QFileInfo>

namespace quayside {

ImagesStep::ImagesStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("images"), tr("Images"), context, parent)
{ }

ToolCommand ImagesStep::dockerEnvCommand() const
{
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments = QStringList { QStringLiteral("-p"), m_context->profile.minikube.profile,
                                      QStringLiteral("docker-env"), QStringLiteral("--shell"), QStringLiteral("bash") };
    command.timeout = std::chrono::seconds(60);
    return command;
}

BuildContextHasher::Input ImagesStep::hashInput(const Profile::Image& image) const
{
    return {
        m_context->profile.contextDirectory(image), m_context->profile.dockerfilePath(image), image.buildArgs, {}
    };
}

QList<CommandPreview::Line> ImagesStep::preview() const
{
    QList<CommandPreview::Line> lines;
    std::shared_ptr<ImageDelivery> delivery = m_context->delivery;
    if (!delivery && m_context->minikubeNodes > 1)
        delivery = multiNodeDelivery();
    if (!delivery) {
        // Nobody has asked minikube yet (a dry run runs no tool): show the single-node way and say
        // what a multi-node cluster gets instead.
        delivery
            = std::make_shared<MinikubeDockerDelivery>(m_context->profile.minikube.profile, QMap<QString, QString>());
        lines << CommandPreview::Line {
            tr("A multi-node cluster refuses docker-env (ENV_MULTINODE_CONFLICT): there each image is built with "
               "the host's Docker\nand copied to every node with `minikube -p %1 image load IMAGE` instead.")
                .arg(CommandPreview::quote(m_context->profile.minikube.profile)),
            {}
        };
    }
    lines << delivery->previewSetup();
    for (const Profile::Image& image : m_context->profile.images) {
        const ImageResult known = m_context->images.value(image.name);
        const QString tag = known.tag.isEmpty() ? QStringLiteral("<hash>") : known.tag;
        const QString reference = image.repository + QLatin1Char(':') + tag;
        ImageDelivery::BuildRequest request { image.name,
                                              m_context->profile.contextDirectory(image),
                                              m_context->profile.dockerfilePath(image),
                                              image.buildArgs,
                                              reference,
                                              known.hash };
        lines << CommandPreview::Line { tr("%1: skipped when %2 is already there").arg(image.name, reference),
                                        CommandPreview::shellLine(delivery->existsCommand(reference))
                                            + QStringLiteral(" >/dev/null ||") };
        lines << CommandPreview::Line {
            {}, QStringLiteral("  ") + CommandPreview::shellLine(delivery->buildCommand(request))
        };
        for (const ToolCommand& deliver : delivery->deliverCommands(reference))
            lines << CommandPreview::Line { {}, CommandPreview::shellLine(deliver) };
    }
    return lines;
}

void ImagesStep::run()
{
    qDeleteAll(m_builds);
    m_builds.clear();
    m_status.clear();
    if (m_context->minikubeNodes > 1) {
        m_context->delivery = multiNodeDelivery();
        log(m_context->delivery->description());
        return startBuilds();
    }
    setMessage(tr("asking minikube for its Docker daemon"));
    // Read again on every run: a restarted minikube has a new address and new certificates.
    runTool(
        dockerEnvCommand(), [this](const ToolResult& result) { onDockerEnv(result); }, {}, true);
}

void ImagesStep::abort()
{
    for (ImageBuild* build : std::as_const(m_builds))
        build->abort();
}

void ImagesStep::onDockerEnv(const ToolResult& result)
{
    if (result.outcome == ToolResult::Outcome::NotFound)
        return fail(result.describeFailure());
    const QString profile = m_context->profile.minikube.profile;
    if (result.ok()) {
        const DockerEnvParser::Result env = DockerEnvParser::parse(result.standardOutput);
        if (!env.ok())
            return fail(tr("cannot read `minikube docker-env` output: %1").arg(env.errorText()));
        m_context->delivery = std::make_shared<MinikubeDockerDelivery>(profile, env.variables);
    } else if (result.stderrText().contains(QLatin1String("ENV_MULTINODE_CONFLICT"))) {
        // A node was added since the Cluster step looked (or its status could not be read).
        m_context->delivery = std::make_shared<HostImageLoadDelivery>(
            profile, tr("minikube refuses docker-env on a multi-node cluster: ENV_MULTINODE_CONFLICT"));
    } else {
        // docker-env only works with the docker runtime on a single node; other runtimes get the image
        // built on the host and loaded.
        const QString reason = result.describeFailure();
        m_context->delivery = std::make_shared<HostImageLoadDelivery>(profile, reason);
    }
    log(m_context->delivery->description());
    startBuilds();
}

// docker-env would point docker at one node's daemon (and minikube refuses it with several nodes):
// pods scheduled on the other nodes would not find the image. `minikube image load` copies it to all.
std::shared_ptr<ImageDelivery> ImagesStep::multiNodeDelivery() const
{
    return std::make_shared<HostImageLoadDelivery>(
        m_context->profile.minikube.profile,
        tr("the cluster has %1 nodes; docker-env would reach only one").arg(m_context->minikubeNodes));
}

void ImagesStep::startBuilds()
{
    for (const Profile::Image& image : m_context->profile.images) {
        const BuildContextHasher::Input input = hashInput(image);
        if (!QFileInfo::exists(input.contextDirectory + QStringLiteral("/.dockerignore"))
            && QFileInfo(input.dockerfile + QStringLiteral(".dockerignore")).exists()) {
            // The legacy builder (docker without buildx) only reads <context>/.dockerignore: it would
            // send .env and node_modules along.
            log(tr("[%1] warning: %2 has no .dockerignore; only BuildKit reads %3.dockerignore. Copy it into the "
                   "context so the legacy builder leaves .env files out too.")
                    .arg(image.name, input.contextDirectory, input.dockerfile));
        }
        const QString prefix = QLatin1Char('[') + image.name + QStringLiteral("] ");
        auto* build = new ImageBuild(
            image, input, m_context->delivery,
            [this, prefix](const ToolCommand& command, ImageBuild::LineHandler onLine, ImageBuild::Done done) {
                runTool(command, std::move(onLine), std::move(done), prefix, true);
            },
            this);
        m_builds << build;
        connect(build, &ImageBuild::progress, this, &PipelineStep::progress);
        connect(build, &ImageBuild::statusChanged, this, [this, prefix](const QString& name, const QString& status) {
            m_status.insert(name, status);
            log(prefix + status);
            updateMessage();
        });
        connect(build, &ImageBuild::finished, this, &ImagesStep::onBuildFinished);
    }
    for (ImageBuild* build : std::as_const(m_builds))
        build->start(m_context->images.value(build->name()), m_context->options.skipBuild);
}

void ImagesStep::updateMessage()
{
    QStringList parts;
    for (ImageBuild* build : std::as_const(m_builds))
        parts << build->name() + QStringLiteral(": ") + m_status.value(build->name());
    setMessage(parts.join(QStringLiteral("; ")));
}

void ImagesStep::onBuildFinished()
{
    for (ImageBuild* build : std::as_const(m_builds)) {
        if (!build->isDone())
            return;
    }
    // Every image has ended: keep what succeeded (a retry reuses it), report the first failure.
    QStringList summary;
    ImageBuild* failed = nullptr;
    for (ImageBuild* build : std::as_const(m_builds)) {
        const ImageResult& r = build->result();
        if (r.outcome == ImageResult::Outcome::Failed) {
            if (!failed)
                failed = build;
            continue;
        }
        m_context->images.insert(r.name, r);
        summary << (r.outcome == ImageResult::Outcome::Reused
                        ? tr("%1 up to date (%2)").arg(r.name, r.reference())
                        : tr("%1 built (%2, %3 s)").arg(r.name, r.reference()).arg(r.elapsedMs / 1000.0, 0, 'f', 1));
    }
    if (failed) {
        ImageResult r = failed->result();
        m_context->images.insert(r.name, r);
        if (!failed->failureDetail().isEmpty()) {
            log(tr("[%1] the last %2 lines of the build:").arg(failed->name()).arg(failed->failureDetail().size()));
        }
        return fail(failed->failureMessage(), failed->failureDetail());
    }
    succeed(summary.join(QStringLiteral(", ")));
}

} // namespace quayside
