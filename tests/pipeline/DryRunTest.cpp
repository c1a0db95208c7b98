#include "core/ExecutableFinder.h"
#include "core/Redactor.h"
#include "pipeline/CommandPreview.h"
#include "pipeline/HelmCommands.h"
#include "pipeline/Pipeline.h"
#include "process/ProcessToolRunner.h"
#include "profile/ProfileLoader.h"
#include "profile/ProfileLocator.h"
#include "support/HelmBinaries.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

namespace {

// The helm the dry run finds: `path`, or none when it does not exist.
auto helmAt(const QString& path)
{
    ExecutableFinder::setOverrides({ { QStringLiteral("helm"), path } });
    return qScopeGuard([] { ExecutableFinder::setOverrides({}); });
}

} // namespace

// "Show commands" and `deploy --dry-run`: the whole sequence, in order, runnable without Quayside,
// with no secret value anywhere.
class DryRunTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QString>("arg");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "todo-backend:abc"
                               << "todo-backend:abc";
        QTest::newRow("space") << "/my app/x"
                               << "'/my app/x'";
        QTest::newRow("quote") << "it's"
                               << "'it'\\''s'";
        QTest::newRow("braces") << "{{.Id}}"
                                << "'{{.Id}}'";
        QTest::newRow("source placeholder") << "${SOURCE}/backend"
                                            << "\"${SOURCE}\"/backend";
        QTest::newRow("empty") << ""
                               << "''";
    }
    void quoting()
    {
        QFETCH(QString, arg);
        QFETCH(QString, quoted);
        QCOMPARE(CommandPreview::quote(arg), quoted);
    }

    void todoChatbotScript()
    {
        QTemporaryDir source;
        QDir(source.path()).mkpath(QStringLiteral("backend/src"));
        QDir(source.path()).mkpath(QStringLiteral("frontend"));
        QFile(source.filePath(QStringLiteral("backend/src/main.py"))).open(QIODevice::WriteOnly);
        QList<ProfileError> errors;
        auto profile = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { source.path(), false });
        QVERIFY2(profile, qPrintable(ProfileError::join(errors)));

        const QString secret = QStringLiteral("postgresql://neon:hunter2-very-secret@ep-x.neon.tech/db");
        Redactor::instance().registerSecret(secret);
        ProcessToolRunner runner;
        Pipeline pipeline(*profile, {}, { &runner, nullptr, nullptr });
        pipeline.computeImageTags();
        const auto noHelm = helmAt(source.filePath(QStringLiteral("no-helm-here")));
        const QString script = pipeline.commandScript();
        const QString backendTag = pipeline.context().images.value(QStringLiteral("backend")).tag;
        QCOMPARE(backendTag.size(), 12);

        // Every command, in the order the pipeline runs them.
        const QStringList expected {
            QStringLiteral("minikube -p minikube status -o json"),
            QStringLiteral("minikube start -p minikube --cpus=2 --memory=4096"),
            QStringLiteral("minikube -p minikube addons enable metrics-server"),
            QStringLiteral("kubectl --context minikube version"),
            QStringLiteral("eval $(minikube -p minikube docker-env --shell bash)"),
            QStringLiteral("docker image inspect --format '{{.Id}}' todo-backend:") + backendTag,
            QStringLiteral("docker build -f ") + QStringLiteral(QUAYSIDE_SOURCE_DIR)
                + QStringLiteral("/docker/backend/Dockerfile -t todo-backend:") + backendTag,
            QStringLiteral("--build-arg NEXT_PUBLIC_API_URL=http://backend-service:8000"),
            QStringLiteral("kubectl --context minikube -n todo-app create secret generic todo-app-secrets"),
            QStringLiteral("--from-literal=DATABASE_URL='***'"),
            QStringLiteral("cat > quayside-values.yaml <<'EOF'"),
            QStringLiteral("tag: \"") + backendTag + QLatin1Char('"'),
            QStringLiteral("helm upgrade --install todo-chatbot ") + QStringLiteral(QUAYSIDE_SOURCE_DIR)
                + QStringLiteral("/k8s-templates/helm/todo-chatbot -n todo-app --create-namespace -f ")
                + QStringLiteral(QUAYSIDE_SOURCE_DIR)
                + QStringLiteral("/k8s-templates/helm/todo-chatbot/values-dev.yaml -f quayside-values.yaml "
                                 "--atomic --wait --timeout 5m --kube-context minikube"),
            QStringLiteral("rm -f quayside-values.yaml"),
            QStringLiteral("helm history todo-chatbot -n todo-app -o json --max 20 --kube-context minikube"),
            QStringLiteral("kubectl --context minikube -n todo-app rollout status deployment/backend --timeout=300s"),
            QStringLiteral("kubectl --context minikube -n todo-app rollout status deployment/frontend --timeout=300s"),
            QStringLiteral("URL=\"http://$(minikube -p minikube ip):30000\""),
            QStringLiteral("curl -s -o /dev/null -w '%{http_code}\\n' \"$URL\"/api/health"),
        };
        qsizetype at = 0;
        for (const QString& line : expected) {
            const qsizetype found = script.indexOf(line, at);
            QVERIFY2(found >= 0, qPrintable(QStringLiteral("missing or out of order: %1\n---\n%2").arg(line, script)));
            at = found + line.size();
        }
        // The frontend's context is missing a file set but exists: it has a tag too.
        QVERIFY(!pipeline.context().images.value(QStringLiteral("frontend")).tag.isEmpty());
        // Secrets: names only; the Secret's checksum is a placeholder until the Secret is applied.
        QVERIFY(!script.contains(secret));
        QVERIFY(!script.contains(QStringLiteral("hunter2")));
        QVERIFY(script.contains(QStringLiteral("checksum: \"<sha256 of the Secret's data>\"")));
        // A secret that slipped into any preview line is masked anyway.
        QCOMPARE(CommandPreview::render({ { {}, QStringLiteral("echo ") + secret } }), QStringLiteral("echo ***\n"));
        Redactor::instance().forgetAll();
    }

    // The Helm commands take the flags of the Helm found on PATH (the real 3.17.2 and 4.1.4 here), and
    // Helm 3's, with a comment saying so, when there is none.
    void helmFlagsOfTheHelmFound_data()
    {
        QTest::addColumn<QString>("helm"); // empty: none
        QTest::addColumn<QString>("upgrade");
        QTest::addColumn<QString>("rollback");
        QTest::addColumn<QString>("comment");
        QTest::newRow("none") << QString() << "-f quayside-values.yaml --atomic --wait --timeout 5m" << QString()
                              << "# No helm found on PATH (or not asked yet): these are Helm 3's flags; Helm 4 takes "
                                 "--rollback-on-failure --wait=watcher instead of --atomic --wait.\n";
        QTest::newRow("helm 3") << test::helmBinary(3) << "-f quayside-values.yaml --atomic --wait --timeout 5m"
                                << "--wait --timeout 5m"
                                << "# These are the flags of the Helm found on PATH, 3.17.2.\n"
                                   "# Install or upgrade; --atomic rolls back by itself";
        QTest::newRow("helm 4") << test::helmBinary(4)
                                << "-f quayside-values.yaml --rollback-on-failure --wait=watcher --timeout 5m"
                                << "--wait=watcher --timeout 5m"
                                << "# These are the flags of the Helm found on PATH, 4.1.4.\n"
                                   "# Install or upgrade; --rollback-on-failure rolls back by itself";
    }
    void helmFlagsOfTheHelmFound()
    {
        QFETCH(QString, helm);
        QFETCH(QString, upgrade);
        QFETCH(QString, rollback);
        QFETCH(QString, comment);
        if (!helm.isEmpty())
            QUAYSIDE_REQUIRE_HELM(helm);
        QTemporaryDir dir;
        const auto found = helmAt(helm.isEmpty() ? dir.filePath(QStringLiteral("no-helm-here")) : helm);
        QList<ProfileError> errors;
        auto profile = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { {}, false });
        QVERIFY(profile);
        profile->source = Profile::sourcePlaceholder();
        ProcessToolRunner runner;
        Pipeline pipeline(*profile, {}, { &runner, nullptr, nullptr });
        QSignalSpy known(&pipeline, &Pipeline::helmVersionKnown);
        pipeline.probeHelmVersion();
        QVERIFY(known.wait(30000));
        const QString script = pipeline.commandScript();
        QVERIFY2(script.contains(upgrade), qPrintable(script));
        QVERIFY2(script.contains(comment), qPrintable(script));
        QVERIFY2(!script.contains(QLatin1String("deprecated")), qPrintable(script));
        if (!rollback.isEmpty()) {
            QVERIFY(!pipeline.context().helmVersion.isNull());
            QVERIFY2(CommandPreview::shellLine(HelmCommands::rollback(pipeline.context(), 1)).contains(rollback),
                     qPrintable(CommandPreview::shellLine(HelmCommands::rollback(pipeline.context(), 1))));
        }
    }

    // A dry run runs no tool but `helm version`, so it cannot know the node count: it shows the single-node docker-env
    // way and, right above it, what a multi-node cluster gets instead.
    void saysWhatAMultiNodeClusterGets()
    {
        QList<ProfileError> errors;
        auto profile = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { {}, false });
        QVERIFY(profile);
        profile->source = Profile::sourcePlaceholder();
        ProcessToolRunner runner;
        Pipeline pipeline(*profile, {}, { &runner, nullptr, nullptr });
        const QString script = pipeline.commandScript();
        const QString expected = QStringLiteral(
            "# A multi-node cluster refuses docker-env (ENV_MULTINODE_CONFLICT): there each image is built with the "
            "host's Docker\n"
            "# and copied to every node with `minikube -p minikube image load IMAGE` instead.\n"
            "# Point docker at minikube's Docker daemon (this shell only)\n"
            "eval $(minikube -p minikube docker-env --shell bash)\n");
        QVERIFY2(script.contains(expected), qPrintable(script));
    }

    void withoutSource()
    {
        QList<ProfileError> errors;
        auto profile = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { {}, false });
        QVERIFY(profile);
        profile->source = Profile::sourcePlaceholder();
        ProcessToolRunner runner;
        Pipeline pipeline(*profile, {}, { &runner, nullptr, nullptr });
        pipeline.computeImageTags();
        const QString script = pipeline.commandScript();
        QVERIFY2(script.contains(QStringLiteral("-t 'todo-backend:<hash>'")), qPrintable(script));
        QVERIFY(script.contains(QStringLiteral(" \"${SOURCE}\"/backend")));
    }
};

QTEST_GUILESS_MAIN(DryRunTest)
#include "DryRunTest.moc"
