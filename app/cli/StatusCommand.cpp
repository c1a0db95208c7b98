#include "cli/StatusCommand.h"

#include "cli/CommonOptions.h"
#include "workspace/Workspace.h"
#include "cli/KubeStatusSnapshot.h"
#include "core/Clock.h"
#include "kube/ApiResource.h"
#include "kube/ConnectionState.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/MetricsPoller.h"
#include "kube/PodView.h"

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

// ReplicaSet name -> Deployment, from a ReplicaSetList.
QHash<QString, QString> replicaSetOwners(const QJsonArray& items)
{
    QHash<QString, QString> owners;
    for (const QJsonValue& v : items) {
        const QJsonObject metadata = v.toObject().value(QLatin1String("metadata")).toObject();
        for (const QJsonValue& ref : metadata.value(QLatin1String("ownerReferences")).toArray()) {
            const QJsonObject owner = ref.toObject();
            if (owner.value(QLatin1String("controller")).toBool()
                && owner.value(QLatin1String("kind")).toString() == QLatin1String("Deployment"))
                owners.insert(metadata.value(QLatin1String("name")).toString(),
                              owner.value(QLatin1String("name")).toString());
        }
    }
    return owners;
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
    kube::KubeClient* client = m_session.client();
    const QString ns = m_session.nameSpace();
    const auto request = [this](kube::KubeReply* reply, QByteArray* into, bool optional) {
        ++m_pending;
        m_replies.append(reply);
        connect(reply, &kube::KubeReply::finished, this, [this, reply, into, optional] {
            m_replies.removeAll(reply);
            --m_pending;
            if (reply->ok()) {
                *into = reply->body();
                if (optional)
                    m_metricsOk = true;
            } else if (!optional) {
                for (kube::KubeReply* other : std::as_const(m_replies))
                    other->abort();
                m_replies.clear();
                m_pending = -1;
                return fail(reply->error().message());
            }
            if (m_pending == 0)
                onceFinished();
        });
    };
    request(client->get(kube::ApiResource::deployments().path(ns)), &m_deployments, false);
    request(client->get(kube::ApiResource::pods().path(ns)), &m_pods, false);
    request(client->get(kube::ApiResource::replicaSets().path(ns)), &m_replicaSets, false);
    request(client->get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/%1/pods").arg(ns)), &m_metrics, true);
}

void StatusCommand::onceFinished()
{
    KubeStatusSnapshot snapshot;
    snapshot.context = m_session.contextName();
    snapshot.nameSpace = m_session.nameSpace();
    snapshot.connected = true;
    for (const QJsonValue& v : QJsonDocument::fromJson(m_deployments).object().value(QLatin1String("items")).toArray())
        snapshot.deployments.append(kube::DeploymentSummary::fromJson(v.toObject()));
    const QHash<QString, QString> owners
        = replicaSetOwners(QJsonDocument::fromJson(m_replicaSets).object().value(QLatin1String("items")).toArray());
    const auto ownerOf = [&owners](const QString& rs) { return owners.value(rs); };
    for (const QJsonValue& v : QJsonDocument::fromJson(m_pods).object().value(QLatin1String("items")).toArray())
        snapshot.pods.append(kube::PodSummary::fromJson(v.toObject(), ownerOf));
    if (m_metricsOk)
        snapshot.metrics = kube::MetricsPoller::parse(m_metrics);
    snapshot.sort();
    print(snapshot);
    finish(ExitOk);
}

void StatusCommand::print(const KubeStatusSnapshot& snapshot)
{
    const QDateTime now = Clock::instance().now();
    if (m_format == QLatin1String("json"))
        writeLine(QString::fromUtf8(QJsonDocument(snapshot.toJson(now)).toJson(QJsonDocument::Compact)));
    else
        writeLine(snapshot.toTable(now));
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
        writeLine(snapshot.toTable(Clock::instance().now()));
        writeLine(QString());
    }
}

} // namespace quayside::cli
