#include "kube/LogFollower.h"

#include "kube/ApiResource.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/LogStream.h"

#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace quayside::kube {

namespace {

// Lines moved from one stream per turn, so streams take turns within a pump.
constexpr int kSlice = 512;

QString containerKey(const QString& podUid, const QString& container)
{
    return podUid + QLatin1Char('/') + container;
}

struct ContainerState
{
    QString name;
    bool running = false;
    bool terminated = false;
    int restartCount = 0;
};

QList<ContainerState> containerStates(const QJsonObject& pod)
{
    QList<ContainerState> result;
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    QHash<QString, QJsonObject> statuses;
    for (const QJsonValue& v : status.value(QLatin1String("containerStatuses")).toArray())
        statuses.insert(v.toObject().value(QLatin1String("name")).toString(), v.toObject());
    const QJsonArray containers
        = pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
    for (const QJsonValue& v : containers) {
        ContainerState c;
        c.name = v.toObject().value(QLatin1String("name")).toString();
        const QJsonObject cs = statuses.value(c.name);
        const QJsonObject state = cs.value(QLatin1String("state")).toObject();
        c.running = state.contains(QLatin1String("running"));
        c.terminated = state.contains(QLatin1String("terminated"));
        c.restartCount = cs.value(QLatin1String("restartCount")).toInt();
        result.append(c);
    }
    return result;
}

bool isTerminating(const QJsonObject& pod)
{
    const QJsonValue deletion
        = pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("deletionTimestamp"));
    return deletion.isString();
}

} // namespace

LogFollower::LogFollower(KubeClient* client, QString nameSpace, Target target, LogOptions options, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_nameSpace(std::move(nameSpace))
    , m_target(std::move(target))
    , m_options(std::move(options))
{ }

LogFollower::~LogFollower()
{
    stop();
}

QString LogFollower::labelSelector(const QJsonObject& selector)
{
    QStringList parts;
    const QJsonObject matchLabels = selector.value(QLatin1String("matchLabels")).toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value().toString());
    for (const QJsonValue& v : selector.value(QLatin1String("matchExpressions")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString key = e.value(QLatin1String("key")).toString();
        const QString op = e.value(QLatin1String("operator")).toString();
        QStringList values;
        for (const QJsonValue& value : e.value(QLatin1String("values")).toArray())
            values.append(value.toString());
        if (op == QLatin1String("In"))
            parts.append(key + QStringLiteral(" in (") + values.join(QLatin1Char(',')) + QLatin1Char(')'));
        else if (op == QLatin1String("NotIn"))
            parts.append(key + QStringLiteral(" notin (") + values.join(QLatin1Char(',')) + QLatin1Char(')'));
        else if (op == QLatin1String("Exists"))
            parts.append(key);
        else if (op == QLatin1String("DoesNotExist"))
            parts.append(QLatin1Char('!') + key);
    }
    return parts.join(QLatin1Char(','));
}

void LogFollower::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_target.deployment.isEmpty())
        startDeployment();
    else
        startPod();
}

void LogFollower::stop()
{
    if (m_pods)
        m_pods->stop();
    for (const QPointer<LogStream>& stream : std::as_const(m_order)) {
        if (stream)
            stream->stop();
    }
    m_finished = true;
}

int LogFollower::openStreams() const
{
    int count = 0;
    for (const QPointer<LogStream>& stream : m_order) {
        if (stream && !stream->isStreamFinished())
            ++count;
    }
    return count;
}

void LogFollower::fail(const KubeError& error)
{
    if (m_finished)
        return;
    m_error = error;
    stop();
    Q_EMIT finished();
}

