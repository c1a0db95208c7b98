#include "ArtifactPaths.h"
#include "HelmTemplateScanner.h"
#include "JsonSchemaValidator.h"
#include "YamlJson.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <functional>
#include <yaml-cpp/yaml.h>

namespace quayside {

using namespace artifacts;

// The Helm chart, checked from its files (TestHelmRender runs the real Helm 3 and 4 on it): the values
// against values.schema.json (as Helm validates them), the values the templates use against
// values.yaml and the schema, and the template mistakes that break rendering or indentation.
class TestHelmChart : public QObject
{
    Q_OBJECT

    QJsonObject m_values;
    QJsonObject m_schema;
    // Template file (relative to the chart) → its text.
    QMap<QString, QString> m_templates;
    // Every `.Values` path the templates use.
    QStringList m_usedPaths;

    static QJsonObject yamlObject(const char* text) { return YamlJson::toJson(YAML::Load(text)).toObject(); }

    QStringList validate(const QJsonObject& values) const { return JsonSchemaValidator(m_schema).validate(values); }

    // What Quayside's install passes with -f: images it built, the Secret it created, and a hash of
    // that Secret's data. Never a secret value.
    static QJsonObject quaysideOverride()
    {
        return yamlObject("{backend: {image: {repository: todo-backend, tag: 3f2a9c1b7d4e}},"
                          " frontend: {image: {repository: todo-frontend, tag: 9c1b7d4e3f2a}},"
                          " secrets: {existingSecret: todo-app-secrets,"
                          " checksum: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae}}");
    }

    // Helm-docs convention: a "# --" comment documents the key under it (and its whole value).
    struct KeyDoc
    {
        QString path;
        bool documented = false; // a comment right above the key
        bool helmDocs = false; // that comment starts with "# --"
    };

