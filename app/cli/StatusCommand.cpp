#include "cli/StatusCommand.h"

#include "cli/CommonOptions.h"
#include "cli/TextTable.h"
#include "core/Clock.h"
#include "kube/ConnectionState.h"
#include "kube/Durations.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/MetricsPoller.h"
#include "kube/PodView.h"
#include "kube/Quantity.h"
#include "session/KubeStatusLoader.h"
#include "session/KubeStatusSnapshot.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::cli {

namespace {

constexpr int kMetricsWaitMs = 2000;

const QString kUsage = QStringLiteral(
    "Usage: quayside status [-o table|json] [--watch] [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]");

// Ages tick every second; --watch prints only when something else changed.
QByteArray withoutAges(QJsonObject doc)
{
    QJsonArray pods = doc.value(QLatin1String("pods")).toArray();
    for (qsizetype i = 0; i < pods.size(); ++i) {
        QJsonObject pod = pods.at(i).toObject();
        pod.remove(QStringLiteral("age_seconds"));
        pods[i] = pod;
    }
    doc.insert(QStringLiteral("pods"), pods);
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QString orNone(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("<none>") : s;
}

// Like `kubectl get deploy,pods -o wide`, plus CPU and MEMORY when metrics are there.
QString toTable(const KubeStatusSnapshot& snapshot, const QDateTime& now)
{
    const QList<kube::DeploymentSummary>& deployments = snapshot.deployments;
    const QList<kube::PodSummary>& pods = snapshot.pods;
    const auto& metrics = snapshot.metrics;
    if (deployments.isEmpty() && pods.isEmpty())
        return QStringLiteral("No resources found in %1 namespace.").arg(snapshot.nameSpace);
    QStringList parts;
    if (!deployments.isEmpty()) {
        TextTable table({ QStringLiteral("NAME"), QStringLiteral("READY"), QStringLiteral("UP-TO-DATE"),
                          QStringLiteral("AVAILABLE"), QStringLiteral("AGE"), QStringLiteral("IMAGES") });
        for (const kube::DeploymentSummary& d : deployments) {
            table.addRow({ QStringLiteral("deployment.apps/") + d.name, d.readyText(), QString::number(d.updated),
                           QString::number(d.available), kube::Durations::humanize(d.ageSeconds(now)),
                           d.images.join(QLatin1Char(',')) });
        }
        parts.append(table.toString());
    }
    if (!pods.isEmpty()) {
        QStringList header { QStringLiteral("NAME"),     QStringLiteral("READY"), QStringLiteral("STATUS"),
                             QStringLiteral("RESTARTS"), QStringLiteral("AGE"),   QStringLiteral("IP"),
                             QStringLiteral("NODE") };
        if (metrics)
            header << QStringLiteral("CPU") << QStringLiteral("MEMORY");
        TextTable table(header);
        for (const kube::PodSummary& p : pods) {
            QStringList row { QStringLiteral("pod/") + p.name,
                              p.readyText(),
                              p.status,
                              p.restartsText(now),
                              kube::Durations::humanize(p.ageSeconds(now)),
                              orNone(p.ip),
                              orNone(p.node) };
            if (metrics) {
                const auto it = metrics->constFind(p.name);
                row << (it == metrics->cend() ? QStringLiteral("-")
                                              : kube::Quantity::formatMillicores(it->cpuMillicores))
                    << (it == metrics->cend() ? QStringLiteral("-") : kube::Quantity::formatBytes(it->memoryBytes));
            }
            table.addRow(row);
        }
        parts.append(table.toString());
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace

StatusCommand::StatusCommand()
{
    m_coalesce.setSingleShot(true);
    connect(&m_coalesce, &QTimer::timeout, this, &StatusCommand::output);
}

StatusCommand::~StatusCommand() = default;

void StatusCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show the Deployments and Pods of a namespace."));
    CommonOptions::addGlobalOptions(parser);
    CommonOptions::addOutputOption(parser, { QStringLiteral("table"), QStringLiteral("json") });
    parser.addOption(
        { QStringLiteral("watch"), QStringLiteral("Print the state again whenever it changes, until interrupted.") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, kUsage);
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("status takes no arguments"), kUsage);
    m_format = CommonOptions::outputFormat(parser, { QStringLiteral("table"), QStringLiteral("json") }, &error);
    if (m_format.isEmpty())
        return usageError(error, kUsage);
    if (!m_session.open(workspace()->target(), this, &error))
        return fail(error);
    if (parser.isSet(QStringLiteral("watch")))
        runWatch();
    else
        runOnce();
}

void StatusCommand::runOnce()
{
    m_loader = new KubeStatusLoader(m_session.client(), this);
    connect(m_loader, &KubeStatusLoader::finished, this, [this](bool ok, const QString& error) {
        if (!ok)
            return fail(error);
        print(m_loader->snapshot());
        finish(ExitOk);
    });
    m_loader->load(m_session.contextName(), m_session.nameSpace());
}

void StatusCommand::print(const KubeStatusSnapshot& snapshot)
{
    const QDateTime now = Clock::instance().now();
    if (m_format == QLatin1String("json"))
        writeLine(QString::fromUtf8(QJsonDocument(snapshot.toJson(now)).toJson(QJsonDocument::Compact)));
    else
        writeLine(toTable(snapshot, now));
}

void StatusCommand::runWatch()
{
    kube::InformerSet::Options options;
    options.nameSpace = m_session.nameSpace();
    options.services = false;
    options.events = false;
    options.nodes = false;
    m_informers = new kube::InformerSet(m_session.client(), options, this);
    m_metricsPoller = new kube::MetricsPoller(m_session.client(), m_session.nameSpace(), this);
    m_metricsPoller->setPollNodes(false);
    for (kube::Informer* informer : m_informers->informers())
        connect(informer, &kube::Informer::objectsChanged, this, &StatusCommand::scheduleOutput);
    // The first document waits for the first metrics poll too (at most kMetricsWaitMs after the
    // informers synced), so it is complete rather than followed at once by a copy with numbers.
    connect(m_informers, &kube::InformerSet::synced, this, [this] {
        QTimer::singleShot(kMetricsWaitMs, this, [this] {
            m_metricsSettled = true;
            scheduleOutput();
        });
        scheduleOutput();
    });
    const auto metricsArrived = [this] {
        m_metricsSettled = true;
        scheduleOutput();
    };
    connect(m_metricsPoller, &kube::MetricsPoller::updated, this, metricsArrived);
    connect(m_metricsPoller, &kube::MetricsPoller::unavailable, this, metricsArrived);
    connect(m_informers->connectionState(), &kube::ConnectionState::changed, this, [this] {
        const kube::ConnectionState* state = m_informers->connectionState();
        // Before the first complete picture there is nothing to keep watching: fail like a one-shot.
        if (!m_informers->hasSynced()
            && (state->status() == kube::ConnectionState::Status::Error
                || state->status() == kube::ConnectionState::Status::Reconnecting)) {
            m_informers->stop();
            m_metricsPoller->stop();
            return fail(state->message());
        }
        scheduleOutput();
    });
    m_informers->start();
    m_metricsPoller->start();
}

void StatusCommand::scheduleOutput()
{
    if (!m_informers || !m_informers->hasSynced() || !m_metricsSettled || m_coalesce.isActive())
        return;
    // At most ten documents a second: a burst of events becomes one line.
    constexpr qint64 kMinimumSpacingMs = 100;
    const qint64 since = m_sinceOutput.isValid() ? m_sinceOutput.elapsed() : kMinimumSpacingMs;
    m_coalesce.start(static_cast<int>(std::max<qint64>(0, kMinimumSpacingMs - since)));
}

void StatusCommand::output()
{
    KubeStatusSnapshot snapshot;
    snapshot.context = m_session.contextName();
    snapshot.nameSpace = m_session.nameSpace();
    snapshot.connected = m_informers->connectionState()->isConnected();
    const kube::ObjectStore& deployments = m_informers->deployments()->store();
    for (const QString& uid : deployments.uids())
        snapshot.deployments.append(kube::DeploymentSummary::fromJson(deployments.object(uid)));
    snapshot.pods = m_informers->podView()->summaries();
    if (m_metricsPoller->hasData() && m_metricsPoller->isAvailable())
        snapshot.metrics = m_metricsPoller->pods();
    snapshot.sort();
    const QJsonObject doc = snapshot.toJson(Clock::instance().now());
    const QByteArray key = withoutAges(doc);
    if (key == m_lastPrinted)
        return;
    m_lastPrinted = key;
    m_sinceOutput.start();
    if (m_format == QLatin1String("json")) {
        writeLine(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)));
    } else {
        writeLine(toTable(snapshot, Clock::instance().now()));
        writeLine(QString());
    }
}

} // namespace quayside::cli
