#include "profile/ProfileLoader.h"

#include "profile/ProfileLocator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

namespace {

// A valid profile; tests break one line of it at a time.
const char* kValid = R"(apiVersion: quayside/v1
name: todo-chatbot
namespace: todo-app
source: app
minikube:
  profile: minikube
  cpus: 2
  memory: 4096
  addons: [metrics-server]
images:
  - name: backend
    context: ${source}/backend
    dockerfile: docker/backend/Dockerfile
    repository: todo-backend
  - name: frontend
    context: ${source}/frontend
    dockerfile: docker/frontend/Dockerfile
    repository: todo-frontend
    buildArgs:
      NEXT_PUBLIC_API_URL: http://backend-service:8000
chart:
  path: chart
  release: todo-chatbot
  timeout: 5m
  images:
    backend: {repository: backend.image.repository, tag: backend.image.tag}
    frontend: {repository: frontend.image.repository, tag: frontend.image.tag}
secrets:
  secretName: todo-app-secrets
  items:
    - name: JWT_SECRET
      required: true
      kind: jwt-secret
access:
  service: frontend-service
  nodePort: 30000
healthChecks:
  - name: frontend
    path: /api/health
)";

QList<ProfileError> errorsOf(const QByteArray& yaml, bool checkPaths = false)
{
    QList<ProfileError> errors;
    ProfileLoader::loadString(yaml, QStringLiteral("/p/todo.yaml"), &errors, { {}, checkPaths });
    return errors;
}

} // namespace

class ProfileLoaderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validProfile()
    {
        QList<ProfileError> errors;
        const auto p = ProfileLoader::loadString(kValid, QStringLiteral("/p/todo.yaml"), &errors, { {}, false });
        QVERIFY2(p, qPrintable(ProfileError::join(errors)));
        QCOMPARE(p->name, QStringLiteral("todo-chatbot"));
        QCOMPARE(p->nameSpace, QStringLiteral("todo-app"));
        QCOMPARE(p->minikube.cpus, 2);
        QCOMPARE(p->minikube.memoryMb, 4096);
        QCOMPARE(p->minikube.addons, QStringList { QStringLiteral("metrics-server") });
        QCOMPARE(p->images.size(), 2);
        QCOMPARE(p->contextDirectory(p->images[0]), QStringLiteral("/p/app/backend"));
        QCOMPARE(p->dockerfilePath(p->images[1]), QStringLiteral("/p/docker/frontend/Dockerfile"));
        QCOMPARE(p->images[1].buildArgs.value(QStringLiteral("NEXT_PUBLIC_API_URL")),
                 QStringLiteral("http://backend-service:8000"));
        QCOMPARE(p->chart.timeout, std::chrono::seconds(300));
        QCOMPARE(p->chart.images.value(QStringLiteral("frontend")).tagKey, QStringLiteral("frontend.image.tag"));
        QCOMPARE(p->secrets.secretName, QStringLiteral("todo-app-secrets"));
        QCOMPARE(p->secrets.profile, QStringLiteral("todo-chatbot"));
        QCOMPARE(p->secrets.nameSpace, QStringLiteral("todo-app"));
        QCOMPARE(p->secrets.specs.size(), 1);
        QCOMPARE(p->secrets.specs[0].kind, SecretSpec::Kind::JwtSecret);
        QCOMPARE(p->secrets.specs[0].minimumLength, 32); // the jwt-secret default
        QCOMPARE(p->secrets.specs[0].kubernetesSecret, QStringLiteral("todo-app-secrets"));
        QCOMPARE(p->access.nodePort, 30000);
        QCOMPARE(p->access.mode, Profile::Access::Mode::Auto);
        QCOMPARE(p->healthChecks.size(), 1);
        QCOMPARE(p->healthChecks[0].expectStatus, 200);
    }

    // Each row replaces one line of the valid profile and names the error's line and field.
    void errors_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad namespace") << "namespace: todo-app"
                                       << "namespace: Todo_App" << 3 << "namespace"
                                       << "not a valid Kubernetes namespace";
        QTest::newRow("too few cpus") << "  cpus: 2"
                                      << "  cpus: 1" << 7 << "minikube.cpus"
                                      << "out of range";
        QTest::newRow("memory not a number") << "  memory: 4096"
                                             << "  memory: lots" << 8 << "minikube.memory"
                                             << "expected a whole number";
        QTest::newRow("misspelt key") << "    dockerfile: docker/backend/Dockerfile"
                                      << "    dockerfil: docker/backend/Dockerfile" << 13 << "images[0].dockerfil"
                                      << "unknown field";
        QTest::newRow("tagged repository") << "    repository: todo-frontend"
                                           << "    repository: todo-frontend:latest" << 18 << "images[1].repository"
                                           << "no tag";
        QTest::newRow("duplicate image") << "  - name: frontend"
                                         << "  - name: backend" << 15 << "images[1].name"
                                         << "used by another image";
        QTest::newRow("bad timeout") << "  timeout: 5m"
                                     << "  timeout: five" << 24 << "chart.timeout"
                                     << "expected a duration";
        // Issue 14: the timeout reaches a QTimer (int milliseconds); it must neither wrap nor overflow.
        QTest::newRow("huge timeout") << "  timeout: 5m"
                                      << "  timeout: 999999999h" << 24 << "chart.timeout"
                                      << "out of range (1s to 24h)";
        QTest::newRow("timeout beyond int64") << "  timeout: 5m"
                                              << "  timeout: 99999999999999999999h" << 24 << "chart.timeout"
                                              << "out of range (1s to 24h)";
        QTest::newRow("timeout just over a day") << "  timeout: 5m"
                                                 << "  timeout: 24h1s" << 24 << "chart.timeout"
                                                 << "out of range (1s to 24h)";
        QTest::newRow("fullwidth timeout") << "  timeout: 5m"
                                           << "  timeout: \uFF15m" << 24 << "chart.timeout"
                                           << "expected a duration";
        QTest::newRow("fullwidth memory") << "  memory: 4096"
                                          << "  memory: \uFF14\uFF10\uFF19\uFF16" << 8 << "minikube.memory"
                                          << "expected a whole number";
        QTest::newRow("chart image unknown")
            << "    frontend: {repository: frontend.image.repository, tag: frontend.image.tag}"
            << "    web: {repository: frontend.image.repository, tag: frontend.image.tag}" << 27 << "chart.images.web"
            << "no image named";
        QTest::newRow("secret kind") << "      kind: jwt-secret"
                                     << "      kind: password" << 33 << "secrets.items[0].kind"
                                     << "unknown kind";
        QTest::newRow("nodePort range") << "  nodePort: 30000"
                                        << "  nodePort: 8080" << 36 << "access.nodePort"
                                        << "outside the NodePort range";
        QTest::newRow("health path") << "    path: /api/health"
                                     << "    path: api/health" << 39 << "healthChecks[0].path"
                                     << "must start with /";
        // Issue 14: what reaches the Secret's JSON and the exported script is validated.
        QTest::newRow("secret key") << "      kind: jwt-secret"
                                    << "      kind: jwt-secret\n      key: 'x\"}, \"type\": \"y'" << 34
                                    << "secrets.items[0].key"
                                    << "not a valid Secret key";
        QTest::newRow("health path quote") << "    path: /api/health"
                                           << "    path: /api/health\"; touch x" << 39 << "healthChecks[0].path"
                                           << "may not contain spaces, quotes";
        QTest::newRow("health path control") << "    path: /api/health"
                                             << "    path: \"/api\\thealth\"" << 39 << "healthChecks[0].path"
                                             << "control characters";
        // A missing field points at the block it belongs in (its first line).
        QTest::newRow("missing release") << "  release: todo-chatbot"
                                         << "" << 22 << "chart.release"
                                         << "required field is missing";
    }

    void errors()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, message);
        QString yaml = QString::fromUtf8(kValid);
        QVERIFY2(yaml.contains(from + QLatin1Char('\n')), qPrintable(from));
        yaml.replace(from + QLatin1Char('\n'), to.isEmpty() ? QString() : to + QLatin1Char('\n'));
        const QList<ProfileError> errors = errorsOf(yaml.toUtf8());
        QVERIFY(!errors.isEmpty());
        const ProfileError* match = nullptr;
        for (const ProfileError& e : errors) {
            if (e.field == field)
                match = &e;
        }
        QVERIFY2(match, qPrintable(ProfileError::join(errors)));
        QCOMPARE(match->file, QStringLiteral("/p/todo.yaml"));
        QCOMPARE(match->line, line);
        QVERIFY2(match->message.contains(message), qPrintable(match->message));
        // The one-line form a user sees: file:line:column: field: message.
        QVERIFY2(match->toString().startsWith(QStringLiteral("/p/todo.yaml:%1:").arg(line)),
                 qPrintable(match->toString()));
        QVERIFY(match->toString().contains(field + QStringLiteral(": ")));
    }

    void everyProblemIsReported()
    {
        QString yaml = QString::fromUtf8(kValid);
        yaml.replace(QStringLiteral("  cpus: 2"), QStringLiteral("  cpus: 1"));
        yaml.replace(QStringLiteral("  nodePort: 30000"), QStringLiteral("  nodePort: 1"));
        QCOMPARE(errorsOf(yaml.toUtf8()).size(), 2);
    }

    void syntaxErrorHasLine()
    {
        const QList<ProfileError> errors = errorsOf("name: x\nimages: [a, b\nchart: {}\n");
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].line >= 2);
        QVERIFY(errors[0].message.startsWith(QStringLiteral("not valid YAML")));
    }

    void pathsAreChecked()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("app/backend"));
        QDir(dir.path()).mkpath(QStringLiteral("docker/backend"));
        QFile(dir.filePath(QStringLiteral("docker/backend/Dockerfile"))).open(QIODevice::WriteOnly);
        const QString file = dir.filePath(QStringLiteral("todo.yaml"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(kValid);
        out.close();
        QList<ProfileError> errors;
        QVERIFY(!ProfileLoader::loadFile(file, &errors, { {}, true }));
        QStringList fields;
        for (const ProfileError& e : errors)
            fields << e.field;
        // The frontend context and Dockerfile and the chart are missing; the backend's are there.
        QCOMPARE(fields,
                 (QStringList { QStringLiteral("images[1].context"), QStringLiteral("images[1].dockerfile"),
                                QStringLiteral("chart.path") }));
        QCOMPARE(errors[0].line, 16); // where images[1].context is written
    }

    void missingSourceIsExplained()
    {
        QString yaml = QString::fromUtf8(kValid);
        yaml.replace(QStringLiteral("source: app\n"), QString());
        const QList<ProfileError> errors = errorsOf(yaml.toUtf8(), true);
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors[0].field, QStringLiteral("source"));
        QVERIFY(errors[0].message.contains(QStringLiteral("--source")));
    }

    void sourceOverride()
    {
        QList<ProfileError> errors;
        const auto p = ProfileLoader::loadString(kValid, QStringLiteral("/p/todo.yaml"), &errors,
                                                 { QStringLiteral("/src/todo"), false });
        QVERIFY(p);
        QCOMPARE(p->contextDirectory(p->images[0]), QStringLiteral("/src/todo/backend"));
    }

    void shippedProfileIsValid()
    {
        const QString path = ProfileLocator::shippedProfile();
        QVERIFY2(!path.isEmpty(), "resources/profiles/todo-chatbot.yaml not found");
        QList<ProfileError> errors;
        const auto p = ProfileLoader::loadFile(path, &errors, { {}, false });
        QVERIFY2(p, qPrintable(ProfileError::join(errors)));
        QCOMPARE(p->rootDirectory(), QDir::cleanPath(QStringLiteral(QUAYSIDE_SOURCE_DIR)));
        QCOMPARE(p->dockerfilePath(p->images[0]), QStringLiteral(QUAYSIDE_SOURCE_DIR "/docker/backend/Dockerfile"));
        QCOMPARE(p->chartPath(), QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/helm/todo-chatbot"));
        QCOMPARE(p->secrets.specs.size(), 7);
        QVERIFY(p->needsSource());
        // The specs match the secrets library's built-in ones (what `quayside secrets` knows).
        const SecretSpecs builtIn = SecretSpecs::todoChatbot();
        QCOMPARE(p->secrets.names(), builtIn.names());
        for (const SecretSpec& spec : builtIn.specs) {
            const SecretSpec* mine = p->secrets.find(spec.name);
            QVERIFY(mine);
            QCOMPARE(mine->required, spec.required);
            QCOMPARE(mine->kind, spec.kind);
            QCOMPARE(mine->kubernetesSecret, spec.kubernetesSecret);
        }
    }
};

QTEST_GUILESS_MAIN(ProfileLoaderTest)
#include "ProfileLoaderTest.moc"