void LogFollower::startPod()
{
    if (!m_options.container.isEmpty()) {
        openStream(m_target.pod, m_target.pod, m_options.container, 0, m_options);
        return;
    }
    // Which container? The same rule as kubectl: the default-container annotation, else the first.
    KubeReply* reply = m_client->get(ApiResource::pods().path(m_nameSpace, m_target.pod));
    connect(reply, &KubeReply::finished, this, [this, reply] {
        if (m_finished)
            return;
        if (!reply->ok()) {
            fail(reply->error());
            return;
        }
        const QJsonObject pod = reply->json();
        QStringList names;
        for (const QJsonValue& v :
             pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray())
            names.append(v.toObject().value(QLatin1String("name")).toString());
        const QString annotated = pod.value(QLatin1String("metadata"))
                                      .toObject()
                                      .value(QLatin1String("annotations"))
                                      .toObject()
                                      .value(QLatin1String("kubectl.kubernetes.io/default-container"))
                                      .toString();
        QString container = names.contains(annotated) ? annotated : names.value(0);
        if (annotated.isEmpty() && names.size() > 1)
            Q_EMIT warning(QStringLiteral("Defaulted container \"%1\" out of: %2")
                               .arg(container, names.join(QStringLiteral(", "))));
        openStream(m_target.pod, m_target.pod, container, 0, m_options);
    });
}

void LogFollower::startDeployment()
{
    KubeReply* reply = m_client->get(ApiResource::deployments().path(m_nameSpace, m_target.deployment));
    m_listing = true;
    connect(reply, &KubeReply::finished, this, [this, reply] {
        if (m_finished)
            return;
        if (!reply->ok()) {
            fail(reply->error());
            return;
        }
        const QString selector = labelSelector(
            reply->json().value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject());
        if (selector.isEmpty()) {
            fail(KubeError(KubeError::Kind::Protocol,
                           QStringLiteral("deployment \"%1\" has no pod selector").arg(m_target.deployment)));
            return;
        }
        if (m_options.follow) {
            m_listing = false;
            Reflector::Options reflector = m_reflectorOptions;
            reflector.nameSpace = m_nameSpace;
            reflector.labelSelector = selector;
            Informer::Options options;
            options.reflector = reflector;
            m_pods = new Informer(m_client, ApiResource::pods(), options, this);
            connect(m_pods, &Informer::synced, this, [this] { m_podsSynced = true; });
            connect(m_pods, &Informer::objectsChanged, this,
                    [this](const QStringList& added, const QStringList& modified, const QStringList&) {
                        onPodsChanged(added, modified);
                    });
            m_pods->start();
            return;
        }
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("labelSelector"), selector);
        KubeReply* list = m_client->get(ApiResource::pods().path(m_nameSpace), query);
        connect(list, &KubeReply::finished, this, [this, list] {
            m_listing = false;
            if (m_finished)
                return;
            if (!list->ok()) {
                fail(list->error());
                return;
            }
            QList<QJsonObject> pods;
            for (const QJsonValue& v : list->json().value(QLatin1String("items")).toArray())
                pods.append(v.toObject());
            onDeploymentPodsListed(pods);
        });
    });
}

void LogFollower::onDeploymentPodsListed(const QList<QJsonObject>& listed)
{
    QList<QJsonObject> pods = listed;
    const auto nameOf = [](const QJsonObject& pod) {
        return pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    };
    std::sort(pods.begin(), pods.end(),
              [&](const QJsonObject& a, const QJsonObject& b) { return nameOf(a) < nameOf(b); });
    if (pods.isEmpty()) {
        fail(KubeError(KubeError::Kind::Status,
                       QStringLiteral("no pods found for deployment \"%1\"").arg(m_target.deployment), 404,
                       QStringLiteral("NotFound")));
        return;
    }
    for (const QJsonObject& pod : std::as_const(pods)) {
        const QString name = nameOf(pod);
        const QString uid = pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
        for (const ContainerState& c : containerStates(pod)) {
            if (!m_options.container.isEmpty() && c.name != m_options.container)
                continue;
            if (!c.running && !c.terminated && c.restartCount == 0 && !m_options.previous) {
                Q_EMIT warning(QStringLiteral("%1/%2: the container has not started yet").arg(name, c.name));
                continue;
            }
            openStream(name, uid, c.name, c.restartCount, m_options);
        }
    }
    checkFinished();
}

