#include "kube/ExecCredentialProvider.h"

#include "KubeTestSupport.h"
#include "core/Log.h"
#include "core/Redactor.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kubeapi/FakeApiServer.h"
#include "process/ProcessToolRunner.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;
using quayside::test::RecordedRequest;

// The exec credential plugin protocol with a real child process: a shell script playing the plugin
// counts its runs in a file, so the test sees exactly when the cached token is reused and renewed.
class ExecCredentialProviderTest : public QObject
{
    Q_OBJECT
private:
    FakeApiServer m_server;
    QTemporaryDir m_dir;
    ProcessToolRunner m_runner;

    QString writePlugin(const QString& name, const QString& body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write plugin");
        file.write(QStringLiteral("#!/bin/sh\necho run >> \"%1.runs\"\n%2").arg(path, body).toUtf8());
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    int runs(const QString& plugin) const
    {
        QFile file(plugin + QStringLiteral(".runs"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return static_cast<int>(file.readAll().count('\n'));
    }

    RestConfig execConfig(const QString& plugin,
                          const QString& apiVersion = QStringLiteral("client.authentication.k8s.io/v1"))
    {
        RestConfig config = loadConfig(m_server.kubeconfigPath());
        config.clientCertificate = QSslCertificate();
        config.clientKey = QSslKey();
        Kubeconfig::ExecConfig exec;
        exec.apiVersion = apiVersion;
        exec.command = plugin;
        exec.env = { { QStringLiteral("PLUGIN_GREETING"), QStringLiteral("hello") } };
        exec.installHint = QStringLiteral("install it with: apt install the-plugin");
        config.exec = exec;
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(serverOptions()), qPrintable(m_server.errorString()));
        m_server.addBearerToken(QStringLiteral("exec-token-1"), QStringLiteral("exec-user"));
    }

    void parseOutput_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("error"); // empty: valid
        QTest::newRow("token with expiry") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2030-01-01T00:00:00Z"}})")
                                           << "";
        QTest::newRow("token without expiry") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}})")
                                              << "";
        QTest::newRow("not JSON") << QByteArray("Please log in first") << "stdout is not a JSON object";
        QTest::newRow("wrong kind") << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret"})")
                                    << "kind is not ExecCredential";
        QTest::newRow("apiVersion mismatch") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}})")
                                             << "does not match the kubeconfig's client.authentication.k8s.io/v1";
        QTest::newRow("no credential") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})")
                                       << "neither a token nor a client certificate";
        QTest::newRow("bad expiry") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}})")
                                    << "is not RFC 3339";
        QTest::newRow("certificate without key") << QByteArray(
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x"}})")
                                                 << "must be given together";
    }
    void parseOutput()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, error);
        QString message;
        const auto credential
            = ExecCredentialProvider::parseOutput(output, QStringLiteral("client.authentication.k8s.io/v1"), &message);
        QCOMPARE(credential.has_value(), error.isEmpty());
        if (!error.isEmpty())
            QVERIFY2(message.contains(error), qPrintable(message));
    }

    // The token is fetched once, reused until its expirationTimestamp, fetched again after it.
    void cachedUntilExpiry()
    {
        ManualClock clock(QDateTime::fromString(QStringLiteral("2030-01-01T00:00:00Z"), Qt::ISODate));
        const QString plugin = writePlugin(
            QStringLiteral("expiring"),
            QStringLiteral(
                "test \"$PLUGIN_GREETING\" = hello || exit 3\n"
                "case \"$KUBERNETES_EXEC_INFO\" in *ExecCredential*) ;; *) exit 4;; esac\n"
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                "\"status\":{\"token\":\"exec-token-1\",\"expirationTimestamp\":\"2030-01-01T00:10:00Z\"}}'\n"));
        KubeClient client(execConfig(plugin));
        client.setClock(&clock);
        client.setToolRunner(&m_runner);
        // Two concurrent requests share one run.
        std::unique_ptr<KubeReply> a(client.get(QStringLiteral("/api/v1/namespaces")));
        a->setAutoDelete(false);
        std::unique_ptr<KubeReply> b(await(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"))));
        await(a.get());
        QVERIFY2(a->ok(), qPrintable(a->error().message()));
        QVERIFY2(b->ok(), qPrintable(b->error().message()));
        QCOMPARE(runs(plugin), 1);
        QCOMPARE(m_server.requests().last().auth, RecordedRequest::Auth::BearerToken);
        QCOMPARE(m_server.requests().last().user, QStringLiteral("exec-user"));

        clock.advance(std::chrono::minutes(9));
        std::unique_ptr<KubeReply> c(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QVERIFY(c->ok());
        QCOMPARE(runs(plugin), 1); // still valid

        clock.advance(std::chrono::minutes(1));
        std::unique_ptr<KubeReply> d(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QVERIFY(d->ok());
        QCOMPARE(runs(plugin), 2); // expired at 00:10: the plugin ran again
    }

    // A token the server rejects is dropped from the cache: the next request runs the plugin again.
    void unauthorizedInvalidates()
    {
        const QString plugin = writePlugin(
            QStringLiteral("rejected"),
            QStringLiteral("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                           "\"status\":{\"token\":\"not-a-known-token\"}}'\n"));
        KubeClient client(execConfig(plugin));
        client.setToolRunner(&m_runner);
        std::unique_ptr<KubeReply> a(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QCOMPARE(a->httpStatus(), 401);
        std::unique_ptr<KubeReply> b(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QCOMPARE(runs(plugin), 2);
    }

    void pluginFailures_data()
    {
        QTest::addColumn<QString>("body"); // empty: the plugin does not exist
        QTest::addColumn<QString>("error");
        QTest::newRow("not installed")
            << ""
            << "exec credential plugin \"{PLUGIN}\" not found: install it with: apt install the-plugin";
        QTest::newRow("fails") << "echo 'error: you must log in' >&2\nexit 1\n"
                               << "exec credential plugin failing failed: exit code 1: error: you must log in";
        QTest::newRow("prints garbage") << "echo hello\n"
                                        << "returned an invalid ExecCredential: stdout is not a JSON object";
    }
    void pluginFailures()
    {
        QFETCH(QString, body);
        QFETCH(QString, error);
        QString plugin = m_dir.filePath(QStringLiteral("missing-plugin"));
        if (!body.isEmpty())
            plugin = writePlugin(QStringLiteral("failing"), body);
        KubeClient client(execConfig(plugin));
        client.setToolRunner(&m_runner);
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QCOMPARE(reply->error().kind(), KubeError::Kind::Config);
        error.replace(QStringLiteral("{PLUGIN}"), plugin);
        QVERIFY2(reply->error().message().contains(error), qPrintable(reply->error().message()));
    }

    // A plugin that prints a perfectly good ExecCredential and then exits 1: its stdout is the
    // token, so neither the error nor the log may quote it; the reason comes from stderr alone.
    void failingPluginDoesNotLeakToken_data()
    {
        QTest::addColumn<QString>("stderrLine");
        QTest::newRow("nothing on stderr") << "";
        QTest::newRow("a reason on stderr") << "error: refresh failed";
    }
    void failingPluginDoesNotLeakToken()
    {
        QFETCH(QString, stderrLine);
        const QString token = QStringLiteral("leaky-exec-token-0123456789");
        QTemporaryDir logDir;
        log::initialize({ .directory = logDir.path(), .verbose = true, .toStderr = false });
        QString body
            = QStringLiteral("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                             "\"status\":{\"token\":\"%1\"}}'\n")
                  .arg(token);
        if (!stderrLine.isEmpty())
            body += QStringLiteral("echo '%1' >&2\n").arg(stderrLine);
        body += QStringLiteral("exit 1\n");
        const QString plugin = writePlugin(QStringLiteral("leaky"), body);
        KubeClient client(execConfig(plugin));
        client.setToolRunner(&m_runner);
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QCOMPARE(reply->error().kind(), KubeError::Kind::Config);
        const QString message = reply->error().message();
        spdlog::warn("request failed: {}", log::str(message)); // as a caller would log it
        log::flush();
        QVERIFY2(!message.contains(token), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("exec credential plugin leaky failed: exit code 1")),
                 qPrintable(message));
        if (!stderrLine.isEmpty())
            QVERIFY2(message.contains(stderrLine), qPrintable(message));
        QFile file(log::logFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(!text.contains(token.toUtf8()), text.constData());
        QVERIFY2(text.contains("request failed: exec credential plugin leaky failed"), text.constData());
        // Known to the redactor although it was never accepted: any later line quoting it is masked.
        QCOMPARE(Redactor::instance().redact(token), QStringLiteral("***"));
        Redactor::instance().forgetAll();
    }
};

QTEST_GUILESS_MAIN(ExecCredentialProviderTest)
#include "ExecCredentialProviderTest.moc"
