#pragma once

#include "FakeApiServer.h"
#include "Kubelet.h"
#include "ObjectStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <optional>

namespace quayside::test {

class Admission;
class LogGenerator;
class ResourceRegistry;
struct ResourceType;

// The controller manager, scheduler and kubelet of the fake cluster. It reacts to store changes
// (a queue of keys, drained after every request and control call, so a change and its consequences
// are settled before the next request is read when the delays are 0): Deployments get ReplicaSets
// named <deployment>-<pod-template-hash>, ReplicaSets get pods named <replicaset>-<5 chars>, pods go
// Pending -> ContainerCreating -> Running on timers, deleted objects take their dependents along
// (ownerReferences), terminating pods disappear after the grace delay, namespaces empty themselves,
// claims bind. Events are recorded as the real components word them.
class ClusterSimulator : public QObject
{
    Q_OBJECT
public:
    ClusterSimulator(ObjectStore& store, const ResourceRegistry& registry, Admission& admission, LogGenerator& logs,
                     QObject* parent = nullptr);

    void setTiming(const FakeApiServer::Timing& timing);
    FakeApiServer::Timing timing() const { return m_timing; }
    void setSeed(quint64 seed) { m_random.seed(static_cast<quint32>(seed)); }
    void setKubeletVersion(const QString& version) { m_kubeletVersion = version; }

    void loadScenario(const Scenario& scenario);

    // Deletes as kube-apiserver does: pods gracefully (deletionTimestamp, then gone after the grace
    // delay), objects with finalizers wait for them, namespaces terminate their content first,
    // dependents are collected unless propagationPolicy is Orphan. Returns what the DELETE response
    // shows: the object as it is now, and whether it is gone already.
    struct Deletion
    {
        QJsonObject object;
        bool gone = false;
    };
    std::optional<Deletion> remove(const ResourceType& type, const QString& ns, const QString& name,
                                   std::optional<qint64> gracePeriodSeconds = std::nullopt,
                                   const QString& propagationPolicy = QString());

    void drain();
    int advance();
    int settle();

    void setPodBehaviour(const QString& ns, const QString& name, PodBehaviour behaviour);
    void setImageBehaviour(const QString& image, PodBehaviour behaviour);
    void markStatusManual(const QString& ns, const QString& name);
    bool restartDeployment(const QString& ns, const QString& name);
    bool setDeploymentReplicas(const QString& ns, const QString& name, int replicas);

    void setModifiedEventsPerSecond(double perSecond, const QString& ns);
    void generateModifiedEvents(int count, const QString& ns);

    void recordEvent(const QJsonObject& involved, const QString& reason, const QString& message,
                     const QString& type = QStringLiteral("Normal"),
                     const QString& component = QStringLiteral("kubelet"), const QString& fieldPath = QString());

    QDateTime now() const { return m_store.nowDateTime(); }

private:
    enum class Step { Schedule, Start, Restart, Remove };
    struct PodState
    {
        PodBehaviour behaviour = PodBehaviour::Normal;
        bool manual = false; // status set by a test: the kubelet leaves it alone
        int pendingRestarts = 0; // scenario restarts still to apply at start
        bool started = false;
    };
    struct Timer
    {
        qint64 dueMs = 0;
        Step step = Step::Schedule;
    };

    void onChanged(const StoredEvent& event);
    void enqueue(const QString& resource, const QString& ns, const QString& name);
    void process(const QString& resource, const QString& ns, const QString& name);
    void reconcileDeployment(const QString& ns, const QString& name);
    void reconcileReplicaSet(const QString& ns, const QString& name);
    void reconcilePod(const QString& ns, const QString& name);
    void reconcileNamespace(const QString& name);
    void reconcileClaim(const QString& ns, const QString& name);
    void collectDependents(const QString& ns, const QString& ownerUid);
    void schedule(const QString& ns, const QString& name, Step step, int delayMs);
    void perform(const QString& podKey, Step step);
    void armTimer();
    void onTimer();
    void gracefulDelete(const QJsonObject& pod, qint64 gracePeriodSeconds);
    QJsonObject createPodFor(const QJsonObject& replicaSet);
    PodBehaviour behaviourFor(const QJsonObject& pod) const;
    void writeStatus(const QString& resource, QJsonObject object, const QJsonObject& status);
    void registerLogs(const QJsonObject& pod, PodBehaviour behaviour, bool restarted);
    QString schedulingFailure(const QJsonObject& pod) const;
    QHash<QString, QString> containerConfigErrors(const QJsonObject& pod) const;
    void readinessEvents(const QJsonObject& pod);
    void tickLoad();

    ObjectStore& m_store;
    const ResourceRegistry& m_registry;
    Admission& m_admission;
    LogGenerator& m_logs;
    Kubelet m_kubelet;
    FakeApiServer::Timing m_timing;
    QString m_kubeletVersion = QStringLiteral("v1.33.1");
    QRandomGenerator m_random { 3 };

    // Pods first, then ReplicaSets, then the rest: a ReplicaSet counts its pods once they all
    // settled rather than after each of them (thousands of pods would make that quadratic).
    QList<QString> m_queues[3];
    QSet<QString> m_queued;
    bool m_draining = false;
    bool m_drainScheduled = false;
    QHash<QString, PodState> m_pods; // "<ns>/<name>"
    QHash<QString, PodBehaviour> m_imageBehaviour;
    QHash<QString, PodBehaviour> m_deploymentBehaviour; // "<ns>/<name>"
    QHash<QString, int> m_deploymentRestarts;
    QMap<QString, Timer> m_timers; // by pod key
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_recordEvents = true;
    quint64 m_eventCounter = 0;
    QHash<QString, QList<QString>> m_eventsByNamespace; // oldest first, to cap them

    QTimer m_loadTimer;
    QElapsedTimer m_loadClock;
    double m_loadRate = 0;
    QString m_loadNamespace;
    qint64 m_loadEmitted = 0;
    qint64 m_heartbeat = 0;
    qsizetype m_loadCursor = 0;
};

} // namespace quayside::test
