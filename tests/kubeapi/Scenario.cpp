#include "Scenario.h"

#include <QDateTime>
#include <QJsonArray>

namespace quayside::test {

namespace {

QJsonObject toJson(const QMap<QString, QString>& map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

Scenario::Container container(const char* name, const char* image, int port, const char* cpuRequest,
                              const char* memoryRequest, const char* cpuLimit, const char* memoryLimit)
{
    Scenario::Container c;
    c.name = QString::fromLatin1(name);
    c.image = QString::fromLatin1(image);
    c.port = port;
    c.cpuRequest = QString::fromLatin1(cpuRequest);
    c.memoryRequest = QString::fromLatin1(memoryRequest);
    c.cpuLimit = QString::fromLatin1(cpuLimit);
    c.memoryLimit = QString::fromLatin1(memoryLimit);
    return c;
}

QJsonObject staticPod(const char* name, const char* component, const char* image)
{
    const QString podName = QString::fromLatin1(name);
    return {
        { QStringLiteral("apiVersion"), QStringLiteral("v1") },
        { QStringLiteral("kind"), QStringLiteral("Pod") },
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("name"), podName },
                        { QStringLiteral("namespace"), QStringLiteral("kube-system") },
                        { QStringLiteral("labels"),
                          QJsonObject { { QStringLiteral("component"), QString::fromLatin1(component) },
                                        { QStringLiteral("tier"), QStringLiteral("control-plane") } } } } },
        { QStringLiteral("spec"),
          QJsonObject {
              { QStringLiteral("nodeName"), QStringLiteral("minikube") },
              { QStringLiteral("priorityClassName"), QStringLiteral("system-node-critical") },
              { QStringLiteral("containers"),
                QJsonArray { QJsonObject {
                    { QStringLiteral("name"), QString::fromLatin1(component) },
                    { QStringLiteral("image"), QString::fromLatin1(image) },
                    { QStringLiteral("resources"),
                      QJsonObject { { QStringLiteral("requests"),
                                      QJsonObject { { QStringLiteral("cpu"), QStringLiteral("100m") } } } } } } } } } }
    };
}

// What every minikube cluster has besides the user's workloads.
void addMinikubeSystem(Scenario& scenario)
{
    scenario.addNode(Scenario::Node());
    scenario.addObject(
        { { QStringLiteral("apiVersion"), QStringLiteral("storage.k8s.io/v1") },
          { QStringLiteral("kind"), QStringLiteral("StorageClass") },
          { QStringLiteral("metadata"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("standard") },
                          { QStringLiteral("annotations"),
                            QJsonObject { { QStringLiteral("storageclass.kubernetes.io/is-default-class"),
                                            QStringLiteral("true") } } },
                          { QStringLiteral("labels"),
                            QJsonObject { { QStringLiteral("addonmanager.kubernetes.io/mode"),
                                            QStringLiteral("EnsureExists") } } } } },
          { QStringLiteral("provisioner"), QStringLiteral("k8s.io/minikube-hostpath") },
          { QStringLiteral("reclaimPolicy"), QStringLiteral("Delete") },
          { QStringLiteral("volumeBindingMode"), QStringLiteral("Immediate") } });
    Scenario::Deployment coredns;
    coredns.namespace_ = QStringLiteral("kube-system");
    coredns.name = QStringLiteral("coredns");
    coredns.labels = { { QStringLiteral("k8s-app"), QStringLiteral("kube-dns") } };
    coredns.containers
        = { container("coredns", "registry.k8s.io/coredns/coredns:v1.12.0", 53, "100m", "70Mi", "", "170Mi") };
    scenario.addDeployment(coredns);
    scenario.addObject(staticPod("etcd-minikube", "etcd", "registry.k8s.io/etcd:3.5.21-0"));
    scenario.addObject(
        staticPod("kube-apiserver-minikube", "kube-apiserver", "registry.k8s.io/kube-apiserver:v1.33.1"));
    scenario.addObject(staticPod("kube-controller-manager-minikube", "kube-controller-manager",
                                 "registry.k8s.io/kube-controller-manager:v1.33.1"));
    scenario.addObject(
        staticPod("kube-scheduler-minikube", "kube-scheduler", "registry.k8s.io/kube-scheduler:v1.33.1"));
    scenario.addObject(
        staticPod("storage-provisioner", "storage-provisioner", "gcr.io/k8s-minikube/storage-provisioner:v5"));
}

} // namespace

