#include "FakeApiServer.h"

#include "CertificateAuthority.h"
#include "LabelSelector.h"
#include "ServerCore.h"

#include <QThread>

#include <type_traits>

namespace quayside::test {

// Runs `function` with the core on the server's thread, blocking the caller until it is done when
// called from elsewhere. The core is created on first use, on the server's thread.
template<typename F> auto FakeApiServer::onServerThread(F&& function) const
{
    auto* self = const_cast<FakeApiServer*>(this);
    auto call = [self, &function]() {
        if (!self->m_core)
            self->m_core = std::make_unique<ServerCore>(self);
        return function(*self->m_core);
    };
    using Result = std::invoke_result_t<decltype(call)>;
    if (QThread::currentThread() == thread())
        return call();
    if constexpr (std::is_void_v<Result>) {
        QMetaObject::invokeMethod(self, call, Qt::BlockingQueuedConnection);
    } else {
        Result result {};
        QMetaObject::invokeMethod(
            self, [&result, &call] { result = call(); }, Qt::BlockingQueuedConnection);
        return result;
    }
}

FakeApiServer::FakeApiServer(QObject* parent)
    : QObject(parent)
{ }

FakeApiServer::~FakeApiServer() = default;

bool FakeApiServer::start(const Options& options)
{
    return onServerThread([&](ServerCore& core) { return core.start(options); });
}

bool FakeApiServer::start()
{
    return start(Options());
}

void FakeApiServer::stop()
{
    onServerThread([](ServerCore& core) { core.stop(); });
}

bool FakeApiServer::isListening() const
{
    return onServerThread([](ServerCore& core) { return core.isListening(); });
}

QString FakeApiServer::errorString() const
{
    return onServerThread([](ServerCore& core) { return core.errorString(); });
}

quint16 FakeApiServer::port() const
{
    return onServerThread([](ServerCore& core) { return core.port(); });
}

QUrl FakeApiServer::url() const
{
    return onServerThread([](ServerCore& core) { return core.url(); });
}

QString FakeApiServer::kubeconfigPath() const
{
    return onServerThread([](ServerCore& core) { return core.kubeconfigPath(); });
}

namespace {

template<typename Getter> QString certificatePath(const ServerCore& core, Getter getter)
{
    return core.certificates() ? (core.certificates()->*getter)() : QString();
}

} // namespace

QString FakeApiServer::caCertificatePath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::caCertificatePath); });
}

QString FakeApiServer::clientCertificatePath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::clientCertificatePath); });
}

QString FakeApiServer::clientKeyPath() const
{
    return onServerThread([](ServerCore& core) { return certificatePath(core, &CertificateAuthority::clientKeyPath); });
}

QString FakeApiServer::expiredClientCertificatePath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::expiredClientCertificatePath); });
}

QString FakeApiServer::expiredClientKeyPath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::expiredClientKeyPath); });
}

QString FakeApiServer::foreignCaCertificatePath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::foreignCaCertificatePath); });
}

QString FakeApiServer::foreignClientCertificatePath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::foreignClientCertificatePath); });
}

QString FakeApiServer::foreignClientKeyPath() const
{
    return onServerThread(
        [](ServerCore& core) { return certificatePath(core, &CertificateAuthority::foreignClientKeyPath); });
}

QSslCertificate FakeApiServer::caCertificate() const
{
    return onServerThread([](ServerCore& core) {
        return core.certificates() ? core.certificates()->caCertificate() : QSslCertificate();
    });
}

QString FakeApiServer::gitVersion() const
{
    return onServerThread([](ServerCore& core) { return core.gitVersion(); });
}

bool FakeApiServer::writeKubeconfig(const QString& path, const KubeconfigOptions& options) const
{
    return onServerThread([&](ServerCore& core) { return core.writeKubeconfig(path, options); });
}

bool FakeApiServer::writeKubeconfig(const QString& path) const
{
    return writeKubeconfig(path, KubeconfigOptions());
}

void FakeApiServer::addBearerToken(const QString& token, const QString& user, const QStringList& groups)
{
    onServerThread([&](ServerCore& core) { core.addBearerToken(token, user, groups); });
}

void FakeApiServer::removeBearerToken(const QString& token)
{
    onServerThread([&](ServerCore& core) { core.removeBearerToken(token); });
}

QList<QJsonObject> FakeApiServer::objects(const QString& resource, const QString& ns) const
{
    return onServerThread([&](ServerCore& core) { return core.store.list(resource, ns); });
}

std::optional<QJsonObject> FakeApiServer::object(const QString& resource, const QString& ns, const QString& name) const
{
    return onServerThread([&](ServerCore& core) { return core.store.get(resource, ns, name); });
}

QList<QJsonObject> FakeApiServer::pods(const QString& ns) const
{
    return objects(QStringLiteral("pods"), ns);
}

