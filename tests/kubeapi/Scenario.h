#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside::test {

// How the simulated kubelet treats a pod's containers. Chosen per Deployment in a Scenario, per image
// (FakeApiServer::setImageBehaviour) or per pod (FakeApiServer::setPodBehaviour).
enum class PodBehaviour {
    Normal, // Pending -> ContainerCreating -> Running
    CrashLoop, // Running briefly, then terminated{Error} and waiting{CrashLoopBackOff}, restartCount grows
    ImagePullBackOff, // waiting{ErrImagePull} then waiting{ImagePullBackOff}
    ErrImageNeverPull, // imagePullPolicy Never and the image is not on the node
    OOMKilled, // waiting{CrashLoopBackOff} with lastState.terminated{OOMKilled, exitCode 137}
    Unschedulable, // stays Pending with condition PodScheduled=False reason Unschedulable
    Completed, // phase Succeeded, terminated{Completed, exitCode 0}
    Error, // phase Failed, terminated{Error, exitCode 1}
    // waiting{CreateContainerConfigError}: an env secretKeyRef whose Secret or key is not in the store
    CreateContainerConfigError,
    ReadinessFailing, // running but never Ready: Unhealthy "Readiness probe failed" events on its probe
};

// The deterministic starting state of a fake cluster: a builder plus named presets.
//
//   Scenario s = Scenario::todoApp();                 // what issue 3 describes
//   Scenario s = Scenario::named("load:2000");        // todo-app plus 2,000 worker pods
//   Scenario s; s.addNamespace("x").addDeployment({.namespace_ = "x", .name = "web", .replicas = 2});
//
// Objects of a scenario are created already settled (pods Running unless their behaviour says
// otherwise) and the watch history is compacted afterwards, so the first list of a test sees the
// scenario and the first watch from that list's resourceVersion sees only what the test does.
class Scenario
{
public:
    struct Container
    {
        QString name;
        QString image;
        int port = 0; // containerPort, 0 = none
        QString cpuRequest; // e.g. "250m"; empty = not set
        QString memoryRequest; // e.g. "256Mi"
        QString cpuLimit;
        QString memoryLimit;
        QString imagePullPolicy = QStringLiteral("IfNotPresent");
        QMap<QString, QString> env;
        struct SecretKeyRef
        {
            QString variable, secret, key;
        };
        QList<SecretKeyRef> secretEnv; // env[].valueFrom.secretKeyRef, after `env`
        QString readinessPath; // an httpGet readinessProbe on `port`; empty = none
    };

    struct Deployment
    {
        QString namespace_;
        QString name;
        int replicas = 1;
        QList<Container> containers; // empty = one container named after the deployment, image <name>:latest
        QMap<QString, QString> labels; // pod/selector labels; empty = {app: <name>}
        PodBehaviour behaviour = PodBehaviour::Normal;
        int restartCount = 0; // CrashLoop/OOMKilled: restarts already behind each container at load
        QMap<QString, QString> annotations; // pod template annotations
    };

    struct Service
    {
        QString namespace_;
        QString name;
        QString type = QStringLiteral("ClusterIP"); // ClusterIP | NodePort | LoadBalancer
        int port = 80;
        int targetPort = 0; // 0 = same as port
        int nodePort = 0; // NodePort: 0 = allocated from 30000-32767
        QMap<QString, QString> selector;
    };

    struct Node
    {
        QString name = QStringLiteral("minikube");
        QString cpu = QStringLiteral("2"); // capacity and allocatable
        QString memory = QStringLiteral("4015648Ki"); // ~3.8Gi, as a 4 GB minikube VM reports it
        QString kubeletVersion; // empty = the server's gitVersion
    };

    Scenario() = default;

    // "todo-app", "crashloop", "empty", "load:N" (todo-app plus N worker pods) or one of the broken apps
    // below ("oomkilled", "image-not-loaded", ...). Unknown names give an empty scenario and *ok = false.
    static Scenario named(const QString& name, bool* ok = nullptr);
    static QStringList presetNames();

