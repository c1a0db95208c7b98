#include "kube/KubeconfigLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside::kube;

using Files = QMap<QString, QString>;

namespace {

const QString kFixtures = QStringLiteral(QUAYSIDE_TESTS_DIR "/kube/fixtures");

QByteArray fixture(const QString& name)
{
    QFile file(kFixtures + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// A kubeconfig in minikube's shape; `user` and `cluster` are the indented bodies.
QString kubeconfig(const QString& cluster, const QString& user, const QString& contextExtra = QString(),
                   const QString& current = QStringLiteral("minikube"))
{
    return QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n%1\n  name: minikube\n"
                          "contexts:\n- context:\n    cluster: minikube\n    user: minikube\n%3  name: minikube\n"
                          "current-context: %4\nusers:\n- name: minikube\n  user:\n%2\n")
        .arg(cluster, user, contextExtra, current);
}

const QString kCluster
    = QStringLiteral("    certificate-authority: {FIX}/ca.crt\n    server: https://192.168.49.2:8443\n"
                     "    extensions:\n    - extension: {provider: minikube.sigs.k8s.io, version: v1.36.0}\n"
                     "      name: cluster_info");
const QString kUser = QStringLiteral("    client-certificate: {FIX}/client.crt\n    client-key: {FIX}/client.key");

} // namespace

class KubeconfigTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Writes files named in `files` ("name" -> content) with {FIX} and {DIR} expanded.
    void writeFiles(const QMap<QString, QString>& files)
    {
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QString path = m_dir.filePath(it.key());
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QString content = it.value();
            content.replace(QStringLiteral("{FIX}"), kFixtures).replace(QStringLiteral("{DIR}"), m_dir.path());
            file.write(content.toUtf8());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Fixtures copied next to kubeconfigs for the relative-path cases.
        QDir().mkpath(m_dir.filePath(QStringLiteral("rel/certs")));
        for (const char* name : { "ca.crt", "client.crt", "client.key" }) {
            QFile::remove(m_dir.filePath(QStringLiteral("rel/certs/") + QLatin1String(name)));
            QVERIFY(QFile::copy(kFixtures + QLatin1Char('/') + QLatin1String(name),
                                m_dir.filePath(QStringLiteral("rel/certs/") + QLatin1String(name))));
        }
    }

