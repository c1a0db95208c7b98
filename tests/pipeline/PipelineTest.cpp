#include "DeployRig.h"
#include "core/Log.h"
#include "keychain/Keychain.h"
#include "pipeline/PipelineStep.h"
#include "secrets/SecretChecksum.h"
#include "secrets/SecretStore.h"
#include "support/ProcessProbe.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>
#include <yaml-cpp/yaml.h>

using namespace quayside;
using namespace quayside::test;

namespace {

QStringList states(const Pipeline& pipeline)
{
    QStringList out;
    for (const PipelineStep* s : pipeline.steps())
        out << s->id() + QLatin1Char('=') + stepStateName(s->state());
    return out;
}

QString describe(const Pipeline& pipeline)
{
    QString text = states(pipeline).join(QLatin1Char(' ')) + QStringLiteral("\nfailure: ") + pipeline.failureMessage();
    for (const PipelineStep* s : pipeline.steps()) {
        if (s->state() == StepState::Failed || s->state() == StepState::Running)
            text += QStringLiteral("\n--- %1 output:\n").arg(s->id()) + s->output().join(QLatin1Char('\n'));
    }
    return text;
}

QString shellQuote(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// The real `minikube status -o json` outputs, shared with the doctor's tests.
QString doctorFixture(const char* name)
{
    return QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/") + QString::fromLatin1(name);
}

// What the real `minikube docker-env` does on a multi-node cluster (reason.EnvMultiConflict: exit code
// ExGuestConflict, 81).
QString multiNodeConflict()
{
    return QStringLiteral(
        "    echo >&2\n"
        "    echo \"X Exiting due to ENV_MULTINODE_CONFLICT: The docker-env command is incompatible with multi-node "
        "clusters. Use the 'registry' add-on: https://minikube.sigs.k8s.io/docs/handbook/registry/\" >&2\n"
        "    echo >&2\n"
        "    exit 81");
}

int countCalls(const StandInTools& tools, const QString& tool, const QString& firstArgument)
{
    int n = 0;
    for (const auto& call : tools.calls(tool)) {
        if (call.arguments.value(0) == firstArgument || call.arguments.contains(firstArgument))
            ++n;
    }
    return n;
}

} // namespace

// The pipeline end to end against stand-in tools (minikube, docker, helm printing what the real ones
// print) and the fake API server: every step, the failures a user meets, Cancel and Retry, secrets
// that never leak, and the re-deploy benchmark.
class PipelineTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DeployRig> m_rig;
    QTemporaryDir m_logs;

private Q_SLOTS:
    void initTestCase() { log::initialize({ .directory = m_logs.path(), .verbose = true, .toStderr = false }); }

    void init()
    {
        m_rig = std::make_unique<DeployRig>();
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
    }

    void cleanup() { m_rig.reset(); }