    static QList<KeyDoc> keyDocs(const QString& file)
    {
        const QStringList lines = readText(file).split(u'\n');
        QList<KeyDoc> docs;
        std::function<void(const YAML::Node&, const QString&)> walk
            = [&](const YAML::Node& map, const QString& prefix) {
                  for (const auto& entry : map) {
                      const QString key = QString::fromStdString(entry.first.Scalar());
                      KeyDoc doc;
                      doc.path = prefix.isEmpty() ? key : prefix + u'.' + key;
                      int line = entry.first.Mark().line - 1;
                      if (line >= 0 && lines.at(line).trimmed().startsWith(u'#')) {
                          doc.documented = true;
                          while (line > 0 && lines.at(line - 1).trimmed().startsWith(u'#'))
                              --line;
                          doc.helmDocs = lines.at(line).trimmed().startsWith(QStringLiteral("# --"));
                      }
                      docs.append(doc);
                      if (entry.second.IsMap())
                          walk(entry.second, doc.path);
                  }
              };
        walk(YAML::LoadFile(file.toStdString()), QString());
        return docs;
    }

private slots:
    void initTestCase()
    {
        try {
            m_values = YamlJson::loadFile(chartPath(QStringLiteral("values.yaml"))).toObject();
            YamlJson::loadFile(chartPath(QStringLiteral("values-dev.yaml")));
            YamlJson::loadFile(chartPath(QStringLiteral("Chart.yaml")));
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
        QVERIFY(!m_values.isEmpty());
        QJsonParseError error;
        m_schema = QJsonDocument::fromJson(readText(chartPath(QStringLiteral("values.schema.json"))).toUtf8(), &error)
                       .object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

        QDirIterator it(chartPath(QStringLiteral("templates")), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            m_templates.insert(QDir(chartPath()).relativeFilePath(file), readText(file));
        }
        QVERIFY(m_templates.size() >= 9);
        for (const QString& text : std::as_const(m_templates)) {
            for (const QString& path : HelmTemplateScanner(text).valuesPaths()) {
                if (!m_usedPaths.contains(path))
                    m_usedPaths << path;
            }
        }
        m_usedPaths.sort();
    }

    void chartMetadata()
    {
        const QJsonObject chart = YamlJson::loadFile(chartPath(QStringLiteral("Chart.yaml"))).toObject();
        QCOMPARE(chart.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v2"));
        // helm lint: the name must match the chart's directory.
        QCOMPARE(chart.value(QStringLiteral("name")).toString(), QStringLiteral("todo-chatbot"));
        QCOMPARE(chart.value(QStringLiteral("type")).toString(), QStringLiteral("application"));
        static const QRegularExpression semver(
            QStringLiteral("^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"));
        QVERIFY(semver.match(chart.value(QStringLiteral("version")).toString()).hasMatch());
        // A string, not a number: `appVersion: 1.0` would be read as the float 1.
        QVERIFY(chart.value(QStringLiteral("appVersion")).isString());
        QVERIFY(!chart.value(QStringLiteral("appVersion")).toString().isEmpty());
        QVERIFY(!chart.value(QStringLiteral("description")).toString().isEmpty());
    }

    void schemaUsesOnlySupportedKeywords()
    {
        const QStringList errors = JsonSchemaValidator(m_schema).schemaErrors();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    void valuesMatchSchema_data()
    {
        QTest::addColumn<QJsonObject>("values");
        QTest::newRow("values.yaml") << m_values;
        // Helm validates the merged values, so each override file is merged onto the defaults.
        QTest::newRow("values-dev.yaml") << coalesce(
            m_values, YamlJson::loadFile(chartPath(QStringLiteral("values-dev.yaml"))).toObject());
        QTest::newRow("Quayside's override") << coalesce(m_values, quaysideOverride());
        QTest::newRow("plain helm with the chart's own Secret")
            << coalesce(m_values,
                        yamlObject("{secrets: {existingSecret: '', values: {"
                                   "DATABASE_URL: 'postgresql://user:pw@ep-x.neon.tech/neondb?sslmode=require',"
                                   " JWT_SECRET: 0123456789abcdef0123456789abcdef}}}"));
        QTest::newRow("autoscaling and persistence on") << coalesce(
            m_values,
            yamlObject("{backend: {autoscaling: {enabled: true, maxReplicas: 4}},"
                       " frontend: {service: {type: ClusterIP}},"
                       " persistence: {enabled: true, storageClass: '-', annotations: {helm.sh/resource-policy: keep}},"
                       " config: {extra: {FEATURE_FLAG: 'on', WORKERS: 2}}}"));
    }

    void valuesMatchSchema()
    {
        QFETCH(QJsonObject, values);
        const QStringList errors = validate(values);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    // The schema has teeth: a value a user could plausibly get wrong fails the install instead of
    // rendering something broken.
    void schemaRejects_data()
    {
        QTest::addColumn<QByteArray>("override");
        QTest::addColumn<QString>("expectedError");

        QTest::newRow("nodePort outside 30000-32767")
            << QByteArray("frontend: {service: {nodePort: 80}}") << QStringLiteral("frontend.service.nodePort");
        QTest::newRow("misspelt key") << QByteArray("backend: {replicas: 2}") << QStringLiteral("property replicas");
        QTest::newRow("unknown top-level key") << QByteArray("backendd: {}") << QStringLiteral("property backendd");
        QTest::newRow("pull policy") << QByteArray("backend: {image: {pullPolicy: Sometimes}}")
                                     << QStringLiteral("backend.image.pullPolicy");
        QTest::newRow("image tag with a space")
            << QByteArray("frontend: {image: {tag: 'v 1'}}") << QStringLiteral("frontend.image.tag");
        QTest::newRow("empty repository")
            << QByteArray("backend: {image: {repository: ''}}") << QStringLiteral("backend.image.repository");
        QTest::newRow("checksum not sha256")
            << QByteArray("secrets: {checksum: abc}") << QStringLiteral("secrets.checksum");
        QTest::newRow("environment") << QByteArray("config: {environment: prod}")
                                     << QStringLiteral("config.environment");
        QTest::newRow("log level") << QByteArray("config: {logLevel: verbose}") << QStringLiteral("config.logLevel");
        QTest::newRow("quantity") << QByteArray("backend: {resources: {limits: {memory: lots}}}")
                                  << QStringLiteral("backend.resources.limits.memory");
        QTest::newRow("port as text") << QByteArray("backend: {containerPort: '8000'}")
                                      << QStringLiteral("backend.containerPort");
        QTest::newRow("service type") << QByteArray("frontend: {service: {type: Ingress}}")
                                      << QStringLiteral("frontend.service.type");
        QTest::newRow("secret name") << QByteArray("secrets: {existingSecret: My_Secrets}")
                                     << QStringLiteral("secrets.existingSecret");
        QTest::newRow("secret value not a string") << QByteArray("secrets: {values: {OPENAI_API_KEY: 12345}}")
                                                   << QStringLiteral("secrets.values.OPENAI_API_KEY");
        QTest::newRow("database URL scheme") << QByteArray("secrets: {values: {DATABASE_URL: 'mysql://x'}}")
                                             << QStringLiteral("secrets.values.DATABASE_URL");
        QTest::newRow("persistence size")
            << QByteArray("persistence: {size: 5 GB}") << QStringLiteral("persistence.size");
        QTest::newRow("access mode") << QByteArray("persistence: {accessModes: [ReadWriteAlways]}")
                                     << QStringLiteral("persistence.accessModes[0]");
        QTest::newRow("probe path") << QByteArray("backend: {livenessProbe: {httpGet: {path: api/health, port: http}}}")
                                    << QStringLiteral("backend.livenessProbe.httpGet.path");
        QTest::newRow("autoscaling target")
            << QByteArray("frontend: {autoscaling: {targetCPUUtilizationPercentage: 150}}")
            << QStringLiteral("frontend.autoscaling.targetCPUUtilizationPercentage");
        QTest::newRow("missing required section")
            << QByteArray("config: null") << QStringLiteral("property config is missing");
    }

    void schemaRejects()
    {
        QFETCH(QByteArray, override);
        QFETCH(QString, expectedError);
        const QStringList errors = validate(coalesce(m_values, yamlObject(override.constData())));
        QVERIFY2(!errors.isEmpty(), "the schema accepted it");
        QVERIFY2(errors.join(u'\n').contains(expectedError), qPrintable(errors.join(u'\n')));
    }

    // Every `.Values` path a template mentions exists in values.yaml (so `helm template --strict`
    // and readers find a default) and is declared in the schema (so it is validated). See
    // HelmTemplateScanner::valuesPaths for what the scan can and cannot see.
    void templateValuesExist_data()
    {
        QTest::addColumn<QString>("path");
        QVERIFY(m_usedPaths.size() > 40);
        for (const QString& path : std::as_const(m_usedPaths))
            QTest::newRow(qPrintable(path)) << path;
    }

    void templateValuesExist()
    {
        QFETCH(QString, path);
        QVERIFY2(!YamlJson::at(m_values, path).isUndefined(), "missing from values.yaml");
        QVERIFY2(JsonSchemaValidator(m_schema).declares(path.split(u'.')), "not declared in values.schema.json");
    }

    // The reverse: values.yaml offers nothing the templates ignore. A key counts as used when a
    // template uses it or a map above it (toYaml, range).
    void valuesAreUsed_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : YamlJson::leafPaths(m_values))
            QTest::newRow(qPrintable(path)) << path;
    }

    void valuesAreUsed()
    {
        QFETCH(QString, path);
        const bool used = std::any_of(m_usedPaths.cbegin(), m_usedPaths.cend(), [&](const QString& usedPath) {
            return path == usedPath || path.startsWith(usedPath + u'.');
        });
        QVERIFY2(used, "no template uses it");
    }

    void valuesAreDocumented_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("values.yaml") << chartPath(QStringLiteral("values.yaml"));
        QTest::newRow("values-dev.yaml") << chartPath(QStringLiteral("values-dev.yaml"));
    }

    // Every key has a comment above it, unless a "# --" comment on a key above documents the whole
    // value (a probe, the resources), or it is a map whose keys are all documented.
    void valuesAreDocumented()
    {
        QFETCH(QString, file);
        const QList<KeyDoc> docs = keyDocs(file);
        QStringList undocumented;
        for (const KeyDoc& doc : docs) {
            if (doc.documented)
                continue;
            const bool coveredByAncestor = std::any_of(docs.cbegin(), docs.cend(), [&](const KeyDoc& other) {
                return other.helmDocs && doc.path.startsWith(other.path + u'.');
            });
            const QList<KeyDoc> children = [&] {
                QList<KeyDoc> list;
                for (const KeyDoc& other : docs) {
                    if (other.path.startsWith(doc.path + u'.') && !other.path.mid(doc.path.size() + 1).contains(u'.'))
                        list.append(other);
                }
                return list;
            }();
            const bool groupOfDocumented = !children.isEmpty()
                && std::all_of(children.cbegin(), children.cend(), [](const KeyDoc& c) { return c.documented; });
            if (!coveredByAncestor && !groupOfDocumented)
                undocumented << doc.path;
        }
        QVERIFY2(undocumented.isEmpty(), qPrintable(undocumented.join(u'\n')));
    }

    void readmeListsEveryValue()
    {
        const QString readme = readText(chartPath(QStringLiteral("README.md")));
        QVERIFY(!readme.isEmpty());
        QStringList missing;
        for (const KeyDoc& doc : keyDocs(chartPath(QStringLiteral("values.yaml")))) {
            if (doc.helmDocs && !readme.contains(u'`' + doc.path + u'`'))
                missing << doc.path;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in README.md's table:\n") + missing.join(u'\n')));
    }

    // The keys Quayside's install writes must exist at exactly these paths.
    void quaysideOverrideKeys_data()
    {
        QTest::addColumn<QString>("path");
        for (const char* path : { "backend.image.repository", "backend.image.tag", "frontend.image.repository",
                                  "frontend.image.tag", "secrets.existingSecret", "secrets.checksum" })
            QTest::newRow(path) << QString::fromLatin1(path);
    }

    void quaysideOverrideKeys()
    {
        QFETCH(QString, path);
        QVERIFY(YamlJson::at(m_values, path).isString());
        QVERIFY(JsonSchemaValidator(m_schema).declares(path.split(u'.')));
        QVERIFY2(m_usedPaths.contains(path), "no template uses it");
    }

    // The numbers and names the issue and the deployment plan fix.
    void issueDefaults_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("expected"); // YAML

        const QList<std::pair<const char*, const char*>> rows = {
            { "config.name", "todo-app-config" },
            { "config.environment", "development" },
            { "config.logLevel", "INFO" },
            { "config.corsOrigins", "http://localhost:30000" },
            { "config.frontendUrl", "http://localhost:30000" },
            { "config.mcpServerName", "puretasks-mcp-server" },
            { "config.mcpServerPort", "8001" },
            { "secrets.existingSecret", "todo-app-secrets" },
            { "secrets.checksum", "''" },
            { "backend.name", "backend" },
            { "backend.containerPort", "8000" },
            { "backend.service", "{name: backend-service, type: ClusterIP, port: 8000, nodePort: 30001}" },
            { "backend.resources", "{requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}" },
            { "backend.livenessProbe.httpGet", "{path: /api/health, port: http}" },
            { "backend.readinessProbe.httpGet", "{path: /api/health, port: http}" },
            { "backend.startupProbe.httpGet", "{path: /api/health, port: http}" },
            { "backend.livenessProbe.initialDelaySeconds", "30" },
            { "backend.readinessProbe.initialDelaySeconds", "10" },
            { "backend.strategy", "{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" },
            { "backend.image.pullPolicy", "IfNotPresent" },
            { "backend.podSecurityContext.runAsNonRoot", "true" },
            { "frontend.name", "frontend" },
            { "frontend.containerPort", "3000" },
            { "frontend.service", "{name: frontend-service, type: NodePort, port: 3000, nodePort: 30000}" },
            { "frontend.resources", "{requests: {cpu: 500m, memory: 512Mi}, limits: {cpu: 1000m, memory: 1Gi}}" },
            { "frontend.livenessProbe.httpGet", "{path: /api/health, port: http}" },
            { "frontend.readinessProbe.httpGet", "{path: /api/health, port: http}" },
            { "frontend.livenessProbe.initialDelaySeconds", "20" },
            { "frontend.readinessProbe.initialDelaySeconds", "10" },
            { "frontend.image.pullPolicy", "IfNotPresent" },
            { "frontend.podSecurityContext.runAsNonRoot", "true" },
            { "persistence.enabled", "false" },
            { "persistence.claimName", "backend-uploads" },
            { "persistence.size", "5Gi" },
        };
        for (const auto& [path, expected] : rows)
            QTest::newRow(path) << QString::fromLatin1(path) << QByteArray(expected);
    }

    void issueDefaults()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, expected);
        QCOMPARE(YamlJson::at(m_values, path), YamlJson::toJson(YAML::Load(expected.constData())));
    }

