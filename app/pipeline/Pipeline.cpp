#include "pipeline/Pipeline.h"

#include "core/ExecutableFinder.h"
#include "core/Log.h"
#include "kube/KubeClient.h"
#include "pipeline/AccessStep.h"
#include "pipeline/BuildContextHasher.h"
#include "pipeline/ClusterStep.h"
#include "pipeline/HelmStep.h"
#include "pipeline/HelmVersionProbe.h"
#include "pipeline/ImagesStep.h"
#include "pipeline/RolloutStep.h"
#include "pipeline/SecretsStep.h"
#include "process/ToolJob.h"
#include "secrets/SecretStore.h"

#include <QFileInfo>

namespace quayside {

Pipeline::Pipeline(Profile profile, PipelineOptions options, Services services, QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<quayside::StepState>();
    m_context.profile = std::move(profile);
    m_context.options = options;
    m_context.runner = services.runner;
    m_context.keychain = services.keychain;
    m_context.clock = services.clock ? services.clock : &Clock::instance();
    createSteps();
}

Pipeline::~Pipeline()
{
    // Steps first (their tools are killed by the jobs' destructors), then the API client.
    qDeleteAll(m_steps);
    m_steps.clear();
}

void Pipeline::createSteps()
{
    m_steps
        = { new ClusterStep(&m_context, this), new ImagesStep(&m_context, this),  new SecretsStep(&m_context, this),
            new HelmStep(&m_context, this),    new RolloutStep(&m_context, this), new AccessStep(&m_context, this) };
    for (int i = 0; i < m_steps.size(); ++i) {
        PipelineStep* s = m_steps[i];
        connect(s, &PipelineStep::stateChanged, this, [this, i](StepState state) { onStepStateChanged(i, state); });
        connect(s, &PipelineStep::messageChanged, this,
                [this, i](const QString& message) { Q_EMIT stepMessageChanged(i, message); });
        connect(s, &PipelineStep::outputLine, this, [this, i](const QString& line) { Q_EMIT stepOutput(i, line); });
        connect(s, &PipelineStep::progress, this, &Pipeline::imageProgress);
    }
}

PipelineStep* Pipeline::step(const QString& id) const
{
    const int i = indexOf(id);
    return i >= 0 ? m_steps[i] : nullptr;
}

int Pipeline::indexOf(const QString& id) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i]->id() == id)
            return i;
    }
    return -1;
}

void Pipeline::setProfile(Profile profile)
{
    if (m_running)
        return;
    m_context.profile = std::move(profile);
    m_context.resetResults();
    for (PipelineStep* s : std::as_const(m_steps))
        s->reset();
}

void Pipeline::setOptions(const PipelineOptions& options)
{
    if (!m_running)
        m_context.options = options;
}

bool Pipeline::canRetry() const
{
    return !m_running && failedIndex() >= 0;
}

int Pipeline::failedIndex() const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        const StepState s = m_steps[i]->state();
        if (s == StepState::Failed || s == StepState::Cancelled)
            return i;
    }
    return -1;
}

QString Pipeline::failureMessage() const
{
    if (!m_preflightProblems.isEmpty())
        return m_preflightProblems.join(QStringLiteral("; "));
    const int i = failedIndex();
    if (i < 0)
        return {};
    return m_steps[i]->id() + QStringLiteral(": ") + m_steps[i]->message();
}

qint64 Pipeline::elapsedMs() const
{
    return m_running && m_timer.isValid() ? m_timer.elapsed() : m_elapsedMs;
}

QStringList Pipeline::staticProblems() const
{
    QStringList problems;
    for (const char* tool : { "minikube", "docker", "helm" }) {
        if (ExecutableFinder::find(QString::fromLatin1(tool)).isEmpty())
            problems << tr("%1 is not installed (not found on PATH): `quayside doctor` says how to install it")
                            .arg(QString::fromLatin1(tool));
    }
    const Profile& p = m_context.profile;
    if (p.needsSource() && p.source.isEmpty())
        problems << tr("no source directory chosen: choose the directory holding the app's backend/ and frontend/");
    for (const Profile::Image& image : p.images) {
        const QString context = p.contextDirectory(image);
        if (!context.isEmpty() && !QFileInfo(context).isDir())
            problems << tr("image %1: the build context %2 does not exist").arg(image.name, context);
        if (!QFileInfo(p.dockerfilePath(image)).isFile())
            problems << tr("image %1: the Dockerfile %2 does not exist").arg(image.name, p.dockerfilePath(image));
    }
    if (!QFileInfo(p.chartPath() + QStringLiteral("/Chart.yaml")).isFile())
        problems << tr("no Helm chart at %1").arg(p.chartPath());
    return problems;
}

void Pipeline::start()
{
    if (m_running)
        return;
    m_context.resetResults();
    for (PipelineStep* s : std::as_const(m_steps))
        s->reset();
    preflight(0);
}

void Pipeline::retryFromFailed()
{
    if (m_running)
        return;
    const int from = failedIndex();
    if (from < 0)
        return;
    for (int i = from; i < m_steps.size(); ++i)
        m_steps[i]->reset();
    preflight(from);
}