    // Namespace todo-app; Deployments backend (todo-backend:abc123, port 8000, 250m/256Mi -> 500m/512Mi)
    // and frontend (todo-frontend:abc123, port 3000, 500m/512Mi -> 1000m/1Gi), 1 replica each;
    // Services backend-service (ClusterIP 8000) and frontend-service (NodePort 30000); Node minikube
    // (cpu 2, memory ~4Gi); the Events a real cluster would have recorded for them.
    static Scenario todoApp(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose backend is in CrashLoopBackOff (restartCount 4, lastState.terminated Error) and has
    // previous-container logs ending in a Python traceback.
    static Scenario crashLoop(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose backend is OOMKilled (exit code 137) at its 512Mi limit and restarting (restartCount 3,
    // CrashLoopBackOff between the restarts); its metrics show usage near the limit.
    static Scenario oomKilled(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose frontend has imagePullPolicy Never and an image the node does not have:
    // waiting{ErrImageNeverPull}, events ErrImageNeverPull and Failed.
    static Scenario imageNotLoaded(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose backend requests 8Gi of memory on a ~3.8Gi node: Pending, PodScheduled=False
    // Unschedulable, FailedScheduling "0/1 nodes are available: 1 Insufficient memory. ...".
    static Scenario unschedulable(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose backend reads JWT_SECRET from Secret todo-app-secrets, which has only DATABASE_URL:
    // waiting{CreateContainerConfigError} "couldn't find key JWT_SECRET in Secret todo-app/todo-app-secrets".
    static Scenario missingSecretKey(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose backend runs but its readinessProbe GET :8000/api/health answers 503: Running, 0/1
    // ready, Unhealthy "Readiness probe failed: HTTP probe failed with statuscode: 503".
    static Scenario readinessFailing(const QString& ns = QStringLiteral("todo-app"));
    // todo-app whose frontend-service selects app=fronted (a typo): no pod matches, its Endpoints have no
    // subsets.
    static Scenario noEndpoints(const QString& ns = QStringLiteral("todo-app"));
    // todo-app plus `pods` Running pods spread over 10 Deployments worker-0..worker-9 in `ns`.
    static Scenario load(int pods, const QString& ns = QStringLiteral("todo-app"));

    Scenario& addNamespace(const QString& name);
    Scenario& addDeployment(const Deployment& deployment);
    Scenario& addService(const Service& service);
    Scenario& addNode(const Node& node);
    // Any declared kind (ConfigMap, Secret, PersistentVolume, a bare Pod ...), as its JSON manifest.
    // metadata.namespace must be set for namespaced kinds.
    Scenario& addObject(const QJsonObject& manifest);
    // An Event about an object of the scenario: the first of that kind in `ns` whose name starts with
    // involvedName (so "backend" finds the backend Deployment's pod, whose name is generated).
    Scenario& addEvent(const QString& ns, const QString& involvedKind, const QString& involvedName,
                       const QString& reason, const QString& message, const QString& type = QStringLiteral("Normal"));

    // The manifests a scenario's parts stand for (what `kubectl apply` of them would send).
    static QJsonObject namespaceManifest(const QString& name);
    static QJsonObject deploymentManifest(const Deployment& deployment);
    static QJsonObject serviceManifest(const Service& service);
    // A Node as minikube's kubelet registers it, status included.
    static QJsonObject nodeManifest(const Node& node, const QString& kubeletVersion);

    QString name() const { return m_name; }
    Scenario& setName(const QString& name);

    // Read by FakeApiServer when it loads the scenario.
    struct EventSpec
    {
        QString namespace_, involvedKind, involvedName, reason, message, type;
    };
    const QStringList& namespaces() const { return m_namespaces; }
    const QList<Deployment>& deployments() const { return m_deployments; }
    const QList<Service>& services() const { return m_services; }
    const QList<Node>& nodes() const { return m_nodes; }
    const QList<QJsonObject>& objects() const { return m_objects; }
    const QList<EventSpec>& events() const { return m_events; }

private:
    QString m_name = QStringLiteral("empty");
    QStringList m_namespaces;
    QList<Deployment> m_deployments;
    QList<Service> m_services;
    QList<Node> m_nodes;
    QList<QJsonObject> m_objects;
    QList<EventSpec> m_events;
};

} // namespace quayside::test
