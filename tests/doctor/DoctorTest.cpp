#include "MachineScenario.h"
#include "doctor/Doctor.h"
#include "doctor/HostCheck.h"
#include "keychain/Keychain.h"
#include "process/ProcessToolRunner.h"
#include "support/ProcessProbe.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(quayside::test::MachineScenario)

namespace {
using Statuses = QMap<QString, QString>;

QMap<QString, CheckResult> byId(const DoctorReport& report)
{
    QMap<QString, CheckResult> map;
    for (const CheckResult& r : report.checks)
        map.insert(r.id, r);
    return map;
}
} // namespace

class DoctorTest : public QObject
{
    Q_OBJECT
private:
    DoctorReport runDoctor(const MachineScenario& scenario, Keychain* keychain = nullptr,
        std::chrono::milliseconds timeout = 10s, StandInTools* keepTools = nullptr)
    {
        StandInTools local;
        StandInTools& tools = keepTools ? *keepTools : local;
        scenario.install(tools);
        tools.install();
        ProcessToolRunner runner;
        Doctor doctor;
        CheckContext context;
        context.runner = &runner;
        context.platform = Platform::Linux;
        context.toolTimeout = timeout;
        doctor.addStandardChecks(context, keychain);
        QSignalSpy finished(&doctor, &Doctor::finished);
        doctor.run();
        if (!finished.wait(30000))
            qFatal("doctor did not finish");
        return doctor.report();
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<quayside::DoctorReport>(); }