    void secretKeys()
    {
        const QStringList expected = { QStringLiteral("CLOUDINARY_API_KEY"),    QStringLiteral("CLOUDINARY_API_SECRET"),
                                       QStringLiteral("CLOUDINARY_CLOUD_NAME"), QStringLiteral("DATABASE_URL"),
                                       QStringLiteral("GEMINI_API_KEY"),        QStringLiteral("JWT_SECRET"),
                                       QStringLiteral("OPENAI_API_KEY") };
        QCOMPARE(YamlJson::at(m_values, QStringLiteral("secrets.values")).toObject().keys(), expected);
        const QJsonObject schemaKeys
            = YamlJson::at(m_schema, QStringLiteral("properties.secrets.properties.values.properties")).toObject();
        QCOMPARE(schemaKeys.keys(), expected);
        // Defaults hold no secrets.
        for (const QString& key : expected)
            QCOMPARE(YamlJson::at(m_values, QStringLiteral("secrets.values.") + key).toString(), QString());
    }

    void templatesAreWellFormed_data()
    {
        QTest::addColumn<QString>("file");
        for (auto it = m_templates.cbegin(); it != m_templates.cend(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

    void templatesAreWellFormed()
    {
        QFETCH(QString, file);
        const HelmTemplateScanner scanner(m_templates.value(file));
        QVERIFY2(scanner.syntaxErrors().isEmpty(), qPrintable(scanner.syntaxErrors().join(u'\n')));
        QVERIFY2(scanner.blockErrors().isEmpty(), qPrintable(scanner.blockErrors().join(u'\n')));
        QVERIFY2(scanner.nindentErrors().isEmpty(), qPrintable(scanner.nindentErrors().join(u'\n')));
        QVERIFY2(!scanner.usesTemplateAction(), "use include, which can be piped to nindent");
        QVERIFY2(!scanner.usesLookup(), "lookup renders differently in helm template and helm install");

        QStringList defined;
        for (const QString& text : std::as_const(m_templates))
            defined += HelmTemplateScanner(text).definedNames();
        for (const QString& name : scanner.includedNames())
            QVERIFY2(defined.contains(name), qPrintable(QStringLiteral("include of undefined ") + name));

        // Manifests (not helpers or NOTES.txt) land in the release's namespace, also under
        // `helm template -n … | kubectl apply -f -`.
        if (file.endsWith(QStringLiteral(".yaml")))
            QVERIFY2(m_templates.value(file).contains(QStringLiteral("namespace: {{ .Release.Namespace }}")),
                     "no namespace: {{ .Release.Namespace }}");
    }

    void podsRollWhenConfigOrSecretChanges()
    {
        const QString backend = m_templates.value(QStringLiteral("templates/backend-deployment.yaml"));
        QVERIFY(backend.contains(QStringLiteral(
            "checksum/config: {{ include (print $.Template.BasePath \"/configmap.yaml\") . | sha256sum }}")));
        QVERIFY(backend.contains(QStringLiteral(
            "checksum/secret: {{ include (print $.Template.BasePath \"/secret.yaml\") . | sha256sum }}")));
        QVERIFY(backend.contains(QStringLiteral("with .Values.secrets.checksum")));
        QVERIFY(m_templates.value(QStringLiteral("templates/secret.yaml")).startsWith(QStringLiteral("{{- /*")));
        QVERIFY(m_templates.value(QStringLiteral("templates/secret.yaml"))
                    .contains(QStringLiteral("{{- if not .Values.secrets.existingSecret }}")));
    }

    // Deployment selectors cannot change after the first install, so they hold only labels that
    // never change for a release: not the chart or app version.
    void selectorsAreStable()
    {
        const QString helpers = m_templates.value(QStringLiteral("templates/_helpers.tpl"));
        const qsizetype start = helpers.indexOf(QStringLiteral("define \"todo-chatbot.selectorLabels\""));
        QVERIFY(start >= 0);
        const QString selector = helpers.mid(start, helpers.indexOf(QStringLiteral("{{- end }}"), start) - start);
        for (const char* label :
             { "app: ", "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component" })
            QVERIFY2(selector.contains(QLatin1String(label)), label);
        for (const char* label : { "helm.sh/chart", "app.kubernetes.io/version", "managed-by" })
            QVERIFY2(!selector.contains(QLatin1String(label)), label);
        for (const char* label :
             { "helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of",
               "app.kubernetes.io/managed-by", "app.kubernetes.io/component" })
            QVERIFY2(helpers.contains(QLatin1String(label)), label);
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestHelmChart)
#include "TestHelmChart.moc"
