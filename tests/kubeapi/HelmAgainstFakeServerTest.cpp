// Proves the fake API server speaks what the real Helm needs, the way KubectlAgainstFakeServerTest does
// for kubectl: Helm 3 and Helm 4 (tests/support/install-helm.sh) install the repository's chart with
// client-side validation on, wait for it (Helm 3's readiness checks, Helm 4's kstatus watcher), upgrade,
// roll back, fail and roll back by themselves, and uninstall. Helm 4 applies server-side, so its
// conflicts with another field manager are shown too. The server runs on its own thread while this one
// waits for helm; every helm gets its own process group, killed at the end.
#include "ApiTestClient.h"
#include "FakeApiServerThread.h"
#include "support/HelmBinaries.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace quayside::test;

namespace {

const QString ns = QStringLiteral("todo-app");
const QString chart = QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/helm/todo-chatbot");

QJsonObject podTemplate(const QJsonObject& deployment)
{
    return deployment.value(QStringLiteral("spec")).toObject().value(QStringLiteral("template")).toObject();
}

QString imageOf(const QJsonObject& deployment)
{
    return podTemplate(deployment)
        .value(QStringLiteral("spec"))
        .toObject()
        .value(QStringLiteral("containers"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("image"))
        .toString();
}

qint64 generationOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("generation")).toInteger();
}

} // namespace

class HelmAgainstFakeServerTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeApiServerThread> m_fake;
    QTemporaryDir m_home;
    QString m_helm;
    bool m_four = false;
    QString m_output;

    FakeApiServer* server() const { return m_fake->server(); }

    // helm with the server's kubeconfig; true when it exited 0. m_output: what it printed.
    bool helm(const QStringList& arguments, int timeoutMs = 60000)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* variable : { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            environment.insert(QString::fromLatin1(variable), m_home.filePath(QString::fromLatin1(variable)));
        process.setProcessEnvironment(environment);
        process.setChildProcessModifier([] { ::setpgid(0, 0); });
        process.start(
            m_helm,
            arguments
                + QStringList { QStringLiteral("-n"), ns, QStringLiteral("--kubeconfig"), server()->kubeconfigPath() });
        const bool finished = process.waitForFinished(timeoutMs);
        if (!finished && process.processId() > 0) {
            ::kill(-static_cast<pid_t>(process.processId()), SIGKILL);
            process.waitForFinished(5000);
        }
        m_output = QString::fromUtf8(process.readAll());
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    QString describe(const QStringList& arguments) const
    {
        return QStringLiteral("helm %1:\n%2").arg(arguments.join(QLatin1Char(' ')), m_output);
    }
    // upgrade --install with the strategy each version waits with, and its own rollback flag.
    QStringList upgrade(const QStringList& extra, const QString& timeout = QStringLiteral("60s")) const
    {
        return QStringList { QStringLiteral("upgrade"),
                             QStringLiteral("--install"),
                             QStringLiteral("todo-chatbot"),
                             chart,
                             QStringLiteral("--create-namespace"),
                             QStringLiteral("-f"),
                             chart + QStringLiteral("/values-dev.yaml"),
                             m_four ? QStringLiteral("--wait=watcher") : QStringLiteral("--wait"),
                             m_four ? QStringLiteral("--rollback-on-failure") : QStringLiteral("--atomic"),
                             QStringLiteral("--timeout"),
                             timeout }
        + extra;
    }
    QJsonObject deployment(const QString& name) const
    {
        return server()->object(QStringLiteral("deployments"), ns, name).value_or(QJsonObject());
    }
    QJsonArray history()
    {
        if (!helm({ QStringLiteral("history"), QStringLiteral("todo-chatbot"), QStringLiteral("-o"),
                    QStringLiteral("json") }))
            return {};
        return QJsonDocument::fromJson(m_output.toUtf8()).array();
    }

    // A server for the current row's helm (the caller checked it is there with QUAYSIDE_REQUIRE_HELM).
    bool start(const QString& helmPath)
    {
        m_helm = helmPath;
        m_four = QByteArray(QTest::currentDataTag()) == "helm4";
        m_fake = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        options.scenario = Scenario::named(QStringLiteral("empty"));
        options.contextNamespace = ns;
        return m_fake->start(options);
    }

    static void helms()
    {
        QTest::addColumn<QString>("helmPath");
        QTest::newRow("helm3") << helmBinary(3);
        QTest::newRow("helm4") << helmBinary(4);
    }

private Q_SLOTS:
    void cleanup() { m_fake.reset(); }

    void lifecycle_data() { helms(); }
    void lifecycle()
    {
        QFETCH(QString, helmPath);
        QUAYSIDE_REQUIRE_HELM(helmPath);
        QVERIFY2(start(helmPath), qPrintable(server()->errorString()));
        const QStringList install = upgrade({});
        QVERIFY2(helm(install), qPrintable(describe(install)));
        QVERIFY2(m_output.contains(QStringLiteral("STATUS: deployed")), qPrintable(m_output));
        QVERIFY2(!m_output.contains(QStringLiteral("deprecated")), qPrintable(m_output));
        QCOMPARE(imageOf(deployment(QStringLiteral("backend"))), QStringLiteral("todo-backend:1.0.0"));
        QCOMPARE(server()->podsMatching(ns, QStringLiteral("app=backend"), true).size(), 1);
        const auto claim
            = server()->object(QStringLiteral("persistentvolumeclaims"), ns, QStringLiteral("backend-uploads"));
        QVERIFY(claim);
        QCOMPARE(claim->value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString(),
                 QStringLiteral("Bound"));

        // The chart's test hook: a bare pod that runs to completion, then deleted (hook-succeeded).
        const QStringList test { QStringLiteral("test"), QStringLiteral("todo-chatbot"), QStringLiteral("--timeout"),
                                 QStringLiteral("30s") };
        QVERIFY2(helm(test), qPrintable(describe(test)));
        QVERIFY2(m_output.contains(QStringLiteral("Succeeded")), qPrintable(m_output));
        QTRY_VERIFY(!server()->object(QStringLiteral("pods"), ns, QStringLiteral("todo-chatbot-test-health")));
        bool created = false; // Helm 3 POSTs it, Helm 4 applies it
        for (const RecordedRequest& request : server()->requestsMatching(QString(), QStringLiteral("/pods")))
            created = created || request.status == 201;
        QVERIFY(created);

        const QStringList changed = upgrade({ QStringLiteral("--set"), QStringLiteral("backend.image.tag=v2") });
        QVERIFY2(helm(changed), qPrintable(describe(changed)));
        QCOMPARE(imageOf(deployment(QStringLiteral("backend"))), QStringLiteral("todo-backend:v2"));
        const qint64 generation = generationOf(deployment(QStringLiteral("backend")));
        // The same values again: a new revision, but no change to any object's spec (Helm 3 sends no
        // patch, Helm 4's apply changes nothing).
        QVERIFY2(helm(changed), qPrintable(describe(changed)));
        QCOMPARE(generationOf(deployment(QStringLiteral("backend"))), generation);

        const QStringList rollback {
            QStringLiteral("rollback"), QStringLiteral("todo-chatbot"), QStringLiteral("1"),
            QStringLiteral("--wait"),   QStringLiteral("--timeout"),    QStringLiteral("60s")
        };
        QVERIFY2(helm(rollback), qPrintable(describe(rollback)));
        QCOMPARE(imageOf(deployment(QStringLiteral("backend"))), QStringLiteral("todo-backend:1.0.0"));
        const QJsonArray revisions = history();
        QCOMPARE(revisions.size(), 4);
        QCOMPARE(revisions.last().toObject().value(QStringLiteral("description")).toString(),
                 QStringLiteral("Rollback to 1"));
        QCOMPARE(server()->objects(QStringLiteral("secrets"), ns).size(), 4); // one release record each

        const QStringList uninstall { QStringLiteral("uninstall"), QStringLiteral("todo-chatbot"),
                                      QStringLiteral("--wait") };
        QVERIFY2(helm(uninstall), qPrintable(describe(uninstall)));
        for (const char* resource : { "deployments", "services", "configmaps", "persistentvolumeclaims", "secrets" })
            QVERIFY2(server()->objects(QString::fromLatin1(resource), ns).isEmpty(), resource);
        // What the release records went as: protobuf, from Helm's typed client.
        const auto records
            = server()->requestsMatching(QStringLiteral("PUT"), QStringLiteral("/secrets/sh.helm.release"));
        QVERIFY(!records.isEmpty());
        QCOMPARE(records.first().contentType, QByteArray("application/vnd.kubernetes.protobuf"));
    }

    void podsThatNeverBecomeReady_data() { helms(); }
    void podsThatNeverBecomeReady()
    {
        QFETCH(QString, helmPath);
        QUAYSIDE_REQUIRE_HELM(helmPath);
        QVERIFY2(start(helmPath), qPrintable(server()->errorString()));
        QVERIFY2(helm(upgrade({})), qPrintable(m_output));
        server()->setImageBehaviour(QStringLiteral("todo-backend:broken"), PodBehaviour::CrashLoop);
        const QStringList broken
            = upgrade({ QStringLiteral("--set"), QStringLiteral("backend.image.tag=broken") }, QStringLiteral("5s"));
        QVERIFY2(!helm(broken), qPrintable(describe(broken)));
        QVERIFY2(m_output.contains(QStringLiteral("has been rolled back")), qPrintable(m_output));
        // Helm 4's kstatus watcher names what it waited for.
        if (m_four)
            QVERIFY2(m_output.contains(QStringLiteral("resource Deployment/todo-app/backend not ready")),
                     qPrintable(m_output));
        QCOMPARE(imageOf(deployment(QStringLiteral("backend"))), QStringLiteral("todo-backend:1.0.0"));
        const QJsonArray revisions = history();
        QCOMPARE(revisions.size(), 3);
        QCOMPARE(revisions.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(revisions.at(2).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("deployed"));
    }

    // Server-side apply's ownership as Helm 4 meets it: a field another manager took is a conflict,
    // which --force-conflicts takes back. (Helm 3 merges on the client and never conflicts.)
    void applyConflict_data()
    {
        QTest::addColumn<QString>("helmPath");
        QTest::newRow("helm4") << helmBinary(4);
    }
    void applyConflict()
    {
        QFETCH(QString, helmPath);
        QUAYSIDE_REQUIRE_HELM(helmPath);
        QVERIFY2(start(helmPath), qPrintable(server()->errorString()));
        QVERIFY2(helm(upgrade({})), qPrintable(m_output));
        ApiTestClient client(*server());
        const auto patched = client.request(
            "PATCH", QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/backend?fieldManager=kubectl-patch"),
            R"({"spec":{"replicas":2}})", "application/merge-patch+json");
        QCOMPARE(patched.status, 200);

        const QStringList next = upgrade({ QStringLiteral("--set"), QStringLiteral("backend.image.tag=v2") });
        QVERIFY2(!helm(next), qPrintable(describe(next)));
        QVERIFY2(m_output.contains(QStringLiteral("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using "
                                                  "apps/v1"))
                     && m_output.contains(QStringLiteral(": .spec.replicas")),
                 qPrintable(m_output));
        QVERIFY2(helm(next + QStringList { QStringLiteral("--force-conflicts") }), qPrintable(m_output));
        QCOMPARE(deployment(QStringLiteral("backend"))
                     .value(QStringLiteral("spec"))
                     .toObject()
                     .value(QStringLiteral("replicas"))
                     .toInt(),
                 1);
        QCOMPARE(imageOf(deployment(QStringLiteral("backend"))), QStringLiteral("todo-backend:v2"));
    }
};

QTEST_GUILESS_MAIN(HelmAgainstFakeServerTest)
#include "HelmAgainstFakeServerTest.moc"