    void load_data()
    {
        QTest::addColumn<Files>("files");
        QTest::addColumn<QString>("explicitPath"); // --kubeconfig, relative to the temp dir
        QTest::addColumn<QString>("env"); // $KUBECONFIG, names relative to the temp dir, ':'-separated
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("nameSpace");
        // Expectations: empty error = success.
        QTest::addColumn<QString>("error"); // substrings separated by '|'
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("expectContext");
        QTest::addColumn<QString>("expectNamespace");
        QTest::addColumn<bool>("clientCertificate");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("insecure");

        const QString minikube = kubeconfig(kCluster, kUser);
        const QString server = QStringLiteral("https://192.168.49.2:8443");

        QTest::newRow("minikube's shape") << Files { { "config", minikube } } << "config"
                                          << ""
                                          << ""
                                          << ""
                                          << "" << server << "minikube"
                                          << "default" << true << "" << false;
        QTest::newRow("namespace from the context")
            << Files { { "config", kubeconfig(kCluster, kUser, QStringLiteral("    namespace: todo-app\n")) } }
            << "config"
            << ""
            << ""
            << ""
            << "" << server << "minikube"
            << "todo-app" << true << "" << false;
        QTest::newRow("-n wins over the context")
            << Files { { "config", kubeconfig(kCluster, kUser, QStringLiteral("    namespace: todo-app\n")) } }
            << "config"
            << ""
            << ""
            << "other"
            << "" << server << "minikube"
            << "other" << true << "" << false;
        QTest::newRow("paths relative to the kubeconfig")
            << Files { { "rel/config",
                         kubeconfig(
                             QStringLiteral("    certificate-authority: certs/ca.crt\n    server: https://127.0.0.1:1"),
                             QStringLiteral(
                                 "    client-certificate: ./certs/client.crt\n    client-key: certs/client.key")) } }
            << "rel/config"
            << ""
            << ""
            << ""
            << ""
            << "https://127.0.0.1:1"
            << "minikube"
            << "default" << true << "" << false;
        QTest::newRow("Windows backslashes")
            << Files { { "rel/config",
                         kubeconfig(
                             QStringLiteral(
                                 "    certificate-authority: certs\\ca.crt\n    server: https://127.0.0.1:1"),
                             QStringLiteral(
                                 "    client-certificate: .\\certs\\client.crt\n    client-key: certs\\client.key")) } }
            << "rel/config"
            << ""
            << ""
            << ""
            << ""
            << "https://127.0.0.1:1"
            << "minikube"
            << "default" << true << "" << false;
        const QString caData = QString::fromLatin1(fixture(QStringLiteral("ca.crt")).toBase64());
        const QString certData = QString::fromLatin1(fixture(QStringLiteral("client-rsa.crt")).toBase64());
        const QString keyData = QString::fromLatin1(fixture(QStringLiteral("client-rsa.key")).toBase64());
        QTest::newRow("embedded *-data, RSA key")
            << Files { { "config",
                         kubeconfig(
                             QStringLiteral("    certificate-authority-data: %1\n    server: https://10.0.0.1:6443")
                                 .arg(caData),
                             QStringLiteral("    client-certificate-data: %1\n    client-key-data: %2")
                                 .arg(certData, keyData)) } }
            << "config"
            << ""
            << ""
            << ""
            << ""
            << "https://10.0.0.1:6443"
            << "minikube"
            << "default" << true << "" << false;
        QTest::newRow("token and insecure-skip-tls-verify")
            << Files { { "config",
                         kubeconfig(
                             QStringLiteral("    insecure-skip-tls-verify: true\n    server: https://10.0.0.1:6443"),
                             QStringLiteral("    token: s3cr3t-token-value")) } }
            << "config"
            << ""
            << ""
            << ""
            << ""
            << "https://10.0.0.1:6443"
            << "minikube"
            << "default" << false << "s3cr3t-token-value" << true;
        QTest::newRow("$KUBECONFIG merges, first wins")
            << Files { { "a.yaml",
                         QStringLiteral(
                             "clusters:\n- name: minikube\n  cluster: {server: 'https://first:1'}\n"
                             "contexts:\n- name: dev\n  context: {cluster: minikube, user: u, namespace: a}\n"
                             "users:\n- name: u\n  user: {token: tok-first}\n") },
                       { "b.yaml",
                         QStringLiteral(
                             "clusters:\n- name: minikube\n  cluster: {server: 'https://second:1'}\n"
                             "contexts:\n- name: dev\n  context: {cluster: minikube, user: u, namespace: b}\n"
                             "current-context: dev\nusers:\n- name: u\n  user: {token: tok-second}\n") } }
            << ""
            << "a.yaml:b.yaml"
            << ""
            << ""
            << ""
            << "https://first:1"
            << "dev"
            << "a" << false << "tok-first" << false;
        QTest::newRow("$KUBECONFIG skips missing files") << Files { { "only.yaml", minikube } } << ""
                                                         << "missing.yaml:only.yaml"
                                                         << ""
                                                         << ""
                                                         << "" << server << "minikube"
                                                         << "default" << true << "" << false;
        QTest::newRow("unknown --context") << Files { { "config", minikube } } << "config"
                                           << ""
                                           << "staging"
                                           << ""
                                           << "context \"staging\" not found|minikube"
                                           << ""
                                           << ""
                                           << "" << false << "" << false;
        QTest::newRow("current-context names a missing context")
            << Files { { "config", kubeconfig(kCluster, kUser, {}, QStringLiteral("gone")) } } << "config"
            << ""
            << ""
            << ""
            << "config: current-context: context \"gone\" not found"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("no current-context")
            << Files { { "config", kubeconfig(kCluster, kUser, {}, QStringLiteral("\"\"")) } } << "config"
            << ""
            << ""
            << ""
            << "current-context is not set"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("--kubeconfig that does not exist") << Files {} << "nowhere/config"
                                                          << ""
                                                          << ""
                                                          << ""
                                                          << "cannot read kubeconfig|nowhere/config|no such file"
                                                          << ""
                                                          << ""
                                                          << "" << false << "" << false;
        QTest::newRow("missing client certificate file names file and field")
            << Files { { "config",
                         kubeconfig(
                             kCluster,
                             QStringLiteral(
                                 "    client-certificate: /nope/client.crt\n    client-key: {FIX}/client.key")) } }
            << "config"
            << ""
            << ""
            << ""
            << "config: user \"minikube\": client-certificate: cannot read /nope/client.crt"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("missing CA file")
            << Files { { "config",
                         kubeconfig(QStringLiteral("    certificate-authority: /nope/ca.crt\n    server: https://x:1"),
                                    kUser) } }
            << "config"
            << ""
            << ""
            << ""
            << "cluster \"minikube\": certificate-authority: cannot read /nope/ca.crt"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("key without certificate")
            << Files { { "config", kubeconfig(kCluster, QStringLiteral("    client-key: {FIX}/client.key")) } }
            << "config"
            << ""
            << ""
            << ""
            << "client-key is set but client-certificate is missing"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("a certificate that is not PEM")
            << Files { { "config",
                         kubeconfig(
                             kCluster,
                             QStringLiteral(
                                 "    client-certificate: {FIX}/client.key\n    client-key: {FIX}/client.key")) } }
            << "config"
            << ""
            << ""
            << ""
            << "client-certificate {FIX}/client.key: not a PEM certificate"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("bad base64")
            << Files { { "config",
                         kubeconfig(QStringLiteral("    certificate-authority-data: '%%%'\n    server: https://x:1"),
                                    kUser) } }
            << "config"
            << ""
            << ""
            << ""
            << "cluster \"minikube\": certificate-authority-data: is not valid base64"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("invalid YAML names file and line")
            << Files { { "config", QStringLiteral("clusters:\n- name: a\n  cluster: [unclosed\n") } } << "config"
            << ""
            << ""
            << ""
            << "config: line|not valid YAML"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("not a mapping") << Files { { "config", QStringLiteral("- just\n- a list\n") } } << "config"
                                       << ""
                                       << ""
                                       << ""
                                       << "not a kubeconfig"
                                       << ""
                                       << ""
                                       << "" << false << "" << false;
        QTest::newRow("cluster without server")
            << Files { { "config", kubeconfig(QStringLiteral("    insecure-skip-tls-verify: true"), kUser) } }
            << "config"
            << ""
            << ""
            << ""
            << "cluster \"minikube\": server is missing"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("server that is not a URL")
            << Files { { "config", kubeconfig(QStringLiteral("    server: 192.168.49.2:8443"), kUser) } } << "config"
            << ""
            << ""
            << ""
            << "is not an http(s) URL"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("entry without a name")
            << Files { { "config", QStringLiteral("clusters:\n- cluster: {server: 'https://a:1'}\n") } } << "config"
            << ""
            << ""
            << ""
            << "clusters[0]: has no name"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("tokenFile that does not exist")
            << Files { { "config",
                         kubeconfig(QStringLiteral("    server: https://x:1"),
                                    QStringLiteral("    tokenFile: tokens/none")) } }
            << "config"
            << ""
            << ""
            << ""
            << "tokenFile: cannot read {DIR}/tokens/none"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("exec without apiVersion")
            << Files { { "config",
                         kubeconfig(QStringLiteral("    server: https://x:1"),
                                    QStringLiteral("    exec:\n      command: aws")) } }
            << "config"
            << ""
            << ""
            << ""
            << "user \"minikube\": exec.apiVersion: is missing"
            << ""
            << ""
            << "" << false << "" << false;
        QTest::newRow("auth-provider is not supported")
            << Files { { "config",
                         kubeconfig(QStringLiteral("    server: https://x:1"),
                                    QStringLiteral("    auth-provider:\n      name: gcp")) } }
            << "config"
            << ""
            << ""
            << ""
            << "auth-provider \"gcp\" is not supported"
            << ""
            << ""
            << "" << false << "" << false;
    }

