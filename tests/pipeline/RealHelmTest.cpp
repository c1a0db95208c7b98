// The pipeline with the real Helm, once with Helm 3 and once with Helm 4 (tests/support/install-helm.sh
// puts both in the build tree), against the fake API server: the chart of the repository is installed
// by helm itself (its Deployments, Services, ConfigMap, claim and release Secrets are what helm sent),
// redeployed, upgraded, rolled back by helm when its pods never become ready, and rolled back on
// request. minikube and docker are stand-ins (DeployRig), so no container engine is needed.
#include "DeployRig.h"
#include "core/Log.h"
#include "keychain/Keychain.h"
#include "pipeline/HelmOperations.h"
#include "pipeline/PipelineStep.h"
#include "secrets/KubeSecretApi.h"
#include "secrets/SecretApplier.h"
#include "secrets/SecretStore.h"
#include "support/HelmBinaries.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <cstdio>
#include <optional>

using namespace quayside;
using namespace quayside::test;

namespace {

const QString ns = QStringLiteral("todo-app");
const QString release = QStringLiteral("todo-chatbot");

QString describe(const Pipeline& pipeline)
{
    QString text;
    for (const PipelineStep* s : pipeline.steps())
        text += s->id() + QLatin1Char('=') + stepStateName(s->state()) + QLatin1Char(' ');
    text += QStringLiteral("\nfailure: ") + pipeline.failureMessage();
    for (const PipelineStep* s : pipeline.steps()) {
        if (s->state() == StepState::Failed || s->state() == StepState::Running)
            text += QStringLiteral("\n--- %1 output:\n").arg(s->id()) + s->output().join(QLatin1Char('\n'));
    }
    return text;
}

QJsonObject podTemplate(const QJsonObject& deployment)
{
    return deployment.value(QStringLiteral("spec")).toObject().value(QStringLiteral("template")).toObject();
}

QString imageOf(const QJsonObject& podOrTemplate)
{
    return podOrTemplate.value(QStringLiteral("spec"))
        .toObject()
        .value(QStringLiteral("containers"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("image"))
        .toString();
}

QString nameOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
}

struct Revision
{
    int revision = 0;
    QString status;
    QString description;
};

} // namespace

class RealHelmTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_logs;
    QTemporaryDir m_helmHome;
    std::unique_ptr<DeployRig> m_rig;
    QString m_helm;

    // A rig whose helm is `helm` (the caller checked it is there with QUAYSIDE_REQUIRE_HELM).
    bool setUpRig(const QString& helm)
    {
        m_helm = helm;
        DeployRig::Options options;
        options.helm = helm;
        m_rig = std::make_unique<DeployRig>(options);
        return m_rig->setUp(&m_lastFailure);
    }

    bool deploy(const Profile& profile, int timeoutMs = 120000)
    {
        Pipeline pipeline(profile, m_rig->pipelineOptions(), { m_rig->runner(), m_rig->keychain(), nullptr });
        return deploy(pipeline, timeoutMs);
    }
    bool deploy() { return deploy(m_rig->profile()); }
    bool deploy(Pipeline& pipeline, int timeoutMs = 120000)
    {
        QElapsedTimer timer;
        timer.start();
        const bool finished = DeployRig::run(pipeline, timeoutMs);
        std::printf("%s: deploy in %lld ms\n", QTest::currentDataTag(), static_cast<long long>(timer.elapsed()));
        if (!finished || pipeline.failedIndex() >= 0) {
            m_lastFailure = describe(pipeline);
            return false;
        }
        m_lastTag = pipeline.context().images.value(QStringLiteral("backend")).tag;
        m_lastRevision = pipeline.context().helmRevision;
        return true;
    }
    QString m_lastFailure;
    QString m_lastTag;
    int m_lastRevision = 0;

    // What helm itself says about the release (not what Quayside parsed).
    QList<Revision> history()
    {
        QProcess helm;
        helm.start(m_helm,
                   { QStringLiteral("history"), release, QStringLiteral("-n"), ns, QStringLiteral("-o"),
                     QStringLiteral("json"), QStringLiteral("--kubeconfig"), m_rig->server()->kubeconfigPath(),
                     QStringLiteral("--kube-context"), QStringLiteral("minikube") });
        if (!helm.waitForFinished(60000) || helm.exitCode() != 0) {
            qWarning("helm history: %s", helm.readAllStandardError().constData());
            return {};
        }
        QList<Revision> revisions;
        for (const QJsonValue& value : QJsonDocument::fromJson(helm.readAllStandardOutput()).array()) {
            const QJsonObject r = value.toObject();
            revisions.append({ r.value(QStringLiteral("revision")).toInt(),
                               r.value(QStringLiteral("status")).toString(),
                               r.value(QStringLiteral("description")).toString() });
        }
        return revisions;
    }
    static int deployedRevision(const QList<Revision>& revisions)
    {
        for (const Revision& r : revisions) {
            if (r.status == QLatin1String("deployed"))
                return r.revision;
        }
        return 0;
    }

    QJsonObject deployment(const QString& name) const
    {
        return m_rig->server()->object(QStringLiteral("deployments"), ns, name).value_or(QJsonObject());
    }
    QStringList runningPods(const QString& app) const
    {
        QStringList names;
        for (const QJsonObject& pod : m_rig->server()->podsMatching(ns, QStringLiteral("app=") + app, true))
            names << nameOf(pod);
        return names;
    }
    QStringList runningImages(const QString& app) const
    {
        QStringList images;
        for (const QJsonObject& pod : m_rig->server()->podsMatching(ns, QStringLiteral("app=") + app, true))
            images << imageOf(pod);
        return images;
    }
    void changeBackendSources(const QByteArray& content)
    {
        QFile f(m_rig->sourceDir() + QStringLiteral("/backend/src/main.py"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }

    static void helms()
    {
        QTest::addColumn<QString>("helm");
        QTest::newRow("helm3") << helmBinary(3);
        QTest::newRow("helm4") << helmBinary(4);
    }

private Q_SLOTS:
    void initTestCase()
    {
        log::initialize({ .directory = m_logs.path(), .verbose = true, .toStderr = false });
        // helm's own cache, config and plugins stay out of the user's home.
        for (const char* variable : { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            qputenv(variable, QString(m_helmHome.path() + QLatin1Char('/') + QLatin1String(variable)).toLocal8Bit());
    }

    void cleanup() { m_rig.reset(); }

    void installsTheChart_data() { helms(); }
    void installsTheChart()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        QVERIFY2(deploy(), qPrintable(m_lastFailure));

        const QList<Revision> revisions = history();
        QCOMPARE(revisions.size(), 1);
        QCOMPARE(revisions.first().status, QStringLiteral("deployed"));
        QCOMPARE(m_lastRevision, 1);

        // What the chart renders, as helm created it.
        FakeApiServer* api = m_rig->server();
        for (const auto& [resource, name] :
             { std::pair { "configmaps", "todo-app-config" }, std::pair { "services", "backend-service" },
               std::pair { "services", "frontend-service" },
               std::pair { "persistentvolumeclaims", "backend-uploads" } })
            QVERIFY2(api->object(QString::fromLatin1(resource), ns, QString::fromLatin1(name)), name);
        QCOMPARE(imageOf(podTemplate(deployment(QStringLiteral("backend")))),
                 QStringLiteral("todo-backend:") + m_lastTag);
        QCOMPARE(runningPods(QStringLiteral("backend")).size(), 1);
        QCOMPARE(runningPods(QStringLiteral("frontend")).size(), 1);
        const auto claim = api->object(QStringLiteral("persistentvolumeclaims"), ns, QStringLiteral("backend-uploads"));
        QCOMPARE(claim->value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString(),
                 QStringLiteral("Bound"));

        // The release record: a Secret helm's typed client sent as protobuf.
        const auto record
            = api->object(QStringLiteral("secrets"), ns, QStringLiteral("sh.helm.release.v1.todo-chatbot.v1"));
        QVERIFY(record);
        QCOMPARE(record->value(QStringLiteral("type")).toString(), QStringLiteral("helm.sh/release.v1"));
        const QJsonObject labels
            = record->value(QStringLiteral("metadata")).toObject().value(QStringLiteral("labels")).toObject();
        QCOMPARE(labels.value(QStringLiteral("owner")).toString(), QStringLiteral("helm"));
        QCOMPARE(labels.value(QStringLiteral("status")).toString(), QStringLiteral("deployed"));
        bool protobuf = false;
        for (const RecordedRequest& r : api->requestsMatching(QStringLiteral("POST"), QStringLiteral("/secrets")))
            protobuf = protobuf || r.contentType == "application/vnd.kubernetes.protobuf";
        QVERIFY(protobuf);

        // Helm 4 applies server-side, Helm 3 creates; both under the field manager "helm".
        const bool four = QByteArray(QTest::currentDataTag()) == "helm4";
        const auto writes = api->requestsMatching(four ? QStringLiteral("PATCH") : QStringLiteral("POST"),
                                                  QStringLiteral("/deployments"));
        QVERIFY(!writes.isEmpty());
        QVERIFY2(writes.first().userAgent.startsWith(four ? "Helm/4." : "Helm/3."),
                 writes.first().userAgent.constData());
        if (four)
            QCOMPARE(writes.first().contentType, QByteArray("application/apply-patch+yaml"));
        const QJsonArray managed = deployment(QStringLiteral("backend"))
                                       .value(QStringLiteral("metadata"))
                                       .toObject()
                                       .value(QStringLiteral("managedFields"))
                                       .toArray();
        QVERIFY(!managed.isEmpty());
        QCOMPARE(managed.first().toObject().value(QStringLiteral("manager")).toString(), QStringLiteral("helm"));
        QCOMPARE(managed.first().toObject().value(QStringLiteral("operation")).toString(),
                 four ? QStringLiteral("Apply") : QStringLiteral("Update"));
    }

    void redeployWithNothingChanged_data() { helms(); }
    void redeployWithNothingChanged()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        const auto builds = [this] {
            int n = 0;
            for (const auto& call : m_rig->tools().calls(QStringLiteral("docker")))
                n += call.arguments.value(0) == QLatin1String("build");
            return n;
        };
        const int buildsBefore = builds();
        const QJsonObject before = deployment(QStringLiteral("backend"));
        const QStringList podsBefore = runningPods(QStringLiteral("backend")) + runningPods(QStringLiteral("frontend"));

        Pipeline again(m_rig->profile(), m_rig->pipelineOptions(), { m_rig->runner(), m_rig->keychain(), nullptr });
        QVERIFY2(deploy(again), qPrintable(m_lastFailure));
        QCOMPARE(builds(), buildsBefore);
        for (const ImageResult& image : again.context().images)
            QCOMPARE(image.outcome, ImageResult::Outcome::Reused);
        // helm records every upgrade as a revision, changed or not: Quayside reports the one helm made.
        const QList<Revision> revisions = history();
        QCOMPARE(revisions.size(), 2);
        QCOMPARE(m_lastRevision, deployedRevision(revisions));
        QCOMPARE(m_lastRevision, 2);
        // Nothing rolled: same template generation, same pods.
        const QJsonObject after = deployment(QStringLiteral("backend"));
        QCOMPARE(after.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("generation")),
                 before.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("generation")));
        QCOMPARE(runningPods(QStringLiteral("backend")) + runningPods(QStringLiteral("frontend")), podsBefore);
    }

    void changedImageRollsOut_data() { helms(); }
    void changedImageRollsOut()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        const QString firstTag = m_lastTag;
        const QStringList backendBefore = runningPods(QStringLiteral("backend"));
        const QStringList frontendBefore = runningPods(QStringLiteral("frontend"));

        changeBackendSources("print('backend, second edition')\n");
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        QVERIFY(m_lastTag != firstTag);
        QCOMPARE(m_lastRevision, 2);
        const QString image = QStringLiteral("todo-backend:") + m_lastTag;
        QCOMPARE(imageOf(podTemplate(deployment(QStringLiteral("backend")))), image);
        // helm --wait returned once the new pods were ready; the old ones are going or gone.
        QTRY_COMPARE_WITH_TIMEOUT(runningImages(QStringLiteral("backend")), QStringList { image }, 10000);
        for (const QString& pod : runningPods(QStringLiteral("backend")))
            QVERIFY(!backendBefore.contains(pod));
        QCOMPARE(runningPods(QStringLiteral("frontend")), frontendBefore);
    }

    void neverReadyUpgradeIsRolledBack_data() { helms(); }
    void neverReadyUpgradeIsRolledBack()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        const QString goodImage = QStringLiteral("todo-backend:") + m_lastTag;

        // The next backend image crashes: helm waits for it in vain until its timeout, then rolls back.
        changeBackendSources("raise SystemExit(1)\n");
        Profile profile = m_rig->profile();
        profile.chart.timeout = std::chrono::seconds(8);
        Pipeline pipeline(profile, m_rig->pipelineOptions(), { m_rig->runner(), m_rig->keychain(), nullptr });
        pipeline.computeImageTags();
        const QString badImage
            = QStringLiteral("todo-backend:") + pipeline.context().images.value(QStringLiteral("backend")).tag;
        QVERIFY(badImage != goodImage);
        m_rig->server()->setImageBehaviour(badImage, PodBehaviour::CrashLoop);
        QVERIFY2(!deploy(pipeline), "the upgrade must fail");
        QCOMPARE(pipeline.step(QStringLiteral("helm"))->state(), StepState::Failed);

        const QList<Revision> revisions = history();
        QCOMPARE(revisions.size(), 3);
        QCOMPARE(revisions.at(1).status, QStringLiteral("failed"));
        QCOMPARE(revisions.at(2).status, QStringLiteral("deployed"));
        QCOMPARE(revisions.at(2).description, QStringLiteral("Rollback to 1"));
        // Quayside says which revision is live, as helm has it.
        const QString failure = pipeline.failureMessage();
        std::printf("%s: %s\n", QTest::currentDataTag(), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("revision 3 is deployed")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("rolled")), qPrintable(failure));
        QCOMPARE(imageOf(podTemplate(deployment(QStringLiteral("backend")))), goodImage);
        QTRY_COMPARE_WITH_TIMEOUT(runningImages(QStringLiteral("backend")), QStringList { goodImage }, 10000);
    }

    void rollbackToRevision_data() { helms(); }
    void rollbackToRevision()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        const QString firstImage = QStringLiteral("todo-backend:") + m_lastTag;
        changeBackendSources("print('backend, second edition')\n");
        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        QVERIFY(imageOf(podTemplate(deployment(QStringLiteral("backend")))) != firstImage);

        // What `quayside rollback 1` and the release history panel run.
        HelmOperations operations(m_rig->profile(), m_rig->pipelineOptions(), m_rig->runner());
        std::optional<std::pair<bool, QString>> rolledBack;
        connect(&operations, &HelmOperations::rollbackFinished, this, [&rolledBack](bool ok, const QString& message) {
            rolledBack = { ok, message };
        });
        operations.rollback(1);
        QTRY_VERIFY_WITH_TIMEOUT(rolledBack.has_value(), 120000);
        QVERIFY2(rolledBack->first, qPrintable(rolledBack->second));

        const QList<Revision> revisions = history();
        QCOMPARE(revisions.size(), 3);
        QCOMPARE(deployedRevision(revisions), 3);
        QCOMPARE(revisions.last().description, QStringLiteral("Rollback to 1"));
        QCOMPARE(imageOf(podTemplate(deployment(QStringLiteral("backend")))), firstImage);
        QTRY_COMPARE_WITH_TIMEOUT(runningImages(QStringLiteral("backend")), QStringList { firstImage }, 10000);

        std::optional<QList<HelmHistory::Revision>> panel;
        connect(&operations, &HelmOperations::historyReady, this,
                [&panel](const QList<HelmHistory::Revision>& history, const QString&) { panel = history; });
        operations.fetchHistory();
        QTRY_VERIFY_WITH_TIMEOUT(panel.has_value(), 60000);
        QCOMPARE(panel->size(), 3);
        QCOMPARE(HelmHistory::deployedRevision(*panel), 3);
    }

    void secretsApplyThenDeployRollsThePods_data() { helms(); }
    void secretsApplyThenDeployRollsThePods()
    {
        QFETCH(QString, helm);
        QUAYSIDE_REQUIRE_HELM(helm);
        QVERIFY2(setUpRig(helm), qPrintable(m_lastFailure));
        Pipeline first(m_rig->profile(), m_rig->pipelineOptions(), { m_rig->runner(), m_rig->keychain(), nullptr });
        QVERIFY2(deploy(first), qPrintable(m_lastFailure));
        const auto checksumOf = [this] {
            return podTemplate(deployment(QStringLiteral("backend")))
                .value(QStringLiteral("metadata"))
                .toObject()
                .value(QStringLiteral("annotations"))
                .toObject()
                .value(QStringLiteral("checksum/secret"))
                .toString();
        };
        const QString checksumBefore = checksumOf();
        QCOMPARE(checksumBefore, first.context().secretChecksum);
        const QStringList backendBefore = runningPods(QStringLiteral("backend"));
        const QStringList frontendBefore = runningPods(QStringLiteral("frontend"));

        // A rotated JWT secret, then what `quayside secrets apply` does: the store's values to the Secret.
        SecretStore store(m_rig->keychain(), m_rig->profile().secrets);
        bool stored = false;
        store.set(QStringLiteral("JWT_SECRET"), QByteArray(48, 'r'), this,
                  [&stored](const SecretStore::Result& result) { stored = result.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 20000);
        KubeSecretApi api(first.context().kube);
        SecretApplier applier(&api);
        std::optional<SecretApplier::Result> result;
        connect(&applier, &SecretApplier::finished, this, [&result](const SecretApplier::Result& r) { result = r; });
        store.readAll(this, [&](SecretValues& values, const SecretStore::Result& read) {
            if (read.ok())
                applier.apply(ns, m_rig->profile().secrets.secretName, std::move(values));
            else
                result = SecretApplier::Result { false, false, read.message, {}, {} };
        });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok, qPrintable(result->message));
        QVERIFY(result->checksum != checksumBefore);

        QVERIFY2(deploy(), qPrintable(m_lastFailure));
        QCOMPARE(checksumOf(), result->checksum);
        QTRY_VERIFY_WITH_TIMEOUT(!runningPods(QStringLiteral("backend")).isEmpty()
                                     && !backendBefore.contains(runningPods(QStringLiteral("backend")).first()),
                                 10000);
        QCOMPARE(runningPods(QStringLiteral("frontend")), frontendBefore); // it reads no secret
    }
};

QTEST_GUILESS_MAIN(RealHelmTest)
#include "RealHelmTest.moc"