QStringList Scenario::presetNames()
{
    return { QStringLiteral("todo-app"),      QStringLiteral("crashloop"),          QStringLiteral("empty"),
             QStringLiteral("load:N"),        QStringLiteral("oomkilled"),          QStringLiteral("image-not-loaded"),
             QStringLiteral("unschedulable"), QStringLiteral("missing-secret-key"), QStringLiteral("readiness-failing"),
             QStringLiteral("no-endpoints") };
}

Scenario Scenario::named(const QString& name, bool* ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("todo-app"))
        return todoApp();
    if (name == QLatin1String("crashloop"))
        return crashLoop();
    if (name == QLatin1String("oomkilled"))
        return oomKilled();
    if (name == QLatin1String("image-not-loaded"))
        return imageNotLoaded();
    if (name == QLatin1String("unschedulable"))
        return unschedulable();
    if (name == QLatin1String("missing-secret-key"))
        return missingSecretKey();
    if (name == QLatin1String("readiness-failing"))
        return readinessFailing();
    if (name == QLatin1String("no-endpoints"))
        return noEndpoints();
    if (name == QLatin1String("empty") || name.isEmpty()) {
        Scenario empty;
        addMinikubeSystem(empty);
        return empty;
    }
    if (name.startsWith(QLatin1String("load:"))) {
        bool numberOk = false;
        const int pods = name.mid(5).toInt(&numberOk);
        if (numberOk && pods >= 0)
            return load(pods);
    }
    if (ok)
        *ok = false;
    return Scenario();
}

Scenario Scenario::todoApp(const QString& ns)
{
    Scenario s;
    s.setName(QStringLiteral("todo-app"));
    addMinikubeSystem(s);
    s.addNamespace(ns);
    Deployment backend;
    backend.namespace_ = ns;
    backend.name = QStringLiteral("backend");
    backend.containers = { container("backend", "todo-backend:abc123", 8000, "250m", "256Mi", "500m", "512Mi") };
    backend.containers[0].env = { { QStringLiteral("PORT"), QStringLiteral("8000") } };
    s.addDeployment(backend);
    Deployment frontend;
    frontend.namespace_ = ns;
    frontend.name = QStringLiteral("frontend");
    frontend.containers = { container("frontend", "todo-frontend:abc123", 3000, "500m", "512Mi", "1000m", "1Gi") };
    frontend.containers[0].env = { { QStringLiteral("BACKEND_URL"), QStringLiteral("http://backend-service:8000") } };
    s.addDeployment(frontend);
    Service backendService;
    backendService.namespace_ = ns;
    backendService.name = QStringLiteral("backend-service");
    backendService.port = 8000;
    backendService.selector = { { QStringLiteral("app"), QStringLiteral("backend") } };
    s.addService(backendService);
    Service frontendService;
    frontendService.namespace_ = ns;
    frontendService.name = QStringLiteral("frontend-service");
    frontendService.type = QStringLiteral("NodePort");
    frontendService.port = 3000;
    frontendService.nodePort = 30000;
    frontendService.selector = { { QStringLiteral("app"), QStringLiteral("frontend") } };
    s.addService(frontendService);
    return s;
}

Scenario Scenario::crashLoop(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("crashloop"));
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("backend")) {
            d.behaviour = PodBehaviour::CrashLoop;
            d.restartCount = 4;
        }
    }
    return s;
}

Scenario Scenario::oomKilled(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("oomkilled"));
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("backend")) {
            d.behaviour = PodBehaviour::OOMKilled;
            d.restartCount = 3;
        }
    }
    return s;
}

Scenario Scenario::imageNotLoaded(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("image-not-loaded"));
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("frontend")) {
            d.behaviour = PodBehaviour::ErrImageNeverPull;
            d.containers[0].imagePullPolicy = QStringLiteral("Never");
        }
    }
    return s;
}

Scenario Scenario::unschedulable(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("unschedulable"));
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("backend")) {
            // More than the whole node (4015648Ki allocatable): no node can ever take it.
            d.behaviour = PodBehaviour::Unschedulable;
            d.containers[0].memoryRequest = QStringLiteral("8Gi");
            d.containers[0].memoryLimit = QStringLiteral("8Gi");
        }
    }
    return s;
}