    void fullDeploy()
    {
        auto pipeline = m_rig->makePipeline();
        QSignalSpy transitions(pipeline.get(), &Pipeline::stepStateChanged);
        QSignalSpy progress(pipeline.get(), &Pipeline::imageProgress);
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0 && pipeline->preflightProblems().isEmpty(),
                 qPrintable(describe(*pipeline)));
        for (const PipelineStep* s : pipeline->steps())
            QCOMPARE(s->state(), StepState::Done);
        // Every step went pending -> running -> done, in order, once.
        QCOMPARE(transitions.count(), 12);
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(transitions.at(i).at(0).toInt(), i / 2);
            QCOMPARE(transitions.at(i).at(1).value<StepState>(), i % 2 ? StepState::Done : StepState::Running);
        }

        // Cluster: it was stopped, so it was started with the profile's size; the addon enabled.
        const auto starts = m_rig->tools().calls(QStringLiteral("minikube"));
        bool started = false;
        for (const auto& call : starts) {
            if (call.arguments.value(0) == QLatin1String("start")) {
                QCOMPARE(call.arguments,
                         (QStringList { QStringLiteral("start"), QStringLiteral("-p"), QStringLiteral("minikube"),
                                        QStringLiteral("--cpus=2"), QStringLiteral("--memory=4096") }));
                started = true;
            }
        }
        QStringList seen;
        for (const auto& call : starts)
            seen << call.arguments.join(QLatin1Char(' '));
        QVERIFY2(started, qPrintable(seen.join(QLatin1Char('\n'))));
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("enable")), 1);
        QVERIFY(pipeline->step(QStringLiteral("cluster"))
                    ->output()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("Restarting existing docker container")));

        // Images: built in minikube's daemon (docker-env on the child's environment), content tags.
        const auto builds = m_rig->tools().calls(QStringLiteral("docker"));
        int buildCount = 0;
        for (const auto& call : builds) {
            QVERIFY(call.environment.contains("DOCKER_HOST=tcp://192.168.49.2:2376\n"));
            QVERIFY(call.environment.contains("DOCKER_CERT_PATH=/home/u/.minikube/certs\n"));
            if (call.arguments.value(0) == QLatin1String("build"))
                ++buildCount;
        }
        QCOMPARE(buildCount, 2);
        const ImageResult backend = pipeline->context().images.value(QStringLiteral("backend"));
        QCOMPARE(backend.outcome, ImageResult::Outcome::Built);
        QCOMPARE(backend.tag.size(), 12);
        QVERIFY(backend.hash.startsWith(backend.tag));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(2).toInt(), progress.last().at(1).toInt()); // ends full

        // Secrets: the Secret went over the API with exactly the stored values.
        const auto secret = m_rig->server()->object(QStringLiteral("secrets"), QStringLiteral("todo-app"),
                                                    QStringLiteral("todo-app-secrets"));
        QVERIFY(secret);
        const QJsonObject data = secret->value(QLatin1String("data")).toObject();
        QCOMPARE(QByteArray::fromBase64(data.value(QLatin1String("JWT_SECRET")).toString().toLatin1()),
                 m_rig->secretValues().at(1).toUtf8());
        QMap<QString, QByteArray> applied;
        for (auto it = data.begin(); it != data.end(); ++it)
            applied.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
        const QString checksum = SecretChecksum::compute(applied);

        // Helm: the exact command, and the override values (tags, Secret name and checksum only).
        const auto helm = m_rig->tools().calls(QStringLiteral("helm"));
        QStringList upgrade;
        for (const auto& call : helm) {
            if (call.arguments.value(0) == QLatin1String("upgrade"))
                upgrade = call.arguments;
        }
        const QString overridePath = upgrade.value(upgrade.indexOf(QStringLiteral("--atomic")) - 1);
        const QString chart = QFileInfo(m_rig->profilePath()).absolutePath() + QStringLiteral("/chart");
        QCOMPARE(upgrade,
                 (QStringList { QStringLiteral("upgrade"), QStringLiteral("--install"), QStringLiteral("todo-chatbot"),
                                chart, QStringLiteral("-n"), QStringLiteral("todo-app"),
                                QStringLiteral("--create-namespace"), QStringLiteral("-f"),
                                chart + QStringLiteral("/values-dev.yaml"), QStringLiteral("-f"), overridePath,
                                QStringLiteral("--atomic"), QStringLiteral("--wait"), QStringLiteral("--timeout"),
                                QStringLiteral("5m"), QStringLiteral("--kubeconfig"), m_rig->server()->kubeconfigPath(),
                                QStringLiteral("--kube-context"), QStringLiteral("minikube") }));
        QVERIFY2(!QFileInfo::exists(overridePath), "the values override must be removed after helm");
        const QList<QByteArray> valuesFiles = m_rig->helmValuesFiles();
        QCOMPARE(valuesFiles.size(), 2);
        const YAML::Node values = YAML::Load(valuesFiles.last().toStdString());
        QCOMPARE(QString::fromStdString(values["backend"]["image"]["repository"].as<std::string>()),
                 QStringLiteral("todo-backend"));
        QCOMPARE(QString::fromStdString(values["backend"]["image"]["tag"].as<std::string>()), backend.tag);
        QCOMPARE(QString::fromStdString(values["secrets"]["existingSecret"].as<std::string>()),
                 QStringLiteral("todo-app-secrets"));
        QCOMPARE(QString::fromStdString(values["secrets"]["checksum"].as<std::string>()), checksum);
        const QStringList modes = m_rig->helmValuesModes();
        QVERIFY2(modes.last().startsWith(QStringLiteral("-rw------- ")), qPrintable(modes.last()));
        QCOMPARE(pipeline->context().helmRevision, 1);
        QCOMPARE(pipeline->context().history.size(), 1);

        // Rollout and access.
        QCOMPARE(m_rig->server()->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend"), true).size(),
                 1);
        QCOMPARE(pipeline->context().accessUrl, QStringLiteral("http://127.0.0.1:%1").arg(m_rig->healthPort()));
        QVERIFY(pipeline->step(QStringLiteral("access"))->message().contains(QStringLiteral("/api/health → 200")));
    }

    // Issue 7 §5: nothing changed -> no image is rebuilt and Quayside adds under 1 s of its own time.
    void redeployRebuildsNothing()
    {
        // A frontend the size of a real Next.js app's sources (2,000 files, 4 MB), plus a node_modules
        // of 10,000 files that .dockerignore keeps out and the hasher must not even read.
        const QString frontend = m_rig->sourceDir() + QStringLiteral("/frontend");
        const QByteArray content(2048, 'x');
        for (int i = 0; i < 2000; ++i) {
            const QString dir = frontend + QStringLiteral("/src/components/c%1").arg(i / 50);
            QDir().mkpath(dir);
            QFile f(dir + QStringLiteral("/Component%1.tsx").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        for (int i = 0; i < 10000; ++i) {
            const QString dir = frontend + QStringLiteral("/node_modules/pkg%1").arg(i / 100);
            if (i % 100 == 0)
                QDir().mkpath(dir);
            QFile f(dir + QStringLiteral("/f%1.js").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto first = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*first, 60000));
        QVERIFY2(first->failedIndex() < 0, qPrintable(describe(*first)));
        const int buildsBefore = countCalls(m_rig->tools(), QStringLiteral("docker"), QStringLiteral("build"));

        qint64 worstOwn = 0;
        QList<qint64> own;
        for (int round = 0; round < 3; ++round) {
            auto again = m_rig->makePipeline();
            QVERIFY(DeployRig::run(*again, 60000));
            QVERIFY2(again->failedIndex() < 0, qPrintable(describe(*again)));
            for (const ImageResult& r : again->context().images)
                QCOMPARE(r.outcome, ImageResult::Outcome::Reused);
            const qint64 ownMs = again->elapsedMs() - again->toolBusyMs();
            own << ownMs;
            worstOwn = std::max(worstOwn, ownMs);
            // stdout, not qInfo: the test routes Qt's messages into Quayside's log file.
            std::printf("BENCHMARK re-deploy %d: %lld ms in all, tools busy %lld ms, Quayside's own time %lld ms\n",
                        round + 1, static_cast<long long>(again->elapsedMs()),
                        static_cast<long long>(again->toolBusyMs()), static_cast<long long>(ownMs));
        }
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("docker"), QStringLiteral("build")), buildsBefore);
        QVERIFY2(worstOwn < 1000, qPrintable(QStringLiteral("Quayside's own time: %1 ms").arg(worstOwn)));
    }

    void buildFailureThenRetry()
    {
        m_rig->setFlag(QStringLiteral("build-fails-todo-frontend"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* images = pipeline->step(QStringLiteral("images"));
        QCOMPARE(images->state(), StepState::Failed);
        QVERIFY2(images->message().contains(QStringLiteral("frontend: the build of todo-frontend:")),
                 qPrintable(images->message()));
        QVERIFY(images->message().contains(QStringLiteral("at step 3/4 RUN pip install -r requirements.txt")));
        QVERIFY(images->message().contains(QStringLiteral("returned a non-zero code: 1")));
        QVERIFY(images->detail().contains(QStringLiteral("ERROR: No matching distribution found for fastapi==9.9.9")));
        QCOMPARE(pipeline->step(QStringLiteral("secrets"))->state(), StepState::Pending);
        QVERIFY(pipeline->canRetry());
        QVERIFY(pipeline->failureMessage().startsWith(QStringLiteral("images: frontend: the build")));

        // Retry from the failed step: the cluster step is not run again, the backend not rebuilt.
        const int statusCalls = countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("status"));
        const int builds = countCalls(m_rig->tools(), QStringLiteral("docker"), QStringLiteral("build"));
        m_rig->setFlag(QStringLiteral("build-fails-todo-frontend"), false);
        QVERIFY(DeployRig::run(*pipeline, 60000, true));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("status")), statusCalls);
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("docker"), QStringLiteral("build")), builds + 1);
        QCOMPARE(pipeline->context().images.value(QStringLiteral("backend")).outcome, ImageResult::Outcome::Built);
        QCOMPARE(pipeline->step(QStringLiteral("cluster"))->state(), StepState::Done);
    }

    // A NodePort another Service holds: the API server refuses the Service (422), so there is no object
    // for the rules to look at; the Helm step reads the diagnosis from the error text itself.
    void helmFailureNamesATakenNodePort()
    {
        m_rig->setFlag(QStringLiteral("helm-nodeport-taken"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* helm = pipeline->step(QStringLiteral("helm"));
        QCOMPARE(helm->state(), StepState::Failed);
        QVERIFY2(helm->message().contains(QStringLiteral("30000")), qPrintable(helm->message()));
        const QString log = helm->output().join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("frontend-service")) && log.contains(QStringLiteral("→")), qPrintable(log));
    }

    void helmFailureReportsAtomicRollback()
    {
        auto first = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*first, 60000));
        QVERIFY(first->failedIndex() < 0);
        m_rig->setFlag(QStringLiteral("helm-fails"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* helm = pipeline->step(QStringLiteral("helm"));
        QCOMPARE(helm->state(), StepState::Failed);
        QVERIFY2(helm->message().contains(
                     QStringLiteral("Helm rolled the release back to the previous revision (--atomic)")),
                 qPrintable(helm->message()));
        QVERIFY(helm->message().contains(QStringLiteral("context deadline exceeded")));
        QVERIFY(helm->message().contains(QStringLiteral("revision 1 is deployed")));
        QCOMPARE(pipeline->step(QStringLiteral("rollout"))->state(), StepState::Pending);
        for (const QString& file : QDir(QDir::tempPath()).entryList({ QStringLiteral("quayside-helm-*") }, QDir::Dirs))
            QFAIL(qPrintable(QStringLiteral("a values override was left behind: ") + file));
    }

    void rolloutNeverReadyShowsTheCrashingPod()
    {
        m_rig->setCrashLoop(true);
        auto pipeline = m_rig->makePipeline();
        PipelineOptions options = pipeline->options();
        options.rolloutTimeout = std::chrono::seconds(3);
        pipeline->setOptions(options);
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* rollout = pipeline->step(QStringLiteral("rollout"));
        QVERIFY2(rollout->state() == StepState::Failed, qPrintable(describe(*pipeline)));
        QVERIFY2(rollout->message().contains(QStringLiteral("backend did not roll out")),
                 qPrintable(rollout->message()));
        QVERIFY(rollout->message().contains(QStringLiteral("CrashLoopBackOff")));
        const RolloutDiagnosis& d = pipeline->context().rolloutDiagnosis;
        QVERIFY(!d.blockingPods.isEmpty());
        QCOMPARE(d.blockingPods.first().deployment, QStringLiteral("backend"));
        QCOMPARE(d.blockingPods.first().status, QStringLiteral("CrashLoopBackOff"));
        QVERIFY(!d.blockingPods.first().containers.isEmpty());
        QVERIFY(rollout->detail().join(QLatin1Char('\n')).contains(QStringLiteral("CrashLoopBackOff")));
        // As data for an assistant: JSON with the pod, its containers and events.
        const QJsonObject json = d.toJson();
        QCOMPARE(json.value(QLatin1String("blockingPods"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("CrashLoopBackOff"));
        QCOMPARE(pipeline->step(QStringLiteral("access"))->state(), StepState::Pending);
    }

    // With a real helm, --wait is what waits for the pods: the Helm step watches them meanwhile and
    // reports what blocked the release, even though --atomic removes it again.
    void helmWaitShowsTheBlockingPodBeforeTheAtomicRollback()
    {
        m_rig->setCrashLoop(true);
        m_rig->setFlag(QStringLiteral("helm-fails-after-install"), QByteArray("1.5"));
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* helm = pipeline->step(QStringLiteral("helm"));
        QCOMPARE(helm->state(), StepState::Failed);
        QVERIFY2(helm->message().contains(QStringLiteral("Helm rolled the release back")), qPrintable(helm->message()));
        QVERIFY2(helm->message().contains(QStringLiteral("it was waiting on backend-")), qPrintable(helm->message()));
        QVERIFY(helm->message().contains(QStringLiteral("CrashLoopBackOff")));
        QVERIFY(helm->output().join(QLatin1Char('\n')).contains(QStringLiteral("helm is waiting on: backend-")));
        QVERIFY(helm->detail().join(QLatin1Char('\n')).contains(QStringLiteral("CrashLoopBackOff")));
        QCOMPARE(pipeline->context().rolloutDiagnosis.blockingPods.first().deployment, QStringLiteral("backend"));
    }

    void cancelDuringBuildLeavesNoProcess()
    {
        m_rig->setFlag(QStringLiteral("build-hangs"), true);
        auto pipeline = m_rig->makePipeline();
        QSignalSpy finished(pipeline.get(), &Pipeline::finished);
        pipeline->start();
        const QString pidFile = m_rig->stateDir() + QStringLiteral("/build.child.pid");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(pidFile) && ProcessProbe::pidFromFile(pidFile) > 0, 30000);
        const qint64 build = ProcessProbe::pidFromFile(m_rig->stateDir() + QStringLiteral("/build.pid"));
        const qint64 child = ProcessProbe::pidFromFile(pidFile);
        QVERIFY(ProcessProbe::isRunning(build));
        QVERIFY(ProcessProbe::isRunning(child));
        QCOMPARE(pipeline->step(QStringLiteral("images"))->state(), StepState::Running);
        pipeline->cancel();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(pipeline->step(QStringLiteral("images"))->state(), StepState::Cancelled);
        // The step reports Cancelled once the build has ended and its process group has been killed
        // (the kernel may take a moment more to end the grandchild).
        QVERIFY(!ProcessProbe::isRunning(build));
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(child), 2000);
        QCOMPARE(pipeline->step(QStringLiteral("secrets"))->state(), StepState::Pending);

        // Retry from the cancelled step finishes the deploy.
        m_rig->setFlag(QStringLiteral("build-hangs"), false);
        QVERIFY(DeployRig::run(*pipeline, 60000, true));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
    }

    void toolDisappearsMidway()
    {
        auto pipeline = m_rig->makePipeline();
        // helm is there at the preflight, and gone by the time the Helm step runs.
        connect(pipeline.get(), &Pipeline::stepStateChanged, this, [this](int index, StepState state) {
            if (index == 1 && state == StepState::Running)
                QFile::remove(m_rig->tools().binDir() + QStringLiteral("/helm"));
        });
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* helm = pipeline->step(QStringLiteral("helm"));
        QCOMPARE(helm->state(), StepState::Failed);
        QVERIFY2(helm->message().contains(QStringLiteral("helm is not installed (not found on PATH)")),
                 qPrintable(helm->message()));
    }

    void toolCrashesMidway()
    {
        m_rig->setFlag(QStringLiteral("start-crashes"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        PipelineStep* cluster = pipeline->step(QStringLiteral("cluster"));
        QCOMPARE(cluster->state(), StepState::Failed);
        QVERIFY2(cluster->message().contains(QStringLiteral("minikube start failed: minikube crashed")),
                 qPrintable(cluster->message()));
        QVERIFY(cluster->output().join(QLatin1Char('\n')).contains(QStringLiteral("Using the docker driver")));
    }

    void preflightAsksBeforeAnythingRuns()
    {
        SecretStore store(m_rig->keychain(), m_rig->profile().secrets);
        bool done = false;
        store.remove(QStringLiteral("JWT_SECRET"), this, [&done](const SecretStore::Result&) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        auto pipeline = m_rig->makePipeline();
        QDir(m_rig->sourceDir() + QStringLiteral("/frontend")).removeRecursively();
        QSignalSpy refused(pipeline.get(), &Pipeline::preflightFailed);
        QVERIFY(DeployRig::run(*pipeline, 30000));
        QCOMPARE(refused.count(), 1);
        const QStringList problems = pipeline->preflightProblems();
        QVERIFY2(problems.join(QLatin1Char('\n')).contains(QStringLiteral("required secrets are not set: JWT_SECRET")),
                 qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("image frontend: the build context")));
        QVERIFY(m_rig->tools().calls().isEmpty()); // not one tool ran
        for (const PipelineStep* s : pipeline->steps())
            QCOMPARE(s->state(), StepState::Pending);
    }

    void containerdRuntimeBuildsOnHostAndLoads()
    {
        m_rig->setFlag(QStringLiteral("containerd"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        QCOMPARE(pipeline->context().delivery->name(), QStringLiteral("host-build+image-load"));
        for (const auto& call : m_rig->tools().calls(QStringLiteral("docker")))
            QVERIFY(!call.environment.contains("DOCKER_HOST=")); // the host's own daemon
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("load")), 2);
        // A second deploy finds both in `minikube image ls`.
        auto again = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*again, 60000));
        QVERIFY(again->failedIndex() < 0);
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("load")), 2);
    }

    // A two-node minikube, as the real one prints it: `minikube status -o json` is an array (stopped at
    // first, so it lists both nodes stopped; healthy once started) and docker-env refuses to run. The
    // images are built with the host's docker and copied in with `minikube image load`; docker-env is
    // not even asked.
    void multiNodeClusterLoadsImages()
    {
        m_rig->tools().prepend(
            QStringLiteral("minikube"),
            QStringLiteral("state=%1\n"
                           "case \" $* \" in\n"
                           "*\" status \"*)\n"
                           "    if [ -e \"$state/running\" ]; then cat %2; exit 0; fi\n"
                           "    cat %3; exit 7 ;;\n"
                           "*\" docker-env \"*)\n%4 ;;\n"
                           "esac")
                .arg(shellQuote(m_rig->stateDir()), shellQuote(doctorFixture("minikube-status-multinode.json")),
                     shellQuote(doctorFixture("minikube-status-multinode-stopped.json")), multiNodeConflict()));
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        QCOMPARE(pipeline->context().minikubeNodes, 2);
        QVERIFY(pipeline->step(QStringLiteral("cluster"))
                    ->output()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("Restarting existing docker container")));
        QCOMPARE(pipeline->context().delivery->name(), QStringLiteral("host-build+image-load"));
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("docker-env")), 0);
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("load")), 2);
        for (const auto& call : m_rig->tools().calls(QStringLiteral("docker")))
            QVERIFY(!call.environment.contains("DOCKER_HOST=")); // the host's own daemon
        const QString images = pipeline->step(QStringLiteral("images"))->output().join(QLatin1Char('\n'));
        QVERIFY2(images.contains(QStringLiteral("the cluster has 2 nodes")), qPrintable(images));

        // "Show commands" after the run: what it did, image load and no docker-env.
        const QString backendTag = pipeline->context().images.value(QStringLiteral("backend")).tag;
        const QString script = pipeline->commandScript();
        QVERIFY2(script.contains(QStringLiteral("minikube -p minikube image load todo-backend:") + backendTag),
                 qPrintable(script));
        QVERIFY(!script.contains(QStringLiteral("eval $(minikube")));
    }

    // minikube refuses docker-env although the Cluster step saw one node (e.g. a node added after it looked):
    // image load rather than a failed deploy.
    void dockerEnvMultiNodeConflictFallsBackToImageLoad()
    {
        m_rig->tools().prepend(
            QStringLiteral("minikube"),
            QStringLiteral("case \" $* \" in\n*\" docker-env \"*)\n%1 ;;\nesac").arg(multiNodeConflict()));
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        QCOMPARE(pipeline->context().minikubeNodes, 1);
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("docker-env")), 1);
        QCOMPARE(pipeline->context().delivery->name(), QStringLiteral("host-build+image-load"));
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("load")), 2);
        const QString images = pipeline->step(QStringLiteral("images"))->output().join(QLatin1Char('\n'));
        QVERIFY2(images.contains(QStringLiteral("ENV_MULTINODE_CONFLICT")), qPrintable(images));
    }

    void accessThroughMinikubeService()
    {
        QFile file(m_rig->profilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray yaml = file.readAll();
        file.close();
        yaml.replace("mode: nodeport", "mode: minikube-service");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml);
        file.close();
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        QCOMPARE(pipeline->context().accessUrl, QStringLiteral("http://127.0.0.1:%1").arg(m_rig->healthPort()));
        QCOMPARE(countCalls(m_rig->tools(), QStringLiteral("minikube"), QStringLiteral("--url")), 1);
    }

    void skipBuildNeedsTheImages()
    {
        auto first = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*first, 60000));
        QVERIFY(first->failedIndex() < 0);
        QFile source(m_rig->sourceDir() + QStringLiteral("/backend/src/main.py"));
        QVERIFY(source.open(QIODevice::Append));
        source.write("print('changed')\n");
        source.close();
        auto pipeline = m_rig->makePipeline();
        PipelineOptions options = pipeline->options();
        options.skipBuild = true;
        pipeline->setOptions(options);
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QCOMPARE(pipeline->step(QStringLiteral("images"))->state(), StepState::Failed);
        QVERIFY2(pipeline->step(QStringLiteral("images"))->message().contains(QStringLiteral("--skip-build")),
                 qPrintable(pipeline->step(QStringLiteral("images"))->message()));
    }

    // No secret value in any argv or environment a tool saw, in any values file helm got, in the log,
    // or in any settings or config file.
    void noSecretAnywhere()
    {
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0, qPrintable(describe(*pipeline)));
        m_rig->setFlag(QStringLiteral("helm-fails"), true); // a failure path too
        auto failing = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*failing, 60000));
        log::flush();

        QList<QPair<QString, QByteArray>> haystacks;
        haystacks << qMakePair(QStringLiteral("stand-in records"), m_rig->tools().allRecordedBytes());
        for (const QByteArray& values : m_rig->helmValuesFiles())
            haystacks << qMakePair(QStringLiteral("helm values"), values);
        QFile logFile(log::logFilePath());
        QVERIFY2(logFile.open(QIODevice::ReadOnly), qPrintable(log::logFilePath()));
        haystacks << qMakePair(QStringLiteral("log"), logFile.readAll());
        QString steps;
        for (const PipelineStep* s : pipeline->steps())
            steps += s->output().join(QLatin1Char('\n')) + s->message();
        haystacks << qMakePair(QStringLiteral("step output"), steps.toUtf8());
        haystacks << qMakePair(QStringLiteral("dry run"), pipeline->commandScript().toUtf8());
        for (const QString& dir : { QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                                    QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                                    QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) }) {
            QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly))
                    haystacks << qMakePair(f.fileName(), f.readAll());
            }
        }
        QVERIFY(haystacks.size() >= 6);
        for (const QString& secret : m_rig->secretValues()) {
            QVERIFY(secret.size() >= 16);
            for (const auto& [where, bytes] : haystacks)
                QVERIFY2(!bytes.contains(secret.toUtf8()),
                         qPrintable(QStringLiteral("a secret is in the %1").arg(where)));
        }
        // The override did carry the Secret's name and checksum, and the log the redacted step lines.
        bool carried = false;
        for (const QByteArray& values : m_rig->helmValuesFiles())
            carried = carried || values.contains("existingSecret");
        QVERIFY(carried);
    }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "PipelineTest.moc"
