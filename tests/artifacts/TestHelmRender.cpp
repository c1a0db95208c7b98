#include "ArtifactPaths.h"
#include "YamlJson.h"
#include "support/HelmBinaries.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

namespace quayside {

using namespace artifacts;

// The chart checked by the real Helm, 3.17.2 and 4.1.4 (tests/support/install-helm.sh), each test once
// per version: `helm lint --strict` with each values file; `helm template` for the values combinations
// Quayside and the guides use; the chart's own refusals (`required`, `fail`, values.schema.json, which
// Helm applies to the merged values); and the default rendering equal to k8s-templates/kubernetes/.
class TestHelmRender : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // Offline: lint and template never reach a cluster, and Helm's caches and config go to the test's
    // own directory.
    Run runHelm(const QString& binary, const QStringList& arguments) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        for (const char* name : { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            env.insert(QLatin1String(name), m_dir.filePath(QStringLiteral("helm-home")));
        process.setProcessEnvironment(env);
        process.start(binary, arguments);
        if (!process.waitForFinished(120000))
            process.kill();
        process.waitForFinished(1000);
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()) };
    }

    Run render(const QString& binary, const QStringList& arguments) const
    {
        return runHelm(binary,
                       QStringList { QStringLiteral("template"), QStringLiteral("todo-chatbot"), chartPath(),
                                     QStringLiteral("-n"), QStringLiteral("todo-app") }
                           + arguments);
    }

    // The file Quayside passes with -f (never a secret value).
    QString quaysideValues() const { return m_dir.filePath(QStringLiteral("quayside.yaml")); }

    // Each version's rows of a data-driven test: the binary, and the rows' own columns.
    template<typename AddRows> static void perVersion(AddRows addRows)
    {
        for (int major : { 3, 4 })
            addRows(QStringLiteral("helm %1").arg(major), test::helmBinary(major));
    }

    // What the plain manifests leave out: the labels only Helm's rendering has (the chart's version
    // and "managed-by: Helm") and the checksum annotations that roll the pods; everything else must be
    // equal, object by object (kind/name).
    static QJsonObject withoutHelmsOwn(QJsonObject object)
    {
        auto dropLabels = [](QJsonObject metadata) {
            QJsonObject labels = metadata.value(QStringLiteral("labels")).toObject();
            labels.remove(QStringLiteral("helm.sh/chart"));
            labels.remove(QStringLiteral("app.kubernetes.io/managed-by"));
            if (metadata.contains(QStringLiteral("labels")))
                metadata.insert(QStringLiteral("labels"), labels);
            return metadata;
        };
        object.insert(QStringLiteral("metadata"), dropLabels(object.value(QStringLiteral("metadata")).toObject()));
        QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
        if (spec.contains(QStringLiteral("template"))) {
            QJsonObject podTemplate = spec.value(QStringLiteral("template")).toObject();
            QJsonObject metadata = dropLabels(podTemplate.value(QStringLiteral("metadata")).toObject());
            QJsonObject annotations = metadata.value(QStringLiteral("annotations")).toObject();
            for (const QString& key : annotations.keys()) {
                if (key.startsWith(QLatin1String("checksum/")))
                    annotations.remove(key);
            }
            if (annotations.isEmpty())
                metadata.remove(QStringLiteral("annotations"));
            else
                metadata.insert(QStringLiteral("annotations"), annotations);
            podTemplate.insert(QStringLiteral("metadata"), metadata);
            spec.insert(QStringLiteral("template"), podTemplate);
            object.insert(QStringLiteral("spec"), spec);
        }
        return object;
    }

    static QString key(const QJsonObject& object)
    {
        return object.value(QStringLiteral("kind")).toString() + u'/'
            + YamlJson::at(object, QStringLiteral("metadata.name")).toString();
    }

    static QMap<QString, QJsonObject> byKey(const QList<QJsonValue>& documents)
    {
        QMap<QString, QJsonObject> map;
        for (const QJsonValue& document : documents)
            map.insert(key(document.toObject()), withoutHelmsOwn(document.toObject()));
        return map;
    }

    static QList<QJsonValue> parseDocuments(const QString& yaml)
    {
        QList<QJsonValue> list;
        for (const YAML::Node& node : YAML::LoadAll(yaml.toStdString())) {
            const QJsonValue value = YamlJson::toJson(node);
            if (!value.isNull() && !value.isUndefined())
                list.append(value);
        }
        return list;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile values(quaysideValues());
        QVERIFY(values.open(QIODevice::WriteOnly));
        values.write("backend:\n  image:\n    repository: todo-backend\n    tag: \"3f2a9c1b7d4e\"\n"
                     "frontend:\n  image:\n    repository: todo-frontend\n    tag: \"9c1b7d4e3f2a\"\n"
                     "secrets:\n  existingSecret: todo-app-secrets\n"
                     "  checksum: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\n");
    }

    void lint_data()
    {
        QTest::addColumn<QString>("helm");
        QTest::addColumn<QString>("values");
        perVersion([](const QString& name, const QString& binary) {
            for (const char* file : { "values.yaml", "values-dev.yaml" })
                QTest::addRow("%s, %s", qPrintable(name), file) << binary << chartPath(QString::fromLatin1(file));
        });
    }
    // --strict: a warning fails too (an unused or undefined value, a deprecated API, a bad name).
    void lint()
    {
        QFETCH(QString, helm);
        QFETCH(QString, values);
        QUAYSIDE_REQUIRE_HELM(helm);
        const Run run = runHelm(
            helm, { QStringLiteral("lint"), QStringLiteral("--strict"), chartPath(), QStringLiteral("-f"), values });
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("1 chart(s) linted, 0 chart(s) failed")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QLatin1String("[WARNING]")) && !run.out.contains(QLatin1String("[ERROR]")),
                 qPrintable(run.out));
    }

    // Every values combination Quayside and the guides use renders; each document is an object Helm
    // would install (apiVersion, kind, a valid name).
    void renders_data()
    {
        QTest::addColumn<QString>("helm");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("documents");
        perVersion([this](const QString& name, const QString& binary) {
            const QString dev = chartPath(QStringLiteral("values-dev.yaml"));
            const QString jwt = QStringLiteral("0123456789abcdef0123456789abcdef");
            const QString db = QStringLiteral("postgresql://user:pw@ep-x.neon.tech/neondb?sslmode=require");
            // ConfigMap, 2 Services, 2 Deployments, the helm test Pod.
            QTest::addRow("%s: the defaults", qPrintable(name)) << binary << QStringList() << 6;
            QTest::addRow("%s: values-dev.yaml", qPrintable(name))
                << binary << QStringList { QStringLiteral("-f"), dev } << 7;
            QTest::addRow("%s: Quayside's install", qPrintable(name))
                << binary << QStringList { QStringLiteral("-f"), dev, QStringLiteral("-f"), quaysideValues() } << 7;
            QTest::addRow("%s: plain helm, the chart makes the Secret", qPrintable(name))
                << binary << QStringList { QStringLiteral("--set-string"),
                                           QStringLiteral("secrets.existingSecret="),
                                           QStringLiteral("--set-string"),
                                           QStringLiteral("secrets.values.DATABASE_URL=") + db,
                                           QStringLiteral("--set-string"),
                                           QStringLiteral("secrets.values.JWT_SECRET=") + jwt,
                                           QStringLiteral("--set-string"),
                                           QStringLiteral("secrets.values.OPENAI_API_KEY=sk-test") }
                << 7;
            QTest::addRow("%s: autoscaling, LoadBalancer, an existing claim", qPrintable(name))
                << binary << QStringList { QStringLiteral("--set"),
                                           QStringLiteral("backend.autoscaling.enabled=true"),
                                           QStringLiteral("--set"),
                                           QStringLiteral("frontend.autoscaling.enabled=true"),
                                           QStringLiteral("--set-string"),
                                           QStringLiteral("frontend.service.type=LoadBalancer"),
                                           QStringLiteral("--set"),
                                           QStringLiteral("persistence.enabled=true"),
                                           QStringLiteral("--set-string"),
                                           QStringLiteral("persistence.existingClaim=my-uploads") }
                << 8;
            QTest::addRow("%s: ClusterIP frontend, no storage class, no helm test", qPrintable(name))
                << binary
                << QStringList { QStringLiteral("--set-string"), QStringLiteral("frontend.service.type=ClusterIP"),
                                 QStringLiteral("--set"),        QStringLiteral("persistence.enabled=true"),
                                 QStringLiteral("--set-string"), QStringLiteral("persistence.storageClass=-"),
                                 QStringLiteral("--set"),        QStringLiteral("helmTest.enabled=false") }
                << 6;
        });
    }
    void renders()
    {
        QFETCH(QString, helm);
        QFETCH(QStringList, arguments);
        QFETCH(int, documents);
        QUAYSIDE_REQUIRE_HELM(helm);
        const Run run = render(helm, arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QList<QJsonValue> rendered;
        try {
            rendered = parseDocuments(run.out);
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
        static const QRegularExpression dns1123(
            QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
        for (const QJsonValue& document : std::as_const(rendered)) {
            const QJsonObject object = document.toObject();
            QVERIFY2(!object.value(QStringLiteral("apiVersion")).toString().isEmpty(), qPrintable(key(object)));
            QVERIFY2(dns1123.match(YamlJson::at(object, QStringLiteral("metadata.name")).toString()).hasMatch(),
                     qPrintable(key(object)));
        }
        QCOMPARE(rendered.size(), documents);
    }

    // The chart's own checks refuse what they should, with their message, on both versions (whose
    // schema validators word it differently: Helm 4 replaced gojsonschema).
    void refuses_data()
    {
        QTest::addColumn<QString>("helm");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("messages"); // each one in the error
        perVersion([](const QString& name, const QString& binary) {
            const QString jwt = QStringLiteral("0123456789abcdef0123456789abcdef");
            const QString db = QStringLiteral("postgresql://user:pw@ep-x.neon.tech/neondb?sslmode=require");
            const QString schema = QStringLiteral("values don't meet the specifications of the schema(s)");
            QTest::addRow("%s: the chart's Secret without DATABASE_URL", qPrintable(name))
                << binary
                << QStringList { QStringLiteral("--set-string"), QStringLiteral("secrets.existingSecret="),
                                 QStringLiteral("--set-string"), QStringLiteral("secrets.values.JWT_SECRET=") + jwt }
                << QStringList { QStringLiteral("secrets.values.DATABASE_URL is required") };
            QTest::addRow("%s: a JWT_SECRET under 32 characters", qPrintable(name))
                << binary
                << QStringList { QStringLiteral("--set-string"), QStringLiteral("secrets.existingSecret="),
                                 QStringLiteral("--set-string"), QStringLiteral("secrets.values.DATABASE_URL=") + db,
                                 QStringLiteral("--set-string"), QStringLiteral("secrets.values.JWT_SECRET=short") }
                << QStringList { QStringLiteral("at least 32 characters") };
            QTest::addRow("%s: a NodePort outside 30000-32767", qPrintable(name))
                << binary << QStringList { QStringLiteral("--set"), QStringLiteral("frontend.service.nodePort=80") }
                << QStringList { schema, QStringLiteral("nodePort") };
            QTest::addRow("%s: a misspelt key", qPrintable(name))
                << binary << QStringList { QStringLiteral("--set"), QStringLiteral("backend.replicas=2") }
                << QStringList { schema, QStringLiteral("replicas") };
        });
    }
    void refuses()
    {
        QFETCH(QString, helm);
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, messages);
        QUAYSIDE_REQUIRE_HELM(helm);
        const Run run = render(helm, arguments);
        QVERIFY2(run.exitCode != 0, "it rendered");
        for (const QString& message : messages)
            QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    // Quayside's tags and the Secret's checksum reach the pod templates, and the ConfigMap's hash rolls
    // the pods too.
    void checksumsReachThePods_data()
    {
        QTest::addColumn<QString>("helm");
        perVersion([](const QString& name, const QString& binary) { QTest::newRow(qPrintable(name)) << binary; });
    }
    void checksumsReachThePods()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        const Run run = render(helm, { QStringLiteral("-f"), quaysideValues() });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(
            QLatin1String("checksum/secret: \"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"")));
        static const QRegularExpression config(QStringLiteral("checksum/config: [0-9a-f]{64}$"),
                                               QRegularExpression::MultilineOption);
        QVERIFY(config.match(run.out).hasMatch());
        QVERIFY(run.out.contains(QLatin1String("image: \"todo-backend:3f2a9c1b7d4e\"")));
        QVERIFY(run.out.contains(QLatin1String("image: \"todo-frontend:9c1b7d4e3f2a\"")));
    }

    // k8s-templates/kubernetes/ is the chart's default rendering (without the helm test): every object
    // the chart renders is there and equal. The plain manifests also hold what the chart leaves to
    // `--create-namespace` and `persistence.enabled` (the Namespace, the claim).
    void equalsThePlainManifests_data()
    {
        QTest::addColumn<QString>("helm");
        perVersion([](const QString& name, const QString& binary) { QTest::newRow(qPrintable(name)) << binary; });
    }
    void equalsThePlainManifests()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        const Run run = render(helm, { QStringLiteral("--skip-tests") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QMap<QString, QJsonObject> plain;
        QMap<QString, QJsonObject> rendered;
        try {
            rendered = byKey(parseDocuments(run.out));
            const QDir dir(sourcePath(QStringLiteral("k8s-templates/kubernetes")));
            for (const QString& file : dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files, QDir::Name))
                plain.insert(byKey(YamlJson::loadAllFile(dir.filePath(file))));
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(rendered.size(), 5);
        for (auto it = rendered.cbegin(); it != rendered.cend(); ++it) {
            QVERIFY2(plain.contains(it.key()),
                     qPrintable(it.key()
                                + QStringLiteral(" is rendered by the chart but not in k8s-templates/kubernetes/")));
            QVERIFY2(plain.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1 differs.\n--- chart\n%2--- k8s-templates/kubernetes/\n%3")
                                    .arg(it.key(), QString::fromUtf8(QJsonDocument(it.value()).toJson()),
                                         QString::fromUtf8(QJsonDocument(plain.value(it.key())).toJson()))));
        }
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestHelmRender)
#include "TestHelmRender.moc"
