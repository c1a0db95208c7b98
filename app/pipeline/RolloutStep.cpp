#include "pipeline/RolloutStep.h"

#include "diagnosis/ProfileContext.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/RolloutWatcher.h"
#include "pipeline/PipelineContext.h"
#include "pipeline/RolloutDiagnoser.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace quayside {

RolloutStep::RolloutStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("rollout"), tr("Rollout"), context, parent)
{
    m_diagnoseTimer.setSingleShot(false);
    connect(&m_diagnoseTimer, &QTimer::timeout, this, &RolloutStep::diagnose);
}

QStringList RolloutStep::deploymentNames() const
{
    return m_context->profile.chart.deployments;
}

QList<CommandPreview::Line> RolloutStep::preview() const
{
    QList<CommandPreview::Line> lines;
    const QString kubectl = CommandPreview::kubectl(m_context->kubectlClusterArguments());
    const QString ns = CommandPreview::quote(m_context->profile.nameSpace);
    QStringList names = deploymentNames();
    if (names.isEmpty()) {
        lines << CommandPreview::Line { tr("Wait for every Deployment of the release"),
                                        QStringLiteral("%1 -n %2 rollout status deployment -l "
                                                       "app.kubernetes.io/instance=%3 --timeout=%4s")
                                            .arg(kubectl, ns, m_context->profile.chart.release)
                                            .arg(m_context->profile.chart.timeout.count()) };
    } else {
        bool first = true;
        for (const QString& name : names) {
            lines << CommandPreview::Line { first ? tr("Wait until every replica is available") : QString(),
                                            QStringLiteral("%1 -n %2 rollout status deployment/%3 "
                                                           "--timeout=%4s")
                                                .arg(kubectl, ns, CommandPreview::quote(name))
                                                .arg(m_context->profile.chart.timeout.count()) };
            first = false;
        }
    }
    lines << CommandPreview::Line { tr("If it does not finish, see which pods block it and why:\n"
                                       "  %1 -n %2 get pods\n"
                                       "  %1 -n %2 describe pod NAME")
                                        .arg(kubectl, ns),
                                    {} };
    return lines;
}

