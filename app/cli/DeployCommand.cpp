#include "cli/DeployCommand.h"

#include "cli/CommonOptions.h"
#include "keychain/Keychain.h"
#include "pipeline/InterruptWatcher.h"
#include "pipeline/Pipeline.h"
#include "pipeline/PipelineEventFormatter.h"
#include "pipeline/PipelineStep.h"
#include "process/ProcessToolRunner.h"
#include "workspace/Workspace.h"

#include <QJsonDocument>

namespace quayside::cli {

DeployCommand::DeployCommand()
    : m_runner(std::make_unique<ProcessToolRunner>())
{ }

DeployCommand::~DeployCommand()
{
    // The pipeline's steps own running tools: delete it while the runner it uses still exists.
    delete m_pipeline;
}

QString DeployCommand::usage()
{
    return QStringLiteral("Usage: quayside [global options] deploy [--source DIR] [--skip-build] [--no-wait] "
                          "[--dry-run] [-o text|json]");
}

void DeployCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Build the app's images, apply its secrets and install it on Minikube with Helm."));
    parser.addOption({ QStringLiteral("source"),
                       QStringLiteral("The app's source directory (holding backend/ and frontend/)."),
                       QStringLiteral("dir") });
    parser.addOption(
        { QStringLiteral("skip-build"), QStringLiteral("Build nothing; every image must already be in the cluster.") });
    parser.addOption(
        { QStringLiteral("no-wait"), QStringLiteral("Install without waiting for the rollout and health checks.") });
    parser.addOption(
        { QStringLiteral("dry-run"), QStringLiteral("Print every command the deploy would run, and run none.") });
    CommonOptions::addOutputOption(parser, { QStringLiteral("text"), QStringLiteral("json") });
    CommonOptions::addGlobalOptions(parser);
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("deploy takes no arguments"), usage());
    const QString format
        = CommonOptions::outputFormat(parser, { QStringLiteral("text"), QStringLiteral("json") }, &error);
    if (format.isEmpty())
        return usageError(error, usage());
    m_json = format == QLatin1String("json");
    m_verbose = verbose();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));

    // The workspace's profile (-p, the settings, ./quayside.yaml, the shipped one) with the target's
    // namespace; checked here with its paths, since a dry run shows what would happen even before the
    // sources are chosen.
    const QString profilePath = workspace()->profileFile();
    if (profilePath.isEmpty())
        return fail(QStringLiteral("no profile: pass --profile FILE or create one with `quayside init`"));
    QString source = parser.value(QStringLiteral("source"));
    if (source.isEmpty())
        source = workspace()->sourceDirectory();
    QList<ProfileError> errors;
    std::optional<Profile> profile = workspace()->loadProfile(source, !dryRun, &errors);
    if (!profile) {
        err() << ProfileError::join(errors) << Qt::endl;
        return fail(QStringLiteral("the profile %1 has %2 problem%3 (above)")
                        .arg(profilePath)
                        .arg(errors.size())
                        .arg(errors.size() == 1 ? "" : "s"));
    }

    PipelineOptions options;
    options.skipBuild = parser.isSet(QStringLiteral("skip-build"));
    options.noWait = parser.isSet(QStringLiteral("no-wait"));
    options.target = workspace()->target();

    if (dryRun) {
        const bool noSource = profile->needsSource() && profile->source.isEmpty();
        if (noSource)
            profile->source = Profile::sourcePlaceholder();
        m_pipeline = new Pipeline(*profile, options, { m_runner.get(), nullptr, nullptr });
        m_pipeline->computeImageTags();
        // The script names the flags of the Helm on PATH: ask it first (asynchronously, like every tool).
        connect(m_pipeline, &Pipeline::helmVersionKnown, this, [this, noSource, file = profile->sourceFile] {
            QString script = m_pipeline->commandScript();
            if (noSource) {
                script.replace(QStringLiteral("set -euo pipefail\n"),
                               QStringLiteral("set -euo pipefail\n# No --source given: set SOURCE to the directory "
                                              "holding backend/ and frontend/.\nSOURCE=${SOURCE:?set "
                                              "SOURCE=/path/to/the/app}\n"));
            }
            if (m_json) {
                out() << QJsonDocument(QJsonObject { { QStringLiteral("profile"), file },
                                                     { QStringLiteral("script"), script } })
                             .toJson(QJsonDocument::Compact)
                      << '\n';
            } else {
                out() << script;
            }
            finish(ExitOk);
        });
        m_pipeline->probeHelmVersion();
        return;
    }

    m_keychain = std::make_unique<Keychain>();
    m_pipeline = new Pipeline(*profile, options, { m_runner.get(), m_keychain.get(), nullptr });
    auto* interrupts = new InterruptWatcher(this);
    connect(interrupts, &InterruptWatcher::interrupted, this, [this] {
        m_interrupted = true;
        err() << "cancelling (Ctrl-C again to quit at once)…" << Qt::endl;
        if (m_pipeline->isRunning())
            m_pipeline->cancel();
        else
            finish(130);
    });
    connect(m_pipeline, &Pipeline::stepStateChanged, this, [this](int index, StepState) {
        if (m_json)
            writeLine(QString::fromUtf8(
                QJsonDocument(PipelineEventFormatter::json(*m_pipeline, index)).toJson(QJsonDocument::Compact)));
        else
            writeLine(PipelineEventFormatter::text(*m_pipeline, index));
    });
    if (m_verbose && !m_json) {
        connect(m_pipeline, &Pipeline::stepOutput, this, [this](int index, const QString& line) {
            writeLine(QStringLiteral("  %1| %2").arg(m_pipeline->steps().at(index)->id(), line));
        });
    }
    connect(m_pipeline, &Pipeline::preflightFailed, this, [this](const QStringList& problems) {
        if (m_json)
            return;
        err() << "Not ready to deploy:" << Qt::endl;
        for (const QString& problem : problems)
            err() << "  - " << problem << Qt::endl;
    });
    connect(m_pipeline, &Pipeline::finished, this, [this](bool ok) {
        if (m_json)
            writeLine(QString::fromUtf8(
                QJsonDocument(PipelineEventFormatter::summary(*m_pipeline, ok)).toJson(QJsonDocument::Compact)));
        if (ok) {
            if (!m_json)
                writeLine(QStringLiteral("Deployed in %1 s: %2")
                              .arg(m_pipeline->elapsedMs() / 1000.0, 0, 'f', 1)
                              .arg(m_pipeline->context().accessUrl));
            return finish(ExitOk);
        }
        const int failed = m_pipeline->failedIndex();
        if (!m_json && failed >= 0) {
            const QStringList detail = m_pipeline->steps().at(failed)->detail();
            for (const QString& line : detail)
                err() << "  " << line << Qt::endl;
        }
        if (m_interrupted) {
            err() << "error: cancelled" << Qt::endl;
            return finish(130);
        }
        fail(m_pipeline->failureMessage());
    });
    m_pipeline->start();
}

} // namespace quayside::cli
