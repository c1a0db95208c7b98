#include "ArtifactPaths.h"
#include "YamlJson.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <array>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace quayside {

using namespace artifacts;

// The plain manifests in k8s-templates/kubernetes/ (for kubectl and kubectl-ai users): consistent
// among themselves, with the images the Dockerfiles build, and with the chart's defaults, of which
// they are the rendering.
class TestRawManifests : public QObject
{
    Q_OBJECT

    struct Object
    {
        QString file;
        QJsonObject json;
        QString kind() const { return json.value(QStringLiteral("kind")).toString(); }
        QString name() const { return YamlJson::at(json, QStringLiteral("metadata.name")).toString(); }
    };

    QList<Object> m_objects;
    QJsonObject m_values;

    static QString manifestsPath(const QString& file = {})
    {
        return sourcePath(QStringLiteral("k8s-templates/kubernetes/") + file);
    }

    std::optional<Object> find(const QString& kind, const QString& name) const
    {
        for (const Object& object : m_objects) {
            if (object.kind() == kind && object.name() == name)
                return object;
        }
        return std::nullopt;
    }

    QList<Object> ofKind(const QString& kind) const
    {
        QList<Object> list;
        std::copy_if(m_objects.cbegin(), m_objects.cend(), std::back_inserter(list),
                     [&](const Object& o) { return o.kind() == kind; });
        return list;
    }

    static bool selects(const QJsonObject& selector, const QJsonObject& labels)
    {
        if (selector.isEmpty())
            return false;
        for (auto it = selector.begin(); it != selector.end(); ++it) {
            if (labels.value(it.key()) != it.value())
                return false;
        }
        return true;
    }

    static QJsonObject podLabels(const Object& deployment)
    {
        return YamlJson::at(deployment.json, QStringLiteral("spec.template.metadata.labels")).toObject();
    }

    static QJsonArray containers(const Object& deployment)
    {
        return YamlJson::at(deployment.json, QStringLiteral("spec.template.spec.containers")).toArray();
    }

    // A port reference (number or name) resolved against a container's declared ports.
    static bool portDeclared(const QJsonValue& port, const QJsonArray& declared)
    {
        return std::any_of(declared.begin(), declared.end(), [&](const QJsonValue& p) {
            const QJsonObject entry = p.toObject();
            return (port.isString() && entry.value(QStringLiteral("name")) == port)
                || (port.isDouble() && entry.value(QStringLiteral("containerPort")).toInteger() == port.toInteger());
        });
    }

    // Kubernetes quantities, as far as the manifests use them: cores or millicores; bytes with the
    // binary or decimal suffixes.
    static double quantity(const QJsonValue& value)
    {
        if (value.isDouble())
            return value.toDouble();
        static const QRegularExpression form(QStringLiteral("^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$"));
        const auto match = form.match(value.toString());
        if (!match.hasMatch())
            return -1;
        static const QHash<QString, double> factor = { { QString(), 1 },
                                                       { QStringLiteral("m"), 1e-3 },
                                                       { QStringLiteral("k"), 1e3 },
                                                       { QStringLiteral("M"), 1e6 },
                                                       { QStringLiteral("G"), 1e9 },
                                                       { QStringLiteral("T"), 1e12 },
                                                       { QStringLiteral("Ki"), 1024.0 },
                                                       { QStringLiteral("Mi"), 1048576.0 },
                                                       { QStringLiteral("Gi"), 1073741824.0 },
                                                       { QStringLiteral("Ti"), 1099511627776.0 } };
        return match.captured(1).toDouble() * factor.value(match.captured(2));
    }

    static QString dockerfileText(const QString& service)
    {
        return readText(sourcePath(QStringLiteral("docker/%1/Dockerfile").arg(service)));
    }

private slots:
    void initTestCase()
    {
        m_values = YamlJson::loadFile(chartPath(QStringLiteral("values.yaml"))).toObject();
        QDirIterator it(manifestsPath(), { QStringLiteral("*.yaml"), QStringLiteral("*.yaml.example") }, QDir::Files);
        while (it.hasNext()) {
            const QString file = it.next();
            try {
                for (const QJsonValue& document : YamlJson::loadAllFile(file))
                    m_objects.append({ QFileInfo(file).fileName(), document.toObject() });
            } catch (const YAML::Exception& e) {
                QFAIL(qPrintable(file + QStringLiteral(": ") + QString::fromStdString(e.what())));
            }
        }
        QVERIFY(m_objects.size() >= 9);
    }