void RolloutStep::run()
{
    m_done.clear();
    m_failure.clear();
    m_lastSummary.clear();
    m_finalDiagnosis = false;
    m_context->rolloutDiagnosis = {};
    if (m_context->options.noWait)
        return skip(tr("not waiting (--no-wait)"));
    if (!m_context->kube)
        return fail(tr("no connection to the cluster"));
    // A new diagnoser per run: a retry after the Cluster step ran again has a new API client.
    delete m_diagnoser;
    m_diagnoser = new RolloutDiagnoser(m_context->kube, this);
    // The same context the dashboard's diagnosis gets: the findings name the app's secret keys and images.
    m_diagnoser->setContext(diagnosis::ProfileContext::build(&m_context->profile, m_context->options.target));
    connect(m_diagnoser, &RolloutDiagnoser::finished, this, &RolloutStep::onDiagnosis);
    const QStringList names = deploymentNames();
    if (!names.isEmpty())
        return watch(names);
    // No list in the profile: the Deployments Helm labels as this release's.
    setMessage(tr("finding the release's Deployments"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("labelSelector"),
                       QStringLiteral("app.kubernetes.io/instance=") + m_context->profile.chart.release);
    m_listReply = m_context->kube->get(
        QStringLiteral("/apis/apps/v1/namespaces/%1/deployments").arg(m_context->profile.nameSpace), query);
    connect(m_listReply, &kube::KubeReply::finished, this, [this, reply = m_listReply] {
        if (!reply)
            return;
        if (!reply->ok())
            return fail(tr("cannot list the Deployments: %1").arg(reply->error().message()));
        QStringList found;
        for (const QJsonValue& v : reply->json().value(QLatin1String("items")).toArray())
            found << v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        if (found.isEmpty())
            return succeed(tr("the release has no Deployments to wait for"));
        watch(found);
    });
}

void RolloutStep::watch(const QStringList& deployments)
{
    m_deployments = deployments;
    setMessage(tr("waiting for %1").arg(deployments.join(QStringLiteral(", "))));
    const std::chrono::milliseconds timeout = m_context->options.rolloutTimeout.count() > 0
        ? m_context->options.rolloutTimeout
        : std::chrono::duration_cast<std::chrono::milliseconds>(m_context->profile.chart.timeout);
    for (const QString& name : deployments) {
        // minGeneration 0: Helm has already applied the change (its --wait even waited for it), so the
        // Deployment we list is the new one.
        auto* watcher = new kube::RolloutWatcher(m_context->kube, m_context->profile.nameSpace, name, 0, {}, this);
        watcher->setTimeout(timeout);
        m_watchers << watcher;
        connect(watcher, &kube::RolloutWatcher::progress, this,
                [this, name](const QString& message) { log(name + QStringLiteral(": ") + message); });
        connect(watcher, &kube::RolloutWatcher::finished, this, [this, name, watcher](const kube::KubeError& error) {
            watcher->deleteLater();
            onWatcherFinished(name, error.isError() ? error.message() : QString());
        });
        watcher->start();
    }
    m_diagnoseTimer.start(m_context->options.diagnoseInterval);
}

void RolloutStep::onWatcherFinished(const QString& deployment, const QString& error)
{
    if (state() != StepState::Running || isCancelling() || !m_failure.isEmpty())
        return;
    if (!error.isEmpty()) {
        m_failure = tr("%1 did not roll out: %2").arg(deployment, error);
        for (const QPointer<kube::RolloutWatcher>& w : std::as_const(m_watchers)) {
            if (w)
                w->stop();
        }
        m_finalDiagnosis = true;
        m_diagnoseTimer.stop();
        setMessage(tr("%1 did not roll out; looking at its pods").arg(deployment));
        // The final look also reads the previous log of crash-looping containers: it says why they exit.
        m_diagnoser->diagnose(m_context->profile.nameSpace, m_deployments, true);
        return;
    }
    m_done << deployment;
    log(tr("%1: every replica is available").arg(deployment));
    if (m_done.size() < m_deployments.size()) {
        setMessage(tr("%1 of %2 Deployments rolled out").arg(m_done.size()).arg(m_deployments.size()));
        return;
    }
    m_diagnoseTimer.stop();
    m_diagnoser->abort();
    m_watchers.clear();
    succeed(tr("%1: every replica available").arg(m_deployments.join(QStringLiteral(", "))));
}

void RolloutStep::diagnose()
{
    if (state() == StepState::Running && !isCancelling())
        m_diagnoser->diagnose(m_context->profile.nameSpace, m_deployments);
}

void RolloutStep::onDiagnosis(const RolloutDiagnosis& diagnosis)
{
    if (state() != StepState::Running || isCancelling())
        return;
    if (!m_finalDiagnosis) {
        // While waiting: show the blocking pods when what blocks changes, not every interval.
        const QString summary = diagnosis.summary();
        if (!summary.isEmpty() && summary != m_lastSummary) {
            log(tr("waiting on: %1").arg(summary));
            for (const QString& line : diagnosis.describe())
                log(QStringLiteral("  ") + line);
            setMessage(tr("waiting on %1").arg(summary));
        }
        m_lastSummary = summary;
        return;
    }
    m_context->rolloutDiagnosis = diagnosis;
    QString message = m_failure;
    if (!diagnosis.summary().isEmpty())
        message += tr(" — blocked by %1").arg(diagnosis.summary());
    const QStringList detail = diagnosis.describe();
    for (const QString& line : detail)
        log(line);
    fail(message, detail);
}

void RolloutStep::abort()
{
    m_diagnoseTimer.stop();
    if (m_diagnoser)
        m_diagnoser->abort();
    if (m_listReply)
        m_listReply->abort();
    for (const QPointer<kube::RolloutWatcher>& w : std::as_const(m_watchers)) {
        if (w) {
            w->stop();
            w->deleteLater();
        }
    }
    m_watchers.clear();
}

} // namespace quayside