Scenario Scenario::missingSecretKey(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("missing-secret-key"));
    const QString secret = QStringLiteral("todo-app-secrets");
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("backend")) {
            d.behaviour = PodBehaviour::CreateContainerConfigError;
            d.containers[0].secretEnv = { { QStringLiteral("DATABASE_URL"), secret, QStringLiteral("DATABASE_URL") },
                                          { QStringLiteral("JWT_SECRET"), secret, QStringLiteral("JWT_SECRET") } };
        }
    }
    // The Secret as `kubectl create secret generic --from-literal=DATABASE_URL=...` writes it: no JWT_SECRET.
    s.addObject({ { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                  { QStringLiteral("kind"), QStringLiteral("Secret") },
                  { QStringLiteral("metadata"),
                    QJsonObject { { QStringLiteral("name"), secret }, { QStringLiteral("namespace"), ns } } },
                  { QStringLiteral("type"), QStringLiteral("Opaque") },
                  { QStringLiteral("data"),
                    QJsonObject { { QStringLiteral("DATABASE_URL"),
                                    QString::fromLatin1(
                                        QByteArrayLiteral("postgresql://todo:todo@db.example.test/todo?sslmode=require")
                                            .toBase64()) } } } });
    return s;
}

Scenario Scenario::readinessFailing(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("readiness-failing"));
    for (Deployment& d : s.m_deployments) {
        if (d.name == QLatin1String("backend")) {
            d.behaviour = PodBehaviour::ReadinessFailing;
            d.containers[0].readinessPath = QStringLiteral("/api/health");
        }
    }
    return s;
}

Scenario Scenario::noEndpoints(const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("no-endpoints"));
    for (Service& service : s.m_services) {
        if (service.name == QLatin1String("frontend-service"))
            service.selector = { { QStringLiteral("app"), QStringLiteral("fronted") } };
    }
    // What the endpoints controller writes for a selector that matches nothing: no subsets at all.
    s.addObject({ { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                  { QStringLiteral("kind"), QStringLiteral("Endpoints") },
                  { QStringLiteral("metadata"),
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("frontend-service") },
                                  { QStringLiteral("namespace"), ns } } } });
    return s;
}

Scenario Scenario::load(int pods, const QString& ns)
{
    Scenario s = todoApp(ns);
    s.setName(QStringLiteral("load:%1").arg(pods));
    constexpr int groups = 10;
    for (int i = 0; i < groups; ++i) {
        Deployment worker;
        worker.namespace_ = ns;
        worker.name = QStringLiteral("worker-%1").arg(i);
        worker.replicas = pods / groups + (i < pods % groups ? 1 : 0);
        worker.containers = { container("worker", "todo-worker:abc123", 9000, "10m", "32Mi", "50m", "64Mi") };
        s.addDeployment(worker);
    }
    return s;
}

Scenario& Scenario::setName(const QString& name)
{
    m_name = name;
    return *this;
}

Scenario& Scenario::addNamespace(const QString& name)
{
    if (!m_namespaces.contains(name))
        m_namespaces.append(name);
    return *this;
}

Scenario& Scenario::addDeployment(const Deployment& deployment)
{
    m_deployments.append(deployment);
    return *this;
}

Scenario& Scenario::addService(const Service& service)
{
    m_services.append(service);
    return *this;
}

Scenario& Scenario::addNode(const Node& node)
{
    for (const Node& existing : std::as_const(m_nodes)) {
        if (existing.name == node.name)
            return *this;
    }
    m_nodes.append(node);
    return *this;
}

Scenario& Scenario::addObject(const QJsonObject& manifest)
{
    m_objects.append(manifest);
    return *this;
}

Scenario& Scenario::addEvent(const QString& ns, const QString& involvedKind, const QString& involvedName,
                             const QString& reason, const QString& message, const QString& type)
{
    m_events.append({ ns, involvedKind, involvedName, reason, message, type });
    return *this;
}

QJsonObject Scenario::namespaceManifest(const QString& name)
{
    return { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
             { QStringLiteral("kind"), QStringLiteral("Namespace") },
             { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("name"), name } } } };
}