QList<QJsonObject> FakeApiServer::podsMatching(const QString& ns, const QString& labelSelector, bool runningOnly) const
{
    const LabelSelector selector = LabelSelector::parse(labelSelector);
    QList<QJsonObject> result;
    for (const QJsonObject& pod : pods(ns)) {
        const QJsonObject metadata = pod.value(QStringLiteral("metadata")).toObject();
        if (!selector.matches(metadata.value(QStringLiteral("labels")).toObject()))
            continue;
        if (runningOnly
            && (metadata.contains(QStringLiteral("deletionTimestamp"))
                || pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
                    != QLatin1String("Running")))
            continue;
        result.append(pod);
    }
    return result;
}

QString FakeApiServer::resourceVersion() const
{
    return onServerThread([](ServerCore& core) { return QString::number(core.store.resourceVersion()); });
}

QString FakeApiServer::oldestWatchableResourceVersion() const
{
    return onServerThread([](ServerCore& core) { return QString::number(core.store.oldestWatchable()); });
}

QList<RecordedRequest> FakeApiServer::requests() const
{
    return onServerThread([](ServerCore& core) { return core.requests(); });
}

QList<RecordedRequest> FakeApiServer::requestsMatching(const QString& method, const QString& pathContains) const
{
    QList<RecordedRequest> result;
    for (const RecordedRequest& request : requests()) {
        if ((method.isEmpty() || request.method == method) && request.path.contains(pathContains))
            result.append(request);
    }
    return result;
}

void FakeApiServer::clearRequests()
{
    onServerThread([](ServerCore& core) { core.clearRequests(); });
}

void FakeApiServer::setRecordRequestBodies(bool record)
{
    onServerThread([record](ServerCore& core) { core.setRecordRequestBodies(record); });
}

FakeApiServer::Counters FakeApiServer::counters() const
{
    return onServerThread([](ServerCore& core) { return core.counters(); });
}

QJsonObject FakeApiServer::applyObject(const QJsonObject& manifest)
{
    return onServerThread([&](ServerCore& core) -> QJsonObject {
        const ResourceType* type = core.registry.findByKind(manifest.value(QStringLiteral("apiVersion")).toString(),
                                                            manifest.value(QStringLiteral("kind")).toString());
        if (!type)
            return {};
        const QJsonObject metadata = manifest.value(QStringLiteral("metadata")).toObject();
        const QString ns = type->namespaced ? metadata.value(QStringLiteral("namespace")).toString() : QString();
        QJsonObject object = manifest;
        QJsonObject stored;
        if (const auto old = core.store.get(type->resource, ns, metadata.value(QStringLiteral("name")).toString())) {
            QJsonObject withoutVersion = object;
            QJsonObject m = metadata;
            m.remove(QStringLiteral("resourceVersion"));
            withoutVersion.insert(QStringLiteral("metadata"), m);
            object = withoutVersion;
            const QJsonObject status = manifest.value(QStringLiteral("status")).toObject();
            if (core.admission.admitUpdate(*type, *old, object, false))
                return {};
            if (!status.isEmpty())
                object.insert(QStringLiteral("status"), status);
            stored = core.store.update(type->resource, object);
        } else {
            const QJsonObject status = manifest.value(QStringLiteral("status")).toObject();
            if (core.admission.admitCreate(*type, object, ns))
                return {};
            if (!status.isEmpty())
                object.insert(QStringLiteral("status"), status);
            stored = core.store.create(type->resource, object);
        }
        core.simulator.drain();
        return stored;
    });
}

bool FakeApiServer::deleteObject(const QString& resource, const QString& ns, const QString& name)
{
    return onServerThread([&](ServerCore& core) {
        const ResourceType* type = core.registry.findByResource(resource);
        if (!type)
            return false;
        const bool found = core.simulator.remove(*type, ns, name).has_value();
        core.simulator.drain();
        return found;
    });
}

QJsonObject FakeApiServer::addPod(const QJsonObject& pod)
{
    QJsonObject manifest = pod;
    manifest.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
    manifest.insert(QStringLiteral("kind"), QStringLiteral("Pod"));
    return applyObject(manifest);
}

bool FakeApiServer::deletePod(const QString& ns, const QString& name, bool graceful)
{
    return onServerThread([&](ServerCore& core) {
        const ResourceType* type = core.registry.findByResource(QStringLiteral("pods"));
        const bool found
            = core.simulator.remove(*type, ns, name, graceful ? std::nullopt : std::optional<qint64>(0)).has_value();
        core.simulator.drain();
        return found;
    });
}

bool FakeApiServer::setPodStatus(const QString& ns, const QString& name, const QJsonObject& status)
{
    return onServerThread([&](ServerCore& core) {
        auto pod = core.store.get(QStringLiteral("pods"), ns, name);
        if (!pod)
            return false;
        core.simulator.markStatusManual(ns, name);
        QJsonObject updated = *pod;
        QJsonObject merged = updated.value(QStringLiteral("status")).toObject();
        for (auto it = status.begin(); it != status.end(); ++it) {
            if (it.value().isNull())
                merged.remove(it.key());
            else
                merged.insert(it.key(), it.value());
        }
        updated.insert(QStringLiteral("status"), merged);
        core.store.update(QStringLiteral("pods"), updated);
        core.simulator.drain();
        return true;
    });
}

