#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// CreateContainerConfigError over recorded pods: the Secret and key named from the kubelet's message.
class ConfigRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        QTest::newRow("a key missing from the app's Secret opens the Secrets page on it")
            << "config/missing-key"
            << "todo"
            << "container-config-error"
            << "backend-7d9c8f6b5-k3y00"
            << "error"
            << "backend-7d9c8f6b5-k3y00 cannot start: Secret todo-secrets has no key DATABASE_URL"
            << QStringList { "reads the key DATABASE_URL from the Secret todo-secrets", "Secrets page" }
            << QStringList { "containerStatuses[backend].state.waiting: CreateContainerConfigError: couldn't find key "
                             "DATABASE_URL in Secret todo-app/todo-secrets",
                             "spec.containers[backend].env[DATABASE_URL].valueFrom.secretKeyRef = "
                             "todo-secrets/DATABASE_URL",
                             "Warning Failed (x9, 0s ago): Error: couldn't find key DATABASE_URL in Secret "
                             "todo-app/todo-secrets" }
            << QStringList { "open-secrets", "copy-command" }
            << QStringList { "open-secrets:key=DATABASE_URL", "open-secrets:secret=todo-secrets" };
        QTest::newRow("the whole Secret is missing: the first key it would give")
            << "config/missing-secret"
            << "todo"
            << "container-config-error"
            << "backend-7d9c8f6b5-s3cr3"
            << "error"
            << "backend-7d9c8f6b5-s3cr3 cannot start: Secret todo-secrets does not exist"
            << QStringList { "does not exist in namespace todo-app" }
            << QStringList { "containerStatuses[backend].state.waiting: CreateContainerConfigError: secret "
                             "\"todo-secrets\" not found",
                             "spec.containers[backend].env[JWT_SECRET].valueFrom.secretKeyRef = "
                             "todo-secrets/JWT_SECRET",
                             "Warning Failed (x6, 0s ago): Error: secret \"todo-secrets\" not found" }
            << QStringList { "open-secrets", "copy-command" } << QStringList { "open-secrets:key=DATABASE_URL" };
        QTest::newRow("a Secret the profile does not manage: the kubectl command")
            << "config/other-secret"
            << "todo"
            << "container-config-error"
            << "backend-7d9c8f6b5-0th3r"
            << "error"
            << "backend-7d9c8f6b5-0th3r cannot start: Secret payment has no key api-key"
            << QStringList { "the key api-key from the Secret payment" }
            << QStringList { "spec.containers[backend].env[STRIPE_KEY].valueFrom.secretKeyRef = payment/api-key" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
        QTest::newRow("without a profile the app's Secret is not known")
            << "config/missing-key"
            << "none"
            << "container-config-error"
            << "backend-7d9c8f6b5-k3y00"
            << "error"
            << "backend-7d9c8f6b5-k3y00 cannot start: Secret todo-secrets has no key DATABASE_URL" << QStringList {}
            << QStringList {} << QStringList { "copy-command", "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    void commands()
    {
        const FakeObjectCache cache(QStringLiteral("config/other-secret"));
        std::optional<Finding> f = diagnosed(cache, todoContext(), QStringLiteral("container-config-error"),
                                             QStringLiteral("backend-7d9c8f6b5-0th3r"));
        QVERIFY(f);
        QCOMPARE(f->actions.first().command,
                 QStringLiteral("kubectl -n todo-app patch secret payment --type merge -p "
                                "'{\"stringData\":{\"api-key\":\"VALUE\"}}'"));
        const FakeObjectCache missing(QStringLiteral("config/missing-key"));
        f = diagnosed(missing, todoContext(), QStringLiteral("container-config-error"),
                      QStringLiteral("backend-7d9c8f6b5-k3y00"));
        QVERIFY(f);
        QCOMPARE(f->actions.first().command,
                 QStringLiteral("quayside secrets set DATABASE_URL && quayside secrets apply"));
    }
};

QTEST_GUILESS_MAIN(ConfigRulesTest)
#include "ConfigRulesTest.moc"