void LogFollower::onPodsChanged(const QStringList& added, const QStringList& modified)
{
    // The batch that carries the first list is what existed when we started: --tail and --since
    // apply to it. Pods and container restarts after that are shown from their first line.
    const bool initial = !m_podsSynced;
    LogOptions later = m_options;
    later.tailLines = -1;
    later.sinceSeconds = 0;
    QStringList uids = added;
    uids.append(modified);
    for (const QString& uid : std::as_const(uids)) {
        const QJsonObject pod = m_pods->store().object(uid);
        if (pod.isEmpty())
            continue;
        const QString name = pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const bool terminating = isTerminating(pod);
        for (const ContainerState& c : containerStates(pod)) {
            if (!m_options.container.isEmpty() && c.name != m_options.container)
                continue;
            const QString key = containerKey(uid, c.name);
            const auto it = m_sources.constFind(key);
            if (it != m_sources.cend()) {
                // Still streaming, or this instance was already shown: wait for a restart.
                if (!it->ended || c.restartCount <= it->restartCount || !c.running)
                    continue;
                openStream(name, uid, c.name, c.restartCount, later);
                continue;
            }
            if (!c.running || terminating)
                continue;
            openStream(name, uid, c.name, c.restartCount, initial ? m_options : later);
        }
    }
}

void LogFollower::openStream(const QString& pod, const QString& podUid, const QString& container, int restartCount,
                             const LogOptions& options)
{
    auto* stream = new LogStream(m_client, m_nameSpace, pod, container, options, this);
    const QString key = containerKey(podUid, container);
    m_sources.insert(key, Source { stream, podUid, restartCount, false });
    m_order.append(stream);
    connect(stream, &LogStream::readyRead, this, &LogFollower::schedulePump);
    connect(stream, &LogStream::finished, this, [this, stream, key] {
        auto it = m_sources.find(key);
        if (it != m_sources.end() && it->stream == stream)
            it->ended = true;
        const KubeError& error = stream->error();
        if (error.isError()) {
            if (isMultiStream())
                Q_EMIT warning(QStringLiteral("%1/%2: %3").arg(stream->pod(), stream->container(), error.message()));
            else if (!m_error.isError())
                m_error = error;
        }
        schedulePump();
    });
    stream->start();
    Q_EMIT streamStarted(pod, container);
}

void LogFollower::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, this, &LogFollower::pump);
}

void LogFollower::pump()
{
    m_pumpScheduled = false;
    bool appended = false;
    bool progress = true;
    while (progress && static_cast<int>(m_queue.size()) < m_capacity && !m_order.isEmpty()) {
        progress = false;
        for (int visited = 0; visited < m_order.size() && static_cast<int>(m_queue.size()) < m_capacity; ++visited) {
            m_next = m_next % static_cast<int>(m_order.size());
            LogStream* stream = m_order.at(m_next);
            ++m_next;
            if (!stream || stream->available() == 0)
                continue;
            const int room = m_capacity - static_cast<int>(m_queue.size());
            const QList<QByteArray> lines = stream->read(std::min(room, kSlice));
            for (const QByteArray& line : lines)
                m_queue.push_back(LogLine { stream->pod(), stream->container(), line });
            progress = progress || !lines.isEmpty();
            appended = appended || !lines.isEmpty();
        }
    }
    // Streams that ended and are drained leave the rotation.
    for (qsizetype i = m_order.size() - 1; i >= 0; --i) {
        LogStream* stream = m_order.at(i);
        if (!stream || stream->atEnd()) {
            m_order.removeAt(i);
            if (stream)
                stream->deleteLater();
        }
    }
    const QPointer<LogFollower> self(this);
    if (appended)
        Q_EMIT readyRead();
    if (!self)
        return;
    checkFinished();
}

void LogFollower::checkFinished()
{
    if (m_finished || !m_started || m_listing)
        return;
    if (!isMultiStream() && m_sources.isEmpty())
        return; // still asking which container
    if (m_options.follow && isMultiStream())
        return; // a followed Deployment goes on until stopped
    if (!m_order.isEmpty())
        return;
    m_finished = true;
    Q_EMIT finished();
}

QList<LogLine> LogFollower::read(int maxLines)
{
    QList<LogLine> lines;
    const int count = std::min(maxLines, static_cast<int>(m_queue.size()));
    lines.reserve(count);
    for (int i = 0; i < count; ++i) {
        lines.append(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    for (const QPointer<LogStream>& stream : std::as_const(m_order)) {
        if (stream && stream->available() > 0) {
            schedulePump();
            break;
        }
    }
    return lines;
}

} // namespace quayside::kube