    // Everything under k8s-templates/ that is YAML parses, the chart's metadata and values included
    // (its templates are Go templates, YAML only once rendered, and are left to TestHelmChart).
    void everyYamlFileParses_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(sourcePath(QStringLiteral("k8s-templates")),
                        { QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.yaml.example") },
                        QDir::Files, QDirIterator::Subdirectories);
        int rows = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            if (file.contains(QStringLiteral("/templates/")))
                continue;
            QTest::newRow(qPrintable(QDir(sourcePath(QStringLiteral("k8s-templates"))).relativeFilePath(file))) << file;
            ++rows;
        }
        QVERIFY(rows >= 11);
    }

    void everyYamlFileParses()
    {
        QFETCH(QString, file);
        try {
            const auto documents = YAML::LoadAllFromFile(file.toStdString());
            QVERIFY(!documents.empty());
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
    }

    void objectsAreNamedAndPlaced()
    {
        static const QRegularExpression dns1123(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
        for (const Object& object : std::as_const(m_objects)) {
            const QString where = object.file + u' ' + object.kind() + u'/' + object.name();
            QVERIFY2(!object.json.value(QStringLiteral("apiVersion")).toString().isEmpty(), qPrintable(where));
            QVERIFY2(dns1123.match(object.name()).hasMatch(), qPrintable(where));
            const bool clusterScoped
                = object.kind() == QStringLiteral("Namespace") || object.kind() == QStringLiteral("PersistentVolume");
            QCOMPARE(YamlJson::at(object.json, QStringLiteral("metadata.namespace")).toString(),
                     clusterScoped ? QString() : QStringLiteral("todo-app"));
            const QJsonObject labels = YamlJson::at(object.json, QStringLiteral("metadata.labels")).toObject();
            QVERIFY2(labels.value(QStringLiteral("app.kubernetes.io/part-of")) == QStringLiteral("todo-chatbot"),
                     qPrintable(where + QStringLiteral(": no app.kubernetes.io/part-of label")));
        }
        QVERIFY(find(QStringLiteral("Namespace"), QStringLiteral("todo-app")));
    }

    void deployments_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("port");
        QTest::newRow("backend") << QStringLiteral("backend") << QStringLiteral("backend-service") << 8000;
        QTest::newRow("frontend") << QStringLiteral("frontend") << QStringLiteral("frontend-service") << 3000;
    }

    void deployments()
    {
        QFETCH(QString, name);
        QFETCH(QString, service);
        QFETCH(int, port);

        const auto deployment = find(QStringLiteral("Deployment"), name);
        QVERIFY(deployment);
        const QJsonObject labels = podLabels(*deployment);
        const QJsonObject selector
            = YamlJson::at(deployment->json, QStringLiteral("spec.selector.matchLabels")).toObject();
        QVERIFY2(selects(selector, labels), "the selector does not match the pod labels");
        QCOMPARE(labels.value(QStringLiteral("app")).toString(), name);
        for (const char* key : { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
                                 "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by" })
            QVERIFY2(labels.contains(QLatin1String(key)), key);
        // Only labels that stay put: a Deployment's selector is immutable.
        QVERIFY(!selector.contains(QStringLiteral("app.kubernetes.io/version")));
        QCOMPARE(YamlJson::at(deployment->json, QStringLiteral("spec.strategy.rollingUpdate.maxSurge")).toInteger(), 1);
        QCOMPARE(
            YamlJson::at(deployment->json, QStringLiteral("spec.strategy.rollingUpdate.maxUnavailable")).toInteger(),
            0);

        const QJsonArray list = containers(*deployment);
        QCOMPARE(list.size(), 1);
        const QJsonObject container = list.first().toObject();
        const QJsonArray ports = container.value(QStringLiteral("ports")).toArray();
        QVERIFY(portDeclared(QJsonValue(port), ports));
        QCOMPARE(container.value(QStringLiteral("imagePullPolicy")).toString(), QStringLiteral("IfNotPresent"));

        // Every probe hits a declared port, on the app's health route.
        for (const char* probe : { "livenessProbe", "readinessProbe", "startupProbe" }) {
            const QJsonObject httpGet
                = YamlJson::at(container, QStringList { QLatin1String(probe), QStringLiteral("httpGet") }).toObject();
            if (httpGet.isEmpty()) {
                QVERIFY2(QLatin1String(probe) == QLatin1String("startupProbe"), probe);
                continue;
            }
            QVERIFY2(portDeclared(httpGet.value(QStringLiteral("port")), ports), probe);
            QCOMPARE(httpGet.value(QStringLiteral("path")).toString(), QStringLiteral("/api/health"));
        }

        // Requests and limits for CPU and memory, limits at least the requests.
        for (const char* resource : { "cpu", "memory" }) {
            const double request = quantity(YamlJson::at(
                container,
                QStringList { QStringLiteral("resources"), QStringLiteral("requests"), QLatin1String(resource) }));
            const double limit = quantity(YamlJson::at(
                container,
                QStringList { QStringLiteral("resources"), QStringLiteral("limits"), QLatin1String(resource) }));
            QVERIFY2(request > 0 && limit > 0, resource);
            QVERIFY2(request <= limit, resource);
        }

        // Non-root, as the image's numeric USER (see the Dockerfiles).
        const QJsonObject pod = YamlJson::at(deployment->json, QStringLiteral("spec.template.spec")).toObject();
        QCOMPARE(YamlJson::at(pod, QStringLiteral("securityContext.runAsNonRoot")), QJsonValue(true));
        QCOMPARE(YamlJson::at(container, QStringLiteral("securityContext.allowPrivilegeEscalation")),
                 QJsonValue(false));

        // A Service selects exactly these pods and targets a declared port.
        const auto svc = find(QStringLiteral("Service"), service);
        QVERIFY(svc);
        const QJsonObject serviceSelector = YamlJson::at(svc->json, QStringLiteral("spec.selector")).toObject();
        QVERIFY2(selects(serviceSelector, labels), "the Service does not select the pods");
        for (const Object& other : ofKind(QStringLiteral("Deployment"))) {
            if (other.name() != name)
                QVERIFY2(!selects(serviceSelector, podLabels(other)), "the Service also selects another Deployment");
        }
        const QJsonArray servicePorts = YamlJson::at(svc->json, QStringLiteral("spec.ports")).toArray();
        QVERIFY(!servicePorts.isEmpty());
        for (const QJsonValue& p : servicePorts) {
            const QJsonValue target = p.toObject().value(QStringLiteral("targetPort"));
            QVERIFY2(portDeclared(target.isUndefined() ? p.toObject().value(QStringLiteral("port")) : target, ports),
                     "targetPort is not a container port");
        }
    }

    void nodePortsInRange()
    {
        int nodePorts = 0;
        for (const Object& svc : ofKind(QStringLiteral("Service"))) {
            for (const QJsonValue& p : YamlJson::at(svc.json, QStringLiteral("spec.ports")).toArray()) {
                const QJsonValue nodePort = p.toObject().value(QStringLiteral("nodePort"));
                if (nodePort.isUndefined())
                    continue;
                ++nodePorts;
                QVERIFY2(YamlJson::at(svc.json, QStringLiteral("spec.type")).toString() != QStringLiteral("ClusterIP"),
                         "a nodePort on a ClusterIP Service");
                QVERIFY(nodePort.toInteger() >= 30000 && nodePort.toInteger() <= 32767);
            }
        }
        QCOMPARE(nodePorts, 1);
        QCOMPARE(YamlJson::at(find(QStringLiteral("Service"), QStringLiteral("frontend-service"))->json,
                              QStringLiteral("spec.ports"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("nodePort"))
                     .toInteger(),
                 30000);
    }

    // envFrom and volumes name objects that exist among the manifests.
    void referencesResolve()
    {
        const auto backend = find(QStringLiteral("Deployment"), QStringLiteral("backend"));
        QVERIFY(backend);
        const QJsonArray envFrom = containers(*backend).first().toObject().value(QStringLiteral("envFrom")).toArray();
        QCOMPARE(envFrom.size(), 2);
        QVERIFY(find(QStringLiteral("ConfigMap"),
                     YamlJson::at(envFrom.at(0), QStringLiteral("configMapRef.name")).toString()));
        const auto secret
            = find(QStringLiteral("Secret"), YamlJson::at(envFrom.at(1), QStringLiteral("secretRef.name")).toString());
        QVERIFY(secret);
        QCOMPARE(secret->file, QStringLiteral("secrets.yaml.example"));

        const auto claim = find(QStringLiteral("PersistentVolumeClaim"), QStringLiteral("backend-uploads"));
        const auto volume = find(QStringLiteral("PersistentVolume"), QStringLiteral("backend-uploads-pv"));
        QVERIFY(claim && volume);
        QCOMPARE(YamlJson::at(claim->json, QStringLiteral("spec.volumeName")).toString(), volume->name());
        QCOMPARE(YamlJson::at(claim->json, QStringLiteral("spec.storageClassName")),
                 YamlJson::at(volume->json, QStringLiteral("spec.storageClassName")));
        QVERIFY(quantity(YamlJson::at(volume->json, QStringLiteral("spec.capacity.storage")))
                >= quantity(YamlJson::at(claim->json, QStringLiteral("spec.resources.requests.storage"))));
        QCOMPARE(YamlJson::at(claim->json, QStringLiteral("spec.resources.requests.storage")).toString(),
                 QStringLiteral("5Gi"));

        // The uploads volume is mounted where the backend image keeps uploads.
        const QJsonObject container = containers(*backend).first().toObject();
        QCOMPARE(
            YamlJson::at(container.value(QStringLiteral("volumeMounts")).toArray().first(), QStringLiteral("mountPath"))
                .toString(),
            QStringLiteral("/app/uploads"));
        QVERIFY(dockerfileText(QStringLiteral("backend")).contains(QStringLiteral("/app/uploads")));
    }

    void secretExampleHasEveryKey()
    {
        const auto secret = find(QStringLiteral("Secret"), QStringLiteral("todo-app-secrets"));
        QVERIFY(secret);
        const QStringList expected = { QStringLiteral("CLOUDINARY_API_KEY"),    QStringLiteral("CLOUDINARY_API_SECRET"),
                                       QStringLiteral("CLOUDINARY_CLOUD_NAME"), QStringLiteral("DATABASE_URL"),
                                       QStringLiteral("GEMINI_API_KEY"),        QStringLiteral("JWT_SECRET"),
                                       QStringLiteral("OPENAI_API_KEY") };
        QCOMPARE(secret->json.value(QStringLiteral("stringData")).toObject().keys(), expected);
        QVERIFY(YamlJson::at(secret->json, QStringLiteral("stringData.DATABASE_URL"))
                    .toString()
                    .contains(QStringLiteral("sslmode=require")));
    }

    // The manifests are the chart's default rendering: the values that decide behaviour agree.
    void matchChartDefaults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("manifestPath");
        QTest::addColumn<QString>("valuesPath");

        const QList<std::array<const char*, 4>> rows = {
            { "Deployment", "backend", "spec.replicas", "backend.replicaCount" },
            { "Deployment", "backend", "spec.strategy", "backend.strategy" },
            { "Deployment", "backend", "spec.template.spec.securityContext", "backend.podSecurityContext" },
            { "Deployment", "backend", "#container.securityContext", "backend.securityContext" },
            { "Deployment", "backend", "#container.resources", "backend.resources" },
            { "Deployment", "backend", "#container.livenessProbe", "backend.livenessProbe" },
            { "Deployment", "backend", "#container.readinessProbe", "backend.readinessProbe" },
            { "Deployment", "backend", "#container.startupProbe", "backend.startupProbe" },
            { "Deployment", "backend", "#container.imagePullPolicy", "backend.image.pullPolicy" },
            { "Deployment", "frontend", "spec.replicas", "frontend.replicaCount" },
            { "Deployment", "frontend", "spec.strategy", "frontend.strategy" },
            { "Deployment", "frontend", "spec.template.spec.securityContext", "frontend.podSecurityContext" },
            { "Deployment", "frontend", "#container.securityContext", "frontend.securityContext" },
            { "Deployment", "frontend", "#container.resources", "frontend.resources" },
            { "Deployment", "frontend", "#container.livenessProbe", "frontend.livenessProbe" },
            { "Deployment", "frontend", "#container.readinessProbe", "frontend.readinessProbe" },
            { "Deployment", "frontend", "#container.imagePullPolicy", "frontend.image.pullPolicy" },
            { "Service", "backend-service", "spec.type", "backend.service.type" },
            { "Service", "frontend-service", "spec.type", "frontend.service.type" },
            { "ConfigMap", "todo-app-config", "data.ENVIRONMENT", "config.environment" },
            { "ConfigMap", "todo-app-config", "data.LOG_LEVEL", "config.logLevel" },
            { "ConfigMap", "todo-app-config", "data.CORS_ORIGINS", "config.corsOrigins" },
            { "ConfigMap", "todo-app-config", "data.FRONTEND_URL", "config.frontendUrl" },
            { "ConfigMap", "todo-app-config", "data.MCP_SERVER_NAME", "config.mcpServerName" },
            { "ConfigMap", "todo-app-config", "data.MCP_SERVER_PORT", "config.mcpServerPort" },
        };
        for (const auto& row : rows)
            QTest::newRow(qPrintable(
                QStringLiteral("%1/%2 %3").arg(QLatin1String(row[0]), QLatin1String(row[1]), QLatin1String(row[2]))))
                << QString::fromLatin1(row[0]) << QString::fromLatin1(row[1]) << QString::fromLatin1(row[2])
                << QString::fromLatin1(row[3]);
    }

    void matchChartDefaults()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, manifestPath);
        QFETCH(QString, valuesPath);

        const auto object = find(kind, name);
        QVERIFY(object);
        QJsonValue actual;
        if (manifestPath.startsWith(QStringLiteral("#container.")))
            actual = YamlJson::at(containers(*object).first(), manifestPath.mid(int(qstrlen("#container."))));
        else
            actual = YamlJson::at(object->json, manifestPath);
        QJsonValue expected = YamlJson::at(m_values, valuesPath);
        // ConfigMap data are strings; the chart quotes the values.
        if (kind == QStringLiteral("ConfigMap") && expected.isDouble())
            expected = QString::number(expected.toInteger());
        QVERIFY2(!actual.isUndefined(), "missing from the manifest");
        QCOMPARE(actual, expected);
    }

    void matchChartNames()
    {
        QVERIFY(find(QStringLiteral("Deployment"), YamlJson::at(m_values, QStringLiteral("backend.name")).toString()));
        QVERIFY(find(QStringLiteral("Deployment"), YamlJson::at(m_values, QStringLiteral("frontend.name")).toString()));
        QVERIFY(
            find(QStringLiteral("Service"), YamlJson::at(m_values, QStringLiteral("backend.service.name")).toString()));
        QVERIFY(find(QStringLiteral("Service"),
                     YamlJson::at(m_values, QStringLiteral("frontend.service.name")).toString()));
        QVERIFY(find(QStringLiteral("ConfigMap"), YamlJson::at(m_values, QStringLiteral("config.name")).toString()));
        QVERIFY(find(QStringLiteral("Secret"),
                     YamlJson::at(m_values, QStringLiteral("secrets.existingSecret")).toString()));
        QVERIFY(find(QStringLiteral("PersistentVolumeClaim"),
                     YamlJson::at(m_values, QStringLiteral("persistence.claimName")).toString()));
        const auto frontend = find(QStringLiteral("Deployment"), QStringLiteral("frontend"));
        QVERIFY(frontend);
        const QJsonArray env = containers(*frontend).first().toObject().value(QStringLiteral("env")).toArray();
        QVERIFY(
            env.contains(QJsonObject { { QStringLiteral("name"), QStringLiteral("NEXT_PUBLIC_API_URL") },
                                       { QStringLiteral("value"), QStringLiteral("http://backend-service:8000") } }));
    }

    // The manifests run the images the Dockerfiles build: same ports, same user, same health route.
    void matchDockerfiles_data()
    {
        QTest::addColumn<QString>("service");
        QTest::newRow("backend") << QStringLiteral("backend");
        QTest::newRow("frontend") << QStringLiteral("frontend");
    }

    void matchDockerfiles()
    {
        QFETCH(QString, service);
        const QString dockerfile = dockerfileText(service);
        QVERIFY(!dockerfile.isEmpty());
        const auto deployment = find(QStringLiteral("Deployment"), service);
        QVERIFY(deployment);
        const QJsonObject container = containers(*deployment).first().toObject();

        static const QRegularExpression expose(QStringLiteral("^EXPOSE (\\d+)$"), QRegularExpression::MultilineOption);
        const auto exposed = expose.match(dockerfile);
        QVERIFY(exposed.hasMatch());
        QVERIFY(
            portDeclared(QJsonValue(exposed.captured(1).toInt()), container.value(QStringLiteral("ports")).toArray()));

        static const QRegularExpression uid(QStringLiteral("^ARG APP_UID=(\\d+)$"),
                                            QRegularExpression::MultilineOption);
        const auto appUid = uid.match(dockerfile);
        QVERIFY(appUid.hasMatch());
        QCOMPARE(
            YamlJson::at(deployment->json, QStringLiteral("spec.template.spec.securityContext.runAsUser")).toInteger(),
            appUid.captured(1).toLongLong());

        QVERIFY(dockerfile.contains(QStringLiteral("127.0.0.1:%1/api/health").arg(exposed.captured(1))));
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestRawManifests)
#include "TestRawManifests.moc"