bool FakeApiServer::setPodBehaviour(const QString& ns, const QString& name, PodBehaviour behaviour)
{
    return onServerThread([&](ServerCore& core) {
        if (!core.store.get(QStringLiteral("pods"), ns, name))
            return false;
        core.simulator.setPodBehaviour(ns, name, behaviour);
        return true;
    });
}

void FakeApiServer::setImageBehaviour(const QString& image, PodBehaviour behaviour)
{
    onServerThread([&](ServerCore& core) { core.simulator.setImageBehaviour(image, behaviour); });
}

bool FakeApiServer::setDeploymentReplicas(const QString& ns, const QString& name, int replicas)
{
    return onServerThread([&](ServerCore& core) { return core.simulator.setDeploymentReplicas(ns, name, replicas); });
}

bool FakeApiServer::restartDeployment(const QString& ns, const QString& name)
{
    return onServerThread([&](ServerCore& core) { return core.simulator.restartDeployment(ns, name); });
}

void FakeApiServer::setTiming(const Timing& timing)
{
    onServerThread([&](ServerCore& core) { core.simulator.setTiming(timing); });
}

FakeApiServer::Timing FakeApiServer::timing() const
{
    return onServerThread([](ServerCore& core) { return core.simulator.timing(); });
}

int FakeApiServer::advance()
{
    return onServerThread([](ServerCore& core) { return core.simulator.advance(); });
}

int FakeApiServer::settle()
{
    return onServerThread([](ServerCore& core) { return core.simulator.settle(); });
}

void FakeApiServer::advanceClock(qint64 milliseconds)
{
    onServerThread([milliseconds](ServerCore& core) { core.advanceClock(milliseconds); });
}

void FakeApiServer::setExpiredWatchMode(ExpiredWatchMode mode)
{
    onServerThread([mode](ServerCore& core) { core.setExpiredWatchMode(mode); });
}

void FakeApiServer::setHistoryWindow(int events)
{
    onServerThread([events](ServerCore& core) { core.store.setHistoryWindow(events); });
}

void FakeApiServer::expireHistory()
{
    onServerThread([](ServerCore& core) { core.store.compact(); });
}

void FakeApiServer::setBookmarkInterval(int milliseconds)
{
    onServerThread([milliseconds](ServerCore& core) { core.setBookmarkInterval(milliseconds); });
}

void FakeApiServer::sendBookmarks()
{
    onServerThread([](ServerCore& core) { core.hub.sendBookmarks(core.store.resourceVersion()); });
}

void FakeApiServer::dropWatchStreams(DropMode mode)
{
    onServerThread([mode](ServerCore& core) { core.hub.dropAll(mode, core.store.resourceVersion()); });
}

void FakeApiServer::setSplitLinesAcrossChunks(bool split)
{
    onServerThread([split](ServerCore& core) { core.setSplitLines(split); });
}

void FakeApiServer::failNextRequests(int count, int httpStatus, const QString& pathContains, int retryAfterSeconds)
{
    onServerThread([&](ServerCore& core) {
        core.faults.failNext(count, { httpStatus, pathContains, retryAfterSeconds });
    });
}

void FakeApiServer::setLatency(int milliseconds)
{
    onServerThread([milliseconds](ServerCore& core) { core.faults.setLatency(milliseconds); });
}

void FakeApiServer::clearFaults()
{
    onServerThread([](ServerCore& core) {
        core.faults.clear();
        core.setSplitLines(false);
    });
}

void FakeApiServer::setLogOptions(const LogOptions& options)
{
    onServerThread([&](ServerCore& core) { core.setLogOptions(options); });
}

FakeApiServer::LogOptions FakeApiServer::logOptions() const
{
    return onServerThread([](ServerCore& core) { return core.logOptions(); });
}

QString FakeApiServer::logLine(const QString& ns, const QString& pod, const QString& container, qint64 index) const
{
    return onServerThread([&](ServerCore& core) {
        const QString key = ns + QLatin1Char('/') + pod + QLatin1Char('/') + container;
        return core.logs.line(key, core.logs.latestInstance(key).value_or(0), index);
    });
}

void FakeApiServer::setMetricsEnabled(bool enabled)
{
    onServerThread([enabled](ServerCore& core) { core.setMetricsEnabled(enabled); });
}

bool FakeApiServer::metricsEnabled() const
{
    return onServerThread([](ServerCore& core) { return core.metricsEnabled(); });
}

void FakeApiServer::setModifiedEventsPerSecond(double perSecond, const QString& ns)
{
    onServerThread([&](ServerCore& core) { core.simulator.setModifiedEventsPerSecond(perSecond, ns); });
}

void FakeApiServer::generateModifiedEvents(int count, const QString& ns)
{
    onServerThread([&](ServerCore& core) { core.simulator.generateModifiedEvents(count, ns); });
}

} // namespace quayside::test
