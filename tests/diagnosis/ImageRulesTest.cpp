#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// ErrImageNeverPull / ErrImagePull / ImagePullBackOff over recorded pods and the kubelet's events.
class ImageRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        QTest::newRow("ErrImageNeverPull: built locally, never loaded")
            << "image/never-pull"
            << "todo"
            << "image-not-present"
            << "backend-7d9c8f6b5-x2x7q"
            << "error"
            << "backend-7d9c8f6b5-x2x7q: image todo-backend:3f2a1c9 is not in the cluster (ErrImageNeverPull)"
            << QStringList { "does not have it", "imagePullPolicy is Never" }
            << QStringList { "containerStatuses[backend].state.waiting: ErrImageNeverPull: Container image "
                             "\"todo-backend:3f2a1c9\" is not present with pull policy of Never",
                             "spec.containers[backend].image = todo-backend:3f2a1c9",
                             "spec.containers[backend].imagePullPolicy = Never",
                             "Warning ErrImageNeverPull (x14, 0s ago): Container image \"todo-backend:3f2a1c9\" is not "
                             "present with pull policy of Never" }
            << QStringList { "rebuild-images", "copy-command" }
            << QStringList { "rebuild-images:images=todo-backend:3f2a1c9" };
        QTest::newRow(":latest defaults imagePullPolicy to Always")
            << "image/latest-always"
            << "todo"
            << "image-not-present"
            << "frontend-5b6c7d8e9-k4m2n"
            << "error"
            << "frontend-5b6c7d8e9-k4m2n: image todo-frontend:latest is not in the cluster (ErrImagePull)"
            << QStringList { "default imagePullPolicy to Always", "versioned tag" }
            << QStringList { "spec.containers[frontend].imagePullPolicy = Always",
                             "Warning Failed (x3, 0s ago): Failed to pull image \"todo-frontend:latest\": Error "
                             "response from daemon: pull access denied for todo-frontend, repository does not exist "
                             "or may require 'docker login': denied: requested access to the resource is denied",
                             "Normal BackOff (x4, 0s ago): Back-off pulling image \"todo-frontend:latest\"" }
            << QStringList { "rebuild-images", "copy-command" } << QStringList {};
        QTest::newRow(":latest with IfNotPresent: the node has no copy")
            << "image/latest-ifnotpresent"
            << "todo"
            << "image-not-present"
            << "backend-7d9c8f6b5-q8w3e"
            << "error"
            << "backend-7d9c8f6b5-q8w3e: image todo-backend:latest is not in the cluster (ImagePullBackOff)"
            << QStringList { "IfNotPresent the node uses its own copy", "old :latest" }
            << QStringList { "spec.containers[backend].imagePullPolicy = IfNotPresent",
                             "Normal BackOff (x11, 0s ago): Back-off pulling image \"todo-backend:latest\"" }
            << QStringList { "rebuild-images", "copy-command" } << QStringList {};
        QTest::newRow("no profile: a short name no registry has is still local")
            << "image/latest-always"
            << "none"
            << "image-not-present"
            << "frontend-5b6c7d8e9-k4m2n"
            << "error"
            << "frontend-5b6c7d8e9-k4m2n: image todo-frontend:latest is not in the cluster (ErrImagePull)"
            << QStringList {} << QStringList {} << QStringList { "rebuild-images", "copy-command" } << QStringList {};
        QTest::newRow("a registry image with a tag that does not exist")
            << "image/registry-tag-missing"
            << "todo"
            << "image-pull-failed"
            << "web-6f7a8b9c0-z9y8x"
            << "error"
            << "web-6f7a8b9c0-z9y8x: image nginx:1.999 cannot be pulled (ImagePullBackOff)"
            << QStringList { "name or tag is wrong", "imagePullSecret" }
            << QStringList { "Warning Failed (x4, 60s ago): Failed to pull image \"nginx:1.999\": Error response from "
                             "daemon: manifest for nginx:1.999 not found: manifest unknown: manifest unknown" }
            << QStringList { "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    // The copy command for an image built by hand names the workspace's minikube profile.
    void loadCommandUsesTheProfile()
    {
        const FakeObjectCache cache(QStringLiteral("image/never-pull"));
        const QList<Finding> findings = Diagnoser::diagnose(cache, todoContext(), fixtureNow());
        const Finding* f
            = findingOf(findings, QStringLiteral("image-not-present"), QStringLiteral("backend-7d9c8f6b5-x2x7q"));
        QVERIFY(f);
        QCOMPARE(f->actions.at(1).command, QStringLiteral("minikube -p quayside image load todo-backend:3f2a1c9"));
        QCOMPARE(f->actions.at(0).command, QStringLiteral("quayside deploy"));
        QVERIFY(f->actions.at(0).isOneClick());
    }

    void absent()
    {
        // A registry image is not called "not loaded"; healthy pods have no image finding.
        verifyAbsent(QStringLiteral("image/registry-tag-missing"), QStringLiteral("todo"),
                     { QStringLiteral("image-not-present") });
        verifyAbsent(QStringLiteral("services/healthy"), QStringLiteral("todo"),
                     { QStringLiteral("image-not-present"), QStringLiteral("image-pull-failed") });
    }
};

QTEST_GUILESS_MAIN(ImageRulesTest)
#include "ImageRulesTest.moc"
