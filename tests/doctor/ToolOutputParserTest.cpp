#include "doctor/ToolOutputParser.h"

#include <QFile>
#include <QTest>

using namespace quayside;
namespace P = quayside::ToolOutputParser;

namespace {
QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}
} // namespace

class ToolOutputParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dockerClient_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::newRow("28.2.2") << "docker-version.txt" << "28.2.2";
        QTest::newRow("debian 20.10") << "docker-version-old.txt" << "20.10.24";
    }
    void dockerClient()
    {
        QFETCH(QString, file);
        QFETCH(QString, version);
        QCOMPARE(P::dockerClientVersion(QString::fromUtf8(fixture(file))).toString(), version);
        QVERIFY(P::dockerClientVersion(QStringLiteral("garbage")).isNull());
    }

    void dockerDaemon_data()
    {
        QTest::addColumn<QString>("stdoutFile");
        QTest::addColumn<QString>("stderrFile");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("server");
        using S = P::DockerDaemon::State;
        QTest::newRow("running") << "docker-version-running.json" << QString() << int(S::Running) << "28.2.2";
        QTest::newRow("daemon down") << "docker-version-daemon-down.json" << "docker-daemon-down.stderr" << int(S::NotRunning)
                                     << QString();
        QTest::newRow("permission denied") << "docker-version-daemon-down.json" << "docker-permission-denied.stderr"
                                           << int(S::PermissionDenied) << QString();
        QTest::newRow("no output at all") << QString() << QString() << int(S::Unknown) << QString();
    }
    void dockerDaemon()
    {
        QFETCH(QString, stdoutFile);
        QFETCH(QString, stderrFile);
        QFETCH(int, state);
        QFETCH(QString, server);
        const auto d = P::dockerDaemon(stdoutFile.isEmpty() ? QByteArray() : fixture(stdoutFile),
            stderrFile.isEmpty() ? QString() : QString::fromUtf8(fixture(stderrFile)));
        QCOMPARE(int(d.state), state);
        QCOMPARE(d.serverVersion, server);
    }

    void minikubeVersion_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("version");
        QTest::newRow("short") << QString::fromUtf8(fixture(QStringLiteral("minikube-version-short.txt"))) << "1.36.0";
        QTest::newRow("json") << R"({"commit":"f8f52f5de11fc6ad8244afac475e1d0f96841df1","minikubeVersion":"v1.36.0"})"
                              << "1.36.0";
        QTest::newRow("garbage") << "what" << "";
    }
    void minikubeVersion()
    {
        QFETCH(QString, output);
        QFETCH(QString, version);
        QCOMPARE(P::minikubeVersion(output).toString(), version);
    }

    // Fixtures in the real format: workers print "Irrelevant" for apiserver and kubeconfig while their
    // host runs, and copy the host's state when it does not; the exit codes are the real bitmasks.
    void minikubeStatus_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<bool>("multiNode");
        QTest::addColumn<QString>("detail");
        using S = P::MinikubeStatus::State;
        QTest::newRow("running") << fixture("minikube-status-running.json") << 0 << int(S::Running) << 1 << false << "";
        QTest::newRow("stopped exit 7")
            << fixture("minikube-status-stopped.json") << 7 << int(S::Stopped) << 1 << false
            << "minikube: host Stopped, kubelet Stopped, apiserver Stopped, kubeconfig Stopped";
        QTest::newRow("no profile exit 85")
            << fixture("minikube-status-no-profile.txt") << 85 << int(S::ProfileNotFound) << 0 << false
            << "* Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.\n"
               "  To start a cluster, run: \"minikube start\"";
        QTest::newRow("paused exit 2") << fixture("minikube-status-paused.json") << 2 << int(S::Paused) << 1 << false
                                       << "minikube: kubelet Stopped, apiserver Paused";
        QTest::newRow("stale kubeconfig exit 4")
            << fixture("minikube-status-kubeconfig-misconfigured.json") << 4 << int(S::Degraded) << 1 << false
            << "minikube: kubeconfig Misconfigured";
        QTest::newRow("multi-node: Irrelevant on the worker is healthy")
            << fixture("minikube-status-multinode.json") << 0 << int(S::Running) << 2 << true << "";
        QTest::newRow("multi-node, worker host stopped exit 7")
            << fixture("minikube-status-multinode-degraded.json") << 7 << int(S::Degraded) << 2 << true
            << "minikube-m02: host Stopped, kubelet Stopped";
        QTest::newRow("three nodes, one kubelet stopped exit 2")
            << fixture("minikube-status-multinode-kubelet-stopped.json") << 2 << int(S::Degraded) << 3 << true
            << "minikube-m03: kubelet Stopped";
        QTest::newRow("multi-node, control plane stopped exit 7")
            << fixture("minikube-status-multinode-control-plane-stopped.json") << 7 << int(S::Degraded) << 2 << true
            << "minikube: host Stopped, kubelet Stopped, apiserver Stopped, kubeconfig Stopped";
        QTest::newRow("multi-node, all stopped exit 7")
            << fixture("minikube-status-multinode-stopped.json") << 7 << int(S::Stopped) << 2 << true
            << "minikube: host Stopped, kubelet Stopped, apiserver Stopped, kubeconfig Stopped; "
               "minikube-m02: host Stopped, kubelet Stopped";
        QTest::newRow("HA: three control planes and a worker")
            << fixture("minikube-status-ha.json") << 0 << int(S::Running) << 4 << true << "";
        // minikube's own exit code accepts Irrelevant on any node; only a worker may say it.
        QTest::newRow("a control plane saying Irrelevant is not running")
            << QByteArray(R"([{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Irrelevant",)"
                          R"("Kubeconfig":"Irrelevant","Worker":false},{"Name":"minikube-m02","Host":"Running",)"
                          R"("Kubelet":"Running","APIServer":"Irrelevant","Kubeconfig":"Irrelevant","Worker":true}])")
            << 0 << int(S::Degraded) << 2 << true << "minikube: apiserver Irrelevant, kubeconfig Irrelevant";
        QTest::newRow("no Worker field: the first entry is the control plane")
            << QByteArray(R"([{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running"},)"
                          R"({"Name":"minikube-m02","Host":"Running","Kubelet":"Running"}])")
            << 0 << int(S::Running) << 2 << true << "";
    }
    void minikubeStatus()
    {
        QFETCH(QByteArray, output);
        QFETCH(int, exitCode);
        QFETCH(int, state);
        QFETCH(int, nodes);
        QFETCH(bool, multiNode);
        QFETCH(QString, detail);
        const auto s = P::minikubeStatus(output, exitCode);
        QCOMPARE(int(s.state), state);
        QCOMPARE(s.nodes, nodes);
        QCOMPARE(s.multiNode(), multiNode);
        QCOMPARE(s.detail, detail);
    }

    void minikubeDriver()
    {
        QCOMPARE(P::minikubeDriver(fixture(QStringLiteral("minikube-profile-list.json")), QStringLiteral("minikube")),
            QStringLiteral("docker"));
        QVERIFY(P::minikubeDriver(fixture(QStringLiteral("minikube-profile-list.json")), QStringLiteral("other")).isEmpty());
        QVERIFY(P::minikubeDriver("not json", QStringLiteral("minikube")).isEmpty());
    }

    void helm_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::newRow("helm 3") << "helm-version-short.txt" << "3.18.3";
        QTest::newRow("helm 3 old") << "helm-version-old.txt" << "3.9.4";
        QTest::newRow("helm 2") << "helm2-version-short.txt" << "2.17.0";
        // The real binaries the suite runs (tests/support/install-helm.sh), `--short` and not.
        QTest::newRow("helm 3.17 short") << "helm3-version-short.txt" << "3.17.2";
        QTest::newRow("helm 3.17") << "helm3-version.txt" << "3.17.2";
        QTest::newRow("helm 4 short") << "helm4-version-short.txt" << "4.1.4";
        QTest::newRow("helm 4") << "helm4-version.txt" << "4.1.4";
    }
    void helm()
    {
        QFETCH(QString, file);
        QFETCH(QString, version);
        QCOMPARE(P::helmVersion(QString::fromUtf8(fixture(file))).toString(), version);
    }

    void kubectl_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("server");
        QTest::newRow("client only") << "kubectl-version-client-only.json" << "1.32.4" << "";
        QTest::newRow("with server") << "kubectl-version-with-server.json" << "1.32.4" << "1.33.1";
        QTest::newRow("skewed") << "kubectl-version-skewed.json" << "1.32.4" << "1.29.4";
    }
    void kubectl()
    {
        QFETCH(QString, file);
        QFETCH(QString, client);
        QFETCH(QString, server);
        const auto v = P::kubectlVersion(fixture(file));
        QCOMPARE(v.client.toString(), client);
        QCOMPARE(v.server.toString(), server);
    }

    void kubectlMinorWithPlus()
    {
        // Some distributions' builds report minor "32+" and a gitVersion with a suffix.
        const auto v = P::kubectlVersion(R"({"clientVersion":{"major":"1","minor":"32+","gitVersion":"v1.32.4-dispatcher"}})");
        QCOMPARE(v.client.toString(), QStringLiteral("1.32.4"));
        const auto w = P::kubectlVersion(R"({"clientVersion":{"major":"1","minor":"31+"}})");
        QCOMPARE(w.client.toString(), QStringLiteral("1.31"));
    }
};

QTEST_GUILESS_MAIN(ToolOutputParserTest)
#include "ToolOutputParserTest.moc"