// Everything a run needs is checked before the first step, so a deploy does not build for two
// minutes and then stop at a missing JWT_SECRET.
void Pipeline::preflight(int from)
{
    m_running = true;
    m_cancelRequested = false;
    m_current = -1;
    m_preflightProblems.clear();
    m_timer.start();
    m_context.toolTime.reset();
    Q_EMIT started();

    QStringList problems = staticProblems();
    const SecretSpecs& specs = m_context.profile.secrets;
    if (specs.specs.isEmpty() || !m_context.keychain) {
        if (!specs.specs.isEmpty())
            problems << tr("no keychain to read the app's secrets from");
        if (!problems.isEmpty()) {
            m_preflightProblems = problems;
            Q_EMIT preflightFailed(problems);
            return end(false);
        }
        return detectHelm(from);
    }
    // The keychain knows which secrets are set without us keeping any value (SecretStore wipes them).
    auto* store = new SecretStore(m_context.keychain, specs, this);
    connect(store, &SecretStore::refreshed, this, [this, store, problems, from]() mutable {
        store->deleteLater();
        if (m_cancelRequested) {
            m_preflightProblems = { tr("cancelled") };
            return end(false);
        }
        QStringList missing;
        for (const SecretStatus& status : store->statuses()) {
            const SecretSpec* spec = store->specs().find(status.name);
            switch (status.state) {
            case SecretState::Missing:
                if (spec && spec->required)
                    missing << status.name;
                break;
            case SecretState::Invalid:
                problems << tr("secret %1 is invalid: %2").arg(status.name, status.validation.message);
                break;
            case SecretState::Unavailable:
                problems << tr("the keychain cannot be read: %1").arg(status.error.message);
                break;
            default:
                break;
            }
        }
        if (!missing.isEmpty())
            problems << tr("required secrets are not set: %1 (quayside secrets set NAME, or the Secrets page)")
                            .arg(missing.join(QStringLiteral(", ")));
        problems.removeDuplicates();
        if (!problems.isEmpty()) {
            m_preflightProblems = problems;
            Q_EMIT preflightFailed(problems);
            return end(false);
        }
        detectHelm(from);
    });
    store->refresh();
}

// The last check, once nothing else is missing: Helm 3 and Helm 4 take different flags (HelmCommands),
// so which one is on PATH is asked before any step, every run (it may have been upgraded since).
void Pipeline::detectHelm(int from)
{
    m_helmProbe
        = HelmVersionProbe::start(m_context, this, [this, from](const QVersionNumber& version, const QString& error) {
              m_helmProbe = nullptr;
              if (m_cancelRequested) {
                  m_preflightProblems = { tr("cancelled") };
                  return end(false);
              }
              QString problem;
              if (version.isNull())
                  problem = tr("%1: `quayside doctor` says what is wrong with helm").arg(error);
              else if (version.majorVersion() < 3)
                  problem = tr("helm %1 is Helm 2, which cannot install the chart: install Helm 3.12 or newer")
                                .arg(version.toString());
              if (!problem.isEmpty()) {
                  m_preflightProblems = { problem };
                  Q_EMIT preflightFailed(m_preflightProblems);
                  return end(false);
              }
              m_context.helmVersion = version;
              spdlog::info("pipeline: helm {}", log::str(version.toString()));
              runFrom(from);
          });
}

void Pipeline::runFrom(int index)
{
    if (m_cancelRequested) {
        if (index < m_steps.size())
            m_preflightProblems = { tr("cancelled") };
        return end(false);
    }
    if (index >= m_steps.size())
        return end(true);
    m_current = index;
    m_steps[index]->start();
}

void Pipeline::onStepStateChanged(int index, StepState state)
{
    Q_EMIT stepStateChanged(index, state);
    if (!m_running || index != m_current)
        return;
    switch (state) {
    case StepState::Done:
    case StepState::Skipped:
        runFrom(index + 1);
        break;
    case StepState::Failed:
    case StepState::Cancelled:
        end(false);
        break;
    default:
        break;
    }
}

void Pipeline::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_current >= 0 && m_current < m_steps.size())
        m_steps[m_current]->cancel();
    // During the preflight the keychain's or helm's answer ends the run (see preflight()).
    if (m_helmProbe)
        m_helmProbe->cancel();
}

void Pipeline::end(bool ok)
{
    if (!m_running)
        return;
    m_running = false;
    m_elapsedMs = m_timer.elapsed();
    spdlog::info("pipeline: {} in {} ms (tools busy {} ms)", ok ? "finished" : "stopped", m_elapsedMs,
                 m_context.toolTime.busyMs());
    Q_EMIT finished(ok);
}

void Pipeline::computeImageTags()
{
    for (const Profile::Image& image : m_context.profile.images) {
        const QString context = m_context.profile.contextDirectory(image);
        if (context.isEmpty() || !QFileInfo(context).isDir())
            continue;
        const BuildContextHasher::Result hashed
            = BuildContextHasher::hash({ context, m_context.profile.dockerfilePath(image), image.buildArgs, {} });
        if (!hashed.ok())
            continue;
        ImageResult r;
        r.name = image.name;
        r.repository = image.repository;
        r.hash = hashed.hash;
        r.tag = hashed.tag();
        m_context.images.insert(image.name, r);
    }
}

void Pipeline::probeHelmVersion()
{
    if (m_running || m_versionProbe)
        return;
    m_versionProbe = HelmVersionProbe::start(m_context, this, [this](const QVersionNumber& version, const QString&) {
        m_versionProbe = nullptr;
        // A run that started meanwhile asked itself; its answer is the fresher one.
        if (!m_running && !version.isNull())
            m_context.helmVersion = version;
        Q_EMIT helmVersionKnown();
    });
}

QString Pipeline::commandScript() const
{
    const Profile& p = m_context.profile;
    QString script = QStringLiteral("#!/usr/bin/env bash\n"
                                    "# What `quayside deploy` does for profile %1, as plain commands.\n"
                                    "# Secret values are shown as ***: they come from your keychain.\n"
                                    "set -euo pipefail\n")
                         .arg(p.name);
    for (PipelineStep* s : m_steps) {
        script += QStringLiteral("\n# ── %1 ──\n").arg(s->title());
        script += CommandPreview::render(s->preview());
    }
    return script;
}

} // namespace quayside