QJsonObject Scenario::deploymentManifest(const Deployment& d)
{
    const QMap<QString, QString> labels
        = d.labels.isEmpty() ? QMap<QString, QString> { { QStringLiteral("app"), d.name } } : d.labels;
    QList<Container> containers = d.containers;
    if (containers.isEmpty()) {
        Container c;
        c.name = d.name;
        c.image = d.name + QStringLiteral(":latest");
        containers.append(c);
    }
    QJsonArray containerArray;
    for (const Container& c : containers) {
        QJsonObject json { { QStringLiteral("name"), c.name },
                           { QStringLiteral("image"), c.image },
                           { QStringLiteral("imagePullPolicy"), c.imagePullPolicy } };
        if (c.port > 0) {
            json.insert(QStringLiteral("ports"),
                        QJsonArray { QJsonObject { { QStringLiteral("containerPort"), c.port },
                                                   { QStringLiteral("protocol"), QStringLiteral("TCP") } } });
        }
        QJsonObject requests;
        QJsonObject limits;
        if (!c.cpuRequest.isEmpty())
            requests.insert(QStringLiteral("cpu"), c.cpuRequest);
        if (!c.memoryRequest.isEmpty())
            requests.insert(QStringLiteral("memory"), c.memoryRequest);
        if (!c.cpuLimit.isEmpty())
            limits.insert(QStringLiteral("cpu"), c.cpuLimit);
        if (!c.memoryLimit.isEmpty())
            limits.insert(QStringLiteral("memory"), c.memoryLimit);
        QJsonObject resources;
        if (!requests.isEmpty())
            resources.insert(QStringLiteral("requests"), requests);
        if (!limits.isEmpty())
            resources.insert(QStringLiteral("limits"), limits);
        json.insert(QStringLiteral("resources"), resources);
        if (!c.env.isEmpty() || !c.secretEnv.isEmpty()) {
            QJsonArray env;
            for (auto it = c.env.begin(); it != c.env.end(); ++it)
                env.append(
                    QJsonObject { { QStringLiteral("name"), it.key() }, { QStringLiteral("value"), it.value() } });
            for (const Container::SecretKeyRef& ref : c.secretEnv)
                env.append(QJsonObject { { QStringLiteral("name"), ref.variable },
                                         { QStringLiteral("valueFrom"),
                                           QJsonObject { { QStringLiteral("secretKeyRef"),
                                                           QJsonObject { { QStringLiteral("name"), ref.secret },
                                                                         { QStringLiteral("key"), ref.key } } } } } });
            json.insert(QStringLiteral("env"), env);
        }
        if (!c.readinessPath.isEmpty()) {
            // As the API server defaults an httpGet probe.
            json.insert(QStringLiteral("readinessProbe"),
                        QJsonObject { { QStringLiteral("httpGet"),
                                        QJsonObject { { QStringLiteral("path"), c.readinessPath },
                                                      { QStringLiteral("port"), c.port },
                                                      { QStringLiteral("scheme"), QStringLiteral("HTTP") } } },
                                      { QStringLiteral("initialDelaySeconds"), 5 },
                                      { QStringLiteral("periodSeconds"), 10 },
                                      { QStringLiteral("timeoutSeconds"), 1 },
                                      { QStringLiteral("successThreshold"), 1 },
                                      { QStringLiteral("failureThreshold"), 3 } });
        }
        containerArray.append(json);
    }
    QJsonObject templateMetadata { { QStringLiteral("labels"), toJson(labels) } };
    if (!d.annotations.isEmpty())
        templateMetadata.insert(QStringLiteral("annotations"), toJson(d.annotations));
    return { { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
             { QStringLiteral("kind"), QStringLiteral("Deployment") },
             { QStringLiteral("metadata"),
               QJsonObject { { QStringLiteral("name"), d.name },
                             { QStringLiteral("namespace"), d.namespace_ },
                             { QStringLiteral("labels"), toJson(labels) } } },
             { QStringLiteral("spec"),
               QJsonObject {
                   { QStringLiteral("replicas"), d.replicas },
                   { QStringLiteral("selector"), QJsonObject { { QStringLiteral("matchLabels"), toJson(labels) } } },
                   { QStringLiteral("template"),
                     QJsonObject { { QStringLiteral("metadata"), templateMetadata },
                                   { QStringLiteral("spec"),
                                     QJsonObject { { QStringLiteral("containers"), containerArray } } } } } } } };
}

QJsonObject Scenario::serviceManifest(const Service& s)
{
    QJsonObject port { { QStringLiteral("port"), s.port },
                       { QStringLiteral("targetPort"), s.targetPort > 0 ? s.targetPort : s.port },
                       { QStringLiteral("protocol"), QStringLiteral("TCP") } };
    if (s.nodePort > 0)
        port.insert(QStringLiteral("nodePort"), s.nodePort);
    return { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
             { QStringLiteral("kind"), QStringLiteral("Service") },
             { QStringLiteral("metadata"),
               QJsonObject { { QStringLiteral("name"), s.name }, { QStringLiteral("namespace"), s.namespace_ } } },
             { QStringLiteral("spec"),
               QJsonObject { { QStringLiteral("type"), s.type },
                             { QStringLiteral("selector"), toJson(s.selector) },
                             { QStringLiteral("ports"), QJsonArray { port } } } } };
}

QJsonObject Scenario::nodeManifest(const Node& node, const QString& kubeletVersion)
{
    const QString version = node.kubeletVersion.isEmpty() ? kubeletVersion : node.kubeletVersion;
    const QJsonObject resources { { QStringLiteral("cpu"), node.cpu },
                                  { QStringLiteral("ephemeral-storage"), QStringLiteral("102625208Ki") },
                                  { QStringLiteral("hugepages-1Gi"), QStringLiteral("0") },
                                  { QStringLiteral("hugepages-2Mi"), QStringLiteral("0") },
                                  { QStringLiteral("memory"), node.memory },
                                  { QStringLiteral("pods"), QStringLiteral("110") } };
    const auto condition = [](const char* type, const char* status, const char* reason, const char* message) {
        return QJsonObject { { QStringLiteral("type"), QString::fromLatin1(type) },
                             { QStringLiteral("status"), QString::fromLatin1(status) },
                             { QStringLiteral("reason"), QString::fromLatin1(reason) },
                             { QStringLiteral("message"), QString::fromLatin1(message) },
                             { QStringLiteral("lastHeartbeatTime"),
                               QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
                             { QStringLiteral("lastTransitionTime"),
                               QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate) } };
    };
    return {
        { QStringLiteral("apiVersion"), QStringLiteral("v1") },
        { QStringLiteral("kind"), QStringLiteral("Node") },
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("name"), node.name },
                        { QStringLiteral("labels"),
                          QJsonObject { { QStringLiteral("beta.kubernetes.io/arch"), QStringLiteral("amd64") },
                                        { QStringLiteral("beta.kubernetes.io/os"), QStringLiteral("linux") },
                                        { QStringLiteral("kubernetes.io/arch"), QStringLiteral("amd64") },
                                        { QStringLiteral("kubernetes.io/hostname"), node.name },
                                        { QStringLiteral("kubernetes.io/os"), QStringLiteral("linux") },
                                        { QStringLiteral("minikube.k8s.io/name"), QStringLiteral("minikube") },
                                        { QStringLiteral("minikube.k8s.io/primary"), QStringLiteral("true") },
                                        { QStringLiteral("minikube.k8s.io/version"), QStringLiteral("v1.36.0") },
                                        { QStringLiteral("node-role.kubernetes.io/control-plane"), QString() },
                                        { QStringLiteral("node.kubernetes.io/exclude-from-external-load-balancers"),
                                          QString() } } } } },
        { QStringLiteral("spec"),
          QJsonObject { { QStringLiteral("podCIDR"), QStringLiteral("10.244.0.0/24") },
                        { QStringLiteral("podCIDRs"), QJsonArray { QStringLiteral("10.244.0.0/24") } } } },
        { QStringLiteral("status"),
          QJsonObject {
              { QStringLiteral("capacity"), resources },
              { QStringLiteral("allocatable"), resources },
              { QStringLiteral("conditions"),
                QJsonArray {
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                              "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID",
                              "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status") } },
              { QStringLiteral("addresses"),
                QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("InternalIP") },
                                           { QStringLiteral("address"), QStringLiteral("192.168.49.2") } },
                             QJsonObject { { QStringLiteral("type"), QStringLiteral("Hostname") },
                                           { QStringLiteral("address"), node.name } } } },
              { QStringLiteral("daemonEndpoints"),
                QJsonObject {
                    { QStringLiteral("kubeletEndpoint"), QJsonObject { { QStringLiteral("Port"), 10250 } } } } },
              { QStringLiteral("nodeInfo"),
                QJsonObject {
                    { QStringLiteral("architecture"), QStringLiteral("amd64") },
                    { QStringLiteral("bootID"), QStringLiteral("5b0f3c52-0d5f-4a43-9b4e-3f1a2c7d9e10") },
                    { QStringLiteral("containerRuntimeVersion"), QStringLiteral("docker://28.1.1") },
                    { QStringLiteral("kernelVersion"), QStringLiteral("6.8.0-60-generic") },
                    { QStringLiteral("kubeProxyVersion"), version },
                    { QStringLiteral("kubeletVersion"), version },
                    { QStringLiteral("machineID"), QStringLiteral("9f3c1ab0e1d14d6b8d0c2f6a7e5b4c3d") },
                    { QStringLiteral("operatingSystem"), QStringLiteral("linux") },
                    { QStringLiteral("osImage"), QStringLiteral("Ubuntu 22.04.5 LTS") },
                    { QStringLiteral("systemUUID"), QStringLiteral("4c4c4544-0043-4a10-8031-b4c04f4e5a32") } } } } }
    };
}

} // namespace quayside::test
