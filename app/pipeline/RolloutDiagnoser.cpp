#include "pipeline/RolloutDiagnoser.h"

#include "kube/DeploymentSummary.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/PodSummary.h"

#include <QJsonArray>

#include <algorithm>

namespace quayside {

namespace {

bool selectorMatches(const QMap<QString, QString>& selector, const QJsonObject& labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it) {
        if (labels.value(it.key()).toString() != it.value())
            return false;
    }
    return true;
}

QDateTime eventTime(const QJsonObject& event)
{
    for (const char* key : { "lastTimestamp", "eventTime", "firstTimestamp" }) {
        const QString text = event.value(QLatin1String(key)).toString();
        if (!text.isEmpty()) {
            const QDateTime t = kube::PodSummary::parseTime(text);
            if (t.isValid())
                return t;
        }
    }
    return kube::PodSummary::parseTime(
        event.value(QLatin1String("metadata")).toObject().value(QLatin1String("creationTimestamp")).toString());
}

} // namespace

RolloutDiagnoser::RolloutDiagnoser(kube::KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<quayside::RolloutDiagnosis>();
}

void RolloutDiagnoser::abort()
{
    for (const QPointer<kube::KubeReply>& reply : std::as_const(m_replies)) {
        if (reply)
            reply->abort();
    }
    m_replies.clear();
    m_pending = 0;
}

void RolloutDiagnoser::diagnose(const QString& nameSpace, const QStringList& deployments)
{
    abort();
    m_nameSpace = nameSpace;
    m_deployments = deployments;
    m_error.clear();
    for (QJsonObject& body : m_bodies)
        body = {};
    if (!m_client) {
        RolloutDiagnosis d;
        d.nameSpace = nameSpace;
        d.error = QStringLiteral("no connection to the cluster");
        Q_EMIT finished(d);
        return;
    }
    const QString paths[3] = { QStringLiteral("/apis/apps/v1/namespaces/%1/deployments").arg(nameSpace),
                               QStringLiteral("/api/v1/namespaces/%1/pods").arg(nameSpace),
                               QStringLiteral("/api/v1/namespaces/%1/events").arg(nameSpace) };
    m_pending = 3;
    for (int i = 0; i < 3; ++i) {
        kube::KubeReply* reply = m_client->get(paths[i]);
        reply->setProperty("quaysideIndex", i);
        m_replies << reply;
        connect(reply, &kube::KubeReply::finished, this, &RolloutDiagnoser::onReplyFinished);
    }
}

void RolloutDiagnoser::onReplyFinished()
{
    auto* reply = qobject_cast<kube::KubeReply*>(sender());
    if (!reply)
        return;
    const int index = reply->property("quaysideIndex").toInt();
    if (reply->ok())
        m_bodies[index] = reply->json();
    else if (m_error.isEmpty())
        m_error = reply->error().message();
    if (--m_pending > 0)
        return;
    m_replies.clear();
    RolloutDiagnosis d = build(m_nameSpace, m_deployments, m_bodies[0], m_bodies[1], m_bodies[2]);
    d.error = m_error;
    Q_EMIT finished(d);
}