    void load()
    {
        QFETCH(Files, files);
        QFETCH(QString, explicitPath);
        QFETCH(QString, env);
        QFETCH(QString, context);
        QFETCH(QString, nameSpace);
        QFETCH(QString, error);
        QFETCH(QString, server);
        QFETCH(QString, expectContext);
        QFETCH(QString, expectNamespace);
        QFETCH(bool, clientCertificate);
        QFETCH(QString, token);
        QFETCH(bool, insecure);

        writeFiles(files);
        KubeconfigLoader::Options options;
        if (!explicitPath.isEmpty())
            options.explicitPath = m_dir.filePath(explicitPath);
        QStringList envFiles;
        for (const QString& f : env.split(QLatin1Char(':'), Qt::SkipEmptyParts))
            envFiles.append(m_dir.filePath(f));
        options.kubeconfigEnv = envFiles.join(QLatin1Char(':'));
        options.homeDirectory = m_dir.filePath(QStringLiteral("home"));
        options.context = context;
        options.nameSpace = nameSpace;

        QString message;
        const auto config = KubeconfigLoader::load(options, &message);
        if (!error.isEmpty()) {
            QVERIFY2(!config, "expected an error");
            for (QString part : error.split(QLatin1Char('|'))) {
                part.replace(QStringLiteral("{FIX}"), kFixtures).replace(QStringLiteral("{DIR}"), m_dir.path());
                QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(message, part)));
            }
            return;
        }
        QVERIFY2(config, qPrintable(message));
        QCOMPARE(config->server.toString(), server);
        QCOMPARE(config->contextName, expectContext);
        QCOMPARE(config->nameSpace, expectNamespace);
        QCOMPARE(config->hasClientCertificate(), clientCertificate);
        QCOMPARE(config->bearerToken, token);
        QCOMPARE(config->insecureSkipTlsVerify, insecure);
        if (!insecure && server.startsWith(QLatin1String("https://192")))
            QCOMPARE(config->caCertificates.size(), 1);
    }

    void contextOverride()
    {
        writeFiles({ { QStringLiteral("two"),
                       QStringLiteral("clusters:\n- name: a\n  cluster: {server: 'https://a:1'}\n- name: b\n  cluster: "
                                      "{server: 'https://b:2'}\n"
                                      "contexts:\n- name: ca\n  context: {cluster: a, namespace: na}\n- name: cb\n  "
                                      "context: {cluster: b, namespace: nb}\n"
                                      "current-context: ca\n") } });
        KubeconfigLoader::Options options;
        options.explicitPath = m_dir.filePath(QStringLiteral("two"));
        QString error;
        auto config = KubeconfigLoader::load(options, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->server.host(), QStringLiteral("a"));
        QCOMPARE(config->nameSpace, QStringLiteral("na"));
        options.context = QStringLiteral("cb");
        config = KubeconfigLoader::load(options, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->server.host(), QStringLiteral("b"));
        QCOMPARE(config->nameSpace, QStringLiteral("nb"));
        QCOMPARE(config->contextName, QStringLiteral("cb"));
        QVERIFY(config->userName.isEmpty()); // no user: anonymous
    }

    void homeConfigIsTheDefault()
    {
        writeFiles({ { QStringLiteral("home2/.kube/config"), kubeconfig(kCluster, kUser) } });
        KubeconfigLoader::Options options;
        options.kubeconfigEnv = QString();
        options.homeDirectory = m_dir.filePath(QStringLiteral("home2"));
        QCOMPARE(KubeconfigLoader::candidateFiles(options),
                 QStringList { m_dir.filePath(QStringLiteral("home2/.kube/config")) });
        QString error;
        QVERIFY2(KubeconfigLoader::load(options, &error), qPrintable(error));

        options.homeDirectory = m_dir.filePath(QStringLiteral("nohome"));
        QVERIFY(!KubeconfigLoader::load(options, &error));
        QVERIFY2(error.contains(QLatin1String("no kubeconfig found"))
                     && error.contains(QLatin1String("minikube start")),
                 qPrintable(error));
    }

    void execConfig()
    {
        writeFiles(
            { { QStringLiteral("exec/config"),
                kubeconfig(
                    QStringLiteral("    server: https://x:1"),
                    QStringLiteral(
                        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./bin/plugin\n"
                        "      args: [get-token, --cluster, dev]\n      env:\n      - {name: FOO, value: bar}\n"
                        "      installHint: install the plugin\n      provideClusterInfo: true")) } });
        KubeconfigLoader::Options options;
        options.explicitPath = m_dir.filePath(QStringLiteral("exec/config"));
        QString error;
        const auto config = KubeconfigLoader::load(options, &error);
        QVERIFY2(config, qPrintable(error));
        QVERIFY(config->exec);
        QCOMPARE(config->exec->command, m_dir.filePath(QStringLiteral("exec/bin/plugin")));
        QCOMPARE(config->exec->args, (QStringList { "get-token", "--cluster", "dev" }));
        QCOMPARE(config->exec->env.value(0).first, QStringLiteral("FOO"));
        QCOMPARE(config->exec->env.value(0).second, QStringLiteral("bar"));
        QVERIFY(config->exec->provideClusterInfo);
        QCOMPARE(config->exec->installHint, QStringLiteral("install the plugin"));
    }

    void bareExecCommandStaysOnPath()
    {
        writeFiles({ { QStringLiteral("exec2"),
                       kubeconfig(QStringLiteral("    server: https://x:1"),
                                  QStringLiteral("    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n  "
                                                 "    command: gke-gcloud-auth-plugin")) } });
        KubeconfigLoader::Options options;
        options.explicitPath = m_dir.filePath(QStringLiteral("exec2"));
        QString error;
        const auto config = KubeconfigLoader::load(options, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->exec->command, QStringLiteral("gke-gcloud-auth-plugin"));
    }
};

QTEST_GUILESS_MAIN(KubeconfigTest)
#include "KubeconfigTest.moc"