    void statuses_data()
    {
        QTest::addColumn<MachineScenario>("scenario");
        QTest::addColumn<Statuses>("expected");
        QTest::addColumn<bool>("ok");
        using M = MachineScenario;
        QTest::newRow("this machine") << M::thisMachine()
                                      << Statuses{{"docker", "ok"}, {"docker-daemon", "stopped"}, {"minikube", "missing"},
                                             {"minikube-cluster", "skipped"}, {"helm", "missing"}, {"kubectl", "ok"},
                                             {"kubectl-ai", "missing"}, {"kagent", "missing"}, {"gordon", "missing"}}
                                      << false;
        QTest::newRow("ready") << M::ready()
                               << Statuses{{"docker", "ok"}, {"docker-daemon", "ok"}, {"minikube", "ok"},
                                      {"minikube-cluster", "ok"}, {"helm", "ok"}, {"kubectl", "ok"}, {"gordon", "missing"}}
                               << true;
        QTest::newRow("no docker at all")
            << M{M::Docker::Missing, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Matching}
            << Statuses{{"docker", "missing"}, {"docker-daemon", "skipped"}, {"gordon", "missing"}} << false;
        QTest::newRow("docker group") << M{M::Docker::PermissionDenied, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Matching}
                                      << Statuses{{"docker", "ok"}, {"docker-daemon", "error"}} << false;
        QTest::newRow("old docker") << M{M::Docker::Old, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Matching}
                                    << Statuses{{"docker", "outdated"}, {"docker-daemon", "ok"}} << false;
        QTest::newRow("garbage from docker") << M{M::Docker::Garbage, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Matching}
                                             << Statuses{{"docker", "error"}, {"docker-daemon", "error"}} << false;
        QTest::newRow("minikube stopped") << M{M::Docker::Running, M::Minikube::Stopped, M::Helm::Ok, M::Kubectl::Matching}
                                          << Statuses{{"minikube", "ok"}, {"minikube-cluster", "stopped"}} << false;
        QTest::newRow("minikube no profile")
            << M{M::Docker::Running, M::Minikube::NoProfile, M::Helm::Ok, M::Kubectl::Matching}
            << Statuses{{"minikube-cluster", "stopped"}} << false;
        QTest::newRow("minikube multi-node") << M{M::Docker::Running, M::Minikube::MultiNode, M::Helm::Ok, M::Kubectl::Matching}
                                             << Statuses{{"minikube-cluster", "ok"}} << true;
        QTest::newRow("minikube multi-node, worker stopped")
            << M{M::Docker::Running, M::Minikube::MultiNodeDegraded, M::Helm::Ok, M::Kubectl::Matching}
            << Statuses{{"minikube", "ok"}, {"minikube-cluster", "error"}} << false;
        QTest::newRow("old minikube") << M{M::Docker::Running, M::Minikube::Old, M::Helm::Ok, M::Kubectl::Matching}
                                      << Statuses{{"minikube", "outdated"}} << false;
        QTest::newRow("helm 2") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Helm2, M::Kubectl::Matching}
                                << Statuses{{"helm", "outdated"}} << false;
        QTest::newRow("old helm 3") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Old, M::Kubectl::Matching}
                                    << Statuses{{"helm", "outdated"}} << false;
        QTest::newRow("helm 3.17") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Helm3, M::Kubectl::Matching}
                                   << Statuses{{"helm", "ok"}} << true;
        QTest::newRow("helm 4") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Helm4, M::Kubectl::Matching}
                                << Statuses{{"helm", "ok"}} << true;
        QTest::newRow("helm 5 is a warning, not a failure")
            << M{M::Docker::Running, M::Minikube::Running, M::Helm::NewerMajor, M::Kubectl::Matching}
            << Statuses{{"helm", "ok"}} << true;
        QTest::newRow("kubectl skew is a warning, not a failure")
            << M{M::Docker::Running, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Skewed} << Statuses{{"kubectl", "ok"}}
            << true;
        QTest::newRow("no kubectl") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Missing}
                                    << Statuses{{"kubectl", "missing"}} << false;
    }
    void statuses()
    {
        QFETCH(MachineScenario, scenario);
        QFETCH(Statuses, expected);
        QFETCH(bool, ok);
        const DoctorReport report = runDoctor(scenario);
        const auto results = byId(report);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(results.contains(it.key()), qPrintable(it.key()));
            const CheckResult& r = results[it.key()];
            QVERIFY2(toString(r.status) == it.value(),
                qPrintable(QStringLiteral("%1: %2 (%3)").arg(it.key(), toString(r.status), r.message)));
            // Every failing check says how to fix it.
            if (!r.passed())
                QVERIFY2(!r.fix.isEmpty() || r.status == CheckStatus::Error, qPrintable(it.key()));
        }
        QCOMPARE(report.ok(), ok);
    }

    // Helm 3.12+ and Helm 4 both pass, and the check says which one it found (deploys pass each its
    // own flags); a major version newer than the ones tested passes with a warning.
    void helmVersionIsNamed_data()
    {
        QTest::addColumn<MachineScenario>("scenario");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("warning");
        using M = MachineScenario;
        QTest::newRow("helm 3") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Helm3, M::Kubectl::Matching}
                                << "3.17.2" << "Helm 3.17.2 (Helm 3) found at " << false;
        QTest::newRow("helm 4") << M{M::Docker::Running, M::Minikube::Running, M::Helm::Helm4, M::Kubectl::Matching}
                                << "4.1.4" << "Helm 4.1.4 (Helm 4) found at " << false;
        QTest::newRow("helm 5") << M{M::Docker::Running, M::Minikube::Running, M::Helm::NewerMajor, M::Kubectl::Matching}
                                << "5.0.0" << "tested with Helm 3 and 4" << true;
    }
    void helmVersionIsNamed()
    {
        QFETCH(MachineScenario, scenario);
        QFETCH(QString, version);
        QFETCH(QString, message);
        QFETCH(bool, warning);
        const CheckResult helm = byId(runDoctor(scenario))["helm"];
        QCOMPARE(toString(helm.status), QStringLiteral("ok"));
        QCOMPARE(helm.version, version);
        QCOMPARE(helm.minimum, QStringLiteral("3.12"));
        QVERIFY2(helm.message.contains(message), qPrintable(helm.message));
        QCOMPARE(helm.warning, warning);
    }

    void fixesAreSpecific()
    {
        using M = MachineScenario;
        auto r = byId(runDoctor(M{M::Docker::PermissionDenied, M::Minikube::Stopped, M::Helm::Helm2, M::Kubectl::Skewed}));
        QVERIFY(r["docker-daemon"].message.contains(QLatin1String("docker group")));
        QVERIFY(r["docker-daemon"].fix.contains(QLatin1String("usermod -aG docker")));
        QCOMPARE(r["minikube-cluster"].fix, QStringLiteral("minikube start --cpus=2 --memory=4096"));
        QVERIFY(r["minikube-cluster"].message.contains(QLatin1String("Driver: docker")));
        QVERIFY(r["helm"].message.contains(QLatin1String("Helm 2")));
        QCOMPARE(r["helm"].version, QStringLiteral("2.17.0"));
        QVERIFY(r["kubectl"].warning);
        QVERIFY(r["kubectl"].message.contains(QLatin1String("1.29.4")));
        r = byId(runDoctor(MachineScenario::thisMachine()));
        QCOMPARE(r["docker-daemon"].fix, QStringLiteral("sudo systemctl enable --now docker"));
        QVERIFY(r["minikube"].fix.contains(QLatin1String("minikube-linux-amd64")));
        QVERIFY(r["helm"].fix.contains(QLatin1String("get-helm-3")));
        QVERIFY(!r["kubectl-ai"].required);
    }

    // The real multi-node format: the worker's "Irrelevant" apiserver and kubeconfig are no problem,
    // a stopped worker is named.
    void multiNodeMessages()
    {
        using M = MachineScenario;
        CheckResult cluster = byId(runDoctor(M{M::Docker::Running, M::Minikube::MultiNode}))["minikube-cluster"];
        QCOMPARE(toString(cluster.status), QStringLiteral("ok"));
        QCOMPARE(cluster.message, QStringLiteral("The cluster is running: 2 nodes, all up. Driver: docker."));
        cluster = byId(runDoctor(M{M::Docker::Running, M::Minikube::MultiNodeDegraded}))["minikube-cluster"];
        QCOMPARE(toString(cluster.status), QStringLiteral("error"));
        QCOMPARE(cluster.message,
            QStringLiteral("Not every node of \"minikube\" is running: minikube-m02: host Stopped, kubelet Stopped. "
                           "Driver: docker."));
        QCOMPARE(cluster.fix, QStringLiteral("minikube start --cpus=2 --memory=4096"));
    }

    void jsonContract()
    {
        const QJsonObject json = runDoctor(MachineScenario::thisMachine()).toJson();
        QCOMPARE(json.value(QLatin1String("ok")), QJsonValue(false));
        const QJsonArray checks = json.value(QLatin1String("checks")).toArray();
        QStringList ids;
        for (const QJsonValue& v : checks) {
            const QJsonObject c = v.toObject();
            ids << c.value(QLatin1String("id")).toString();
            for (const char* key : {"id", "title", "required", "status", "version", "minimum", "message", "fix"})
                QVERIFY2(c.contains(QLatin1String(key)), key);
            QVERIFY(c.value(QLatin1String("title")).isString());
            QVERIFY(c.value(QLatin1String("required")).isBool());
            QVERIFY(QStringList({"ok", "missing", "outdated", "stopped", "error", "skipped"})
                        .contains(c.value(QLatin1String("status")).toString()));
            QVERIFY(c.value(QLatin1String("version")).isString() || c.value(QLatin1String("version")).isNull());
            QVERIFY(c.value(QLatin1String("minimum")).isString() || c.value(QLatin1String("minimum")).isNull());
            QVERIFY(c.value(QLatin1String("fix")).isString() || c.value(QLatin1String("fix")).isNull());
        }
        QCOMPARE(ids, (QStringList{"docker", "docker-daemon", "minikube", "minikube-cluster", "helm", "kubectl", "kubectl-ai",
                          "kagent", "gordon", "cpu", "memory", "disk"}));
    }

    void hangingToolIsKilledAtTheTimeout()
    {
        using M = MachineScenario;
        StandInTools tools;
        const DoctorReport report = runDoctor(M{M::Docker::Hangs, M::Minikube::Running, M::Helm::Ok, M::Kubectl::Matching},
            nullptr, 700ms, &tools);
        const auto r = byId(report);
        QCOMPARE(toString(r["docker"].status), QStringLiteral("error"));
        QVERIFY2(r["docker"].message.contains(QLatin1String("did not answer")), qPrintable(r["docker"].message));
        // The other checks were not held up by the hanging one.
        QCOMPARE(toString(r["helm"].status), QStringLiteral("ok"));
        const qint64 pid = ProcessProbe::pidFromFile(tools.recordsDir() + QStringLiteral("/docker.pid"));
        const qint64 child = ProcessProbe::pidFromFile(tools.recordsDir() + QStringLiteral("/docker.child.pid"));
        QVERIFY(pid > 0);
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(pid) && !ProcessProbe::isRunning(child), 5000);
    }

    void recheckRunsAgain()
    {
        StandInTools tools;
        MachineScenario::thisMachine().install(tools);
        tools.install();
        ProcessToolRunner runner;
        Doctor doctor;
        CheckContext context;
        context.runner = &runner;
        doctor.addStandardChecks(context, nullptr);
        QSignalSpy finished(&doctor, &Doctor::finished);
        doctor.run();
        doctor.run(); // Re-check while the first run is in flight: one clean result, no stale rows
        QVERIFY(finished.wait(20000));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        for (const CheckResult& r : doctor.results())
            QVERIFY2(r.status != CheckStatus::Pending, qPrintable(r.id));
    }

    void hostMinimums_data()
    {
        QTest::addColumn<int>("cpus");
        QTest::addColumn<double>("memoryGiB");
        QTest::addColumn<double>("diskGiB");
        QTest::addColumn<QStringList>("statuses");
        QTest::newRow("plenty") << 8 << 16.0 << 100.0 << QStringList{"ok", "ok", "ok"};
        QTest::newRow("exactly the minimum (4 GB laptop)") << 2 << 3.9 << 10.0 << QStringList{"ok", "ok", "ok"};
        QTest::newRow("too small") << 1 << 2.0 << 5.0 << QStringList{"error", "error", "error"};
    }
    void hostMinimums()
    {
        QFETCH(int, cpus);
        QFETCH(double, memoryGiB);
        QFETCH(double, diskGiB);
        QFETCH(QStringList, statuses);
        const double gib = 1024.0 * 1024 * 1024;
        HostResources host{cpus, qint64(memoryGiB * gib), qint64(diskGiB * gib), QStringLiteral("/home/u")};
        ProcessToolRunner runner;
        HostCheck check({.runner = &runner}, host);
        QList<CheckResult> results;
        connect(&check, &Check::resultReady, this, [&results](const CheckResult& r) { results.append(r); });
        QSignalSpy finished(&check, &Check::finished);
        check.run();
        QVERIFY(finished.wait(2000));
        QCOMPARE(results.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(toString(results[i].status), statuses[i]);
            if (statuses[i] != QLatin1String("ok"))
                QVERIFY(!results[i].fix.isEmpty());
        }
    }

    void keychainAgainstTheRealKeyring()
    {
        // Runs inside tests/support/run-headless.sh: a private D-Bus session with an unlocked gnome-keyring.
        Keychain keychain(QStringLiteral("quayside-doctor-test"), 10s);
        const auto r = byId(runDoctor(MachineScenario::ready(), &keychain));
        QVERIFY2(r["keychain"].status == CheckStatus::Ok, qPrintable(r["keychain"].message));
    }
};

QTEST_GUILESS_MAIN(DoctorTest)
#include "DoctorTest.moc"