RolloutDiagnosis RolloutDiagnoser::build(const QString& nameSpace, const QStringList& deployments,
                                         const QJsonObject& deploymentList, const QJsonObject& podList,
                                         const QJsonObject& eventList)
{
    RolloutDiagnosis d;
    d.nameSpace = nameSpace;
    QMap<QString, kube::DeploymentSummary> summaries;
    for (const QJsonValue& v : deploymentList.value(QLatin1String("items")).toArray()) {
        const kube::DeploymentSummary s = kube::DeploymentSummary::fromJson(v.toObject());
        summaries.insert(s.name, s);
    }
    for (const QString& name : deployments) {
        RolloutDiagnosis::Deployment dep;
        dep.name = name;
        if (!summaries.contains(name)) {
            dep.found = false;
            d.deployments << dep;
            continue;
        }
        const kube::DeploymentSummary& s = summaries[name];
        dep.desired = s.desired;
        dep.updated = s.updated;
        dep.available = s.available;
        dep.complete = s.rolloutComplete();
        dep.message = s.rolloutMessage();
        d.deployments << dep;
    }

    QMultiHash<QString, QJsonObject> eventsByPod;
    for (const QJsonValue& v : eventList.value(QLatin1String("items")).toArray()) {
        const QJsonObject event = v.toObject();
        const QJsonObject involved = event.value(QLatin1String("involvedObject")).toObject();
        if (involved.value(QLatin1String("kind")).toString() == QLatin1String("Pod"))
            eventsByPod.insert(involved.value(QLatin1String("name")).toString(), event);
    }

    for (const QJsonValue& v : podList.value(QLatin1String("items")).toArray()) {
        const QJsonObject pod = v.toObject();
        const kube::PodSummary summary = kube::PodSummary::fromJson(pod);
        if (summary.terminating)
            continue;
        QString owner;
        for (const QString& name : deployments) {
            const bool bySelector
                = summaries.contains(name)
                && selectorMatches(
                      summaries[name].selector,
                      pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject());
            if (summary.deployment == name || bySelector) {
                owner = name;
                break;
            }
        }
        if (owner.isEmpty())
            continue;
        const bool ready = summary.phase == QLatin1String("Running") && summary.totalContainers > 0
            && summary.readyContainers == summary.totalContainers;
        if (ready || summary.phase == QLatin1String("Succeeded"))
            continue;
        RolloutDiagnosis::Pod blocking;
        blocking.name = summary.name;
        blocking.deployment = owner;
        blocking.phase = summary.phase;
        blocking.status = summary.status;
        blocking.ready = summary.readyText();
        blocking.restarts = summary.restarts;
        const QJsonObject status = pod.value(QLatin1String("status")).toObject();
        for (const QJsonValue& cv : status.value(QLatin1String("containerStatuses")).toArray()) {
            const QJsonObject cs = cv.toObject();
            RolloutDiagnosis::Container c;
            c.name = cs.value(QLatin1String("name")).toString();
            c.ready = cs.value(QLatin1String("ready")).toBool();
            c.restarts = cs.value(QLatin1String("restartCount")).toInt();
            const QJsonObject state = cs.value(QLatin1String("state")).toObject();
            for (const char* key : { "waiting", "running", "terminated" }) {
                if (state.contains(QLatin1String(key))) {
                    c.state = QString::fromLatin1(key);
                    const QJsonObject detail = state.value(QLatin1String(key)).toObject();
                    c.reason = detail.value(QLatin1String("reason")).toString();
                    c.message = detail.value(QLatin1String("message")).toString();
                }
            }
            const QJsonObject last
                = cs.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject();
            if (!last.isEmpty()) {
                c.lastTerminationReason = last.value(QLatin1String("reason")).toString();
                c.lastExitCode = last.value(QLatin1String("exitCode")).toInt();
            }
            blocking.containers << c;
        }
        QList<QJsonObject> events = eventsByPod.values(summary.name);
        std::sort(events.begin(), events.end(),
                  [](const QJsonObject& a, const QJsonObject& b) { return eventTime(a) < eventTime(b); });
        if (events.size() > RolloutDiagnosis::kMaxEvents)
            events = events.mid(events.size() - RolloutDiagnosis::kMaxEvents);
        for (const QJsonObject& e : events) {
            blocking.events << RolloutDiagnosis::Event { e.value(QLatin1String("type")).toString(),
                                                         e.value(QLatin1String("reason")).toString(),
                                                         e.value(QLatin1String("message")).toString(),
                                                         std::max(1, e.value(QLatin1String("count")).toInt()),
                                                         eventTime(e) };
        }
        d.blockingPods << blocking;
    }
    return d;
}

} // namespace quayside
