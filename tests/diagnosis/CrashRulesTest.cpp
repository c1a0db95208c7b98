#include "diagnosis/rules/CrashRules.h"

#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// CrashLoopBackOff and OOMKilled over recorded pods, their previous logs and events.
class CrashRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        const QStringList crashActions { "open-secrets", "delete-pod", "restart-deployment", "copy-command" };
        QTest::newRow("a missing variable names the secret key")
            << "crash/missing-env"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-x2x7q"
            << "error"
            << "backend-7d9c8f6b5-x2x7q restarts: DATABASE_URL is not set (secret key missing)"
            << QStringList { "CrashLoopBackOff", "exited with code 1", "set DATABASE_URL on the Secrets page" }
            << QStringList { "containerStatuses[backend].lastState.terminated: Error, exit code 1, 58s ago",
                             "restarts: 5", "KeyError: 'DATABASE_URL'",
                             "    DATABASE_URL = os.environ[\"DATABASE_URL\"]",
                             "Warning BackOff (x22, 0s ago): Back-off restarting failed container backend in pod "
                             "backend-7d9c8f6b5-x2x7q_todo-app(19928429-46b8-2047-f9a8-3013a92ac0fe)" }
            << crashActions
            << QStringList { "open-secrets:key=DATABASE_URL", "open-secrets:secret=todo-secrets",
                             "delete-pod:pod=backend-7d9c8f6b5-x2x7q", "restart-deployment:deployment=backend" };
        QTest::newRow("a Python traceback's last line")
            << "crash/module-not-found"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-m3n4b"
            << "error"
            << "backend-7d9c8f6b5-m3n4b restarts: ModuleNotFoundError: No module named 'fastapi'"
            << QStringList { "last line of its traceback" }
            << QStringList { "ModuleNotFoundError: No module named 'fastapi'", "    from fastapi import FastAPI" }
            << QStringList { "delete-pod", "restart-deployment", "copy-command" } << QStringList {};
        QTest::newRow("address already in use, with the port")
            << "crash/address-in-use"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-a1s2d"
            << "error"
            << "backend-7d9c8f6b5-a1s2d restarts: port 8000 is already in use" << QStringList { "share one network" }
            << QStringList { "ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): "
                             "address already in use",
                             "containerPort: backend:8000", "restarts: 2" }
            << QStringList { "delete-pod", "restart-deployment", "copy-command" } << QStringList {};
        QTest::newRow("Neon refuses a connection without TLS")
            << "crash/neon-ssl"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-n7e0n"
            << "error"
            << "backend-7d9c8f6b5-n7e0n restarts: the database requires an encrypted connection (sslmode=require)"
            << QStringList { "Neon only accepts encrypted connections", "?sslmode=require" }
            << QStringList { "psycopg2.OperationalError: connection to server at "
                             "\"ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech\" (3.18.62.2), port 5432 failed: "
                             "ERROR:  connection is insecure (try using `sslmode=require`)" }
            << crashActions << QStringList { "open-secrets:key=DATABASE_URL" };
        QTest::newRow("the database refuses the connection")
            << "crash/db-refused"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-d8b0x"
            << "error"
            << "backend-7d9c8f6b5-d8b0x restarts: it cannot connect to its database"
            << QStringList { "localhost is the pod itself" }
            << QStringList { "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "
                             "\"localhost\" (127.0.0.1), port 5432 failed: Connection refused" }
            << crashActions << QStringList { "open-secrets:key=DATABASE_URL" };
        QTest::newRow("exit code 127 and the runtime's message, no log")
            << "crash/command-not-found"
            << "todo"
            << "crash-loop"
            << "backend-7d9c8f6b5-c0m1d"
            << "error"
            << "backend-7d9c8f6b5-c0m1d restarts: container backend exits with code 127"
            << QStringList { "the command was not found in the image", "runtime's message" }
            << QStringList { "containerStatuses[backend].lastState.terminated: ContainerCannotRun, exit code 127, 58s "
                             "ago: failed to create task for container: failed to create shim task: OCI runtime create "
                             "failed: runc create failed: unable to start container process: exec: \"uvicorn\": "
                             "executable file not found in $PATH: unknown" }
            << QStringList { "delete-pod", "restart-deployment", "copy-command" } << QStringList {};
        QTest::newRow("OOMKilled: limit, peak, a new limit through Helm")
            << "crash/oom-killed"
            << "todo"
            << "oom-killed"
            << "backend-7d9c8f6b5-o0m1k"
            << "error"
            << "backend-7d9c8f6b5-o0m1k runs out of memory: container backend was killed at its 512Mi limit (3 "
               "restarts)"
            << QStringList { "OOMKilled, exit code 137", "768Mi is 1.5x the current one" }
            << QStringList { "containerStatuses[backend].lastState.terminated: OOMKilled, exit code 137 (SIGKILL), 58s "
                             "ago",
                             "spec.containers[backend].resources.limits.memory = 512Mi",
                             "peak memory 496Mi of a 512Mi limit (metrics-server)", "restarts: 3",
                             "suggested limit: 768Mi (1.5x the current one, above the peak)" }
            << QStringList { "raise-memory-limit" }
            << QStringList { "raise-memory-limit:limit=768Mi", "raise-memory-limit:deployment=backend",
                             "raise-memory-limit:container=backend",
                             "raise-memory-limit:valuesKey=backend.resources.limits.memory" };
        QTest::newRow("OOMKilled without metrics or a values key: the kubectl command")
            << "crash/oom-killed-no-metrics"
            << "none"
            << "oom-killed"
            << "backend-7d9c8f6b5-o0m1k"
            << "error"
            << "backend-7d9c8f6b5-o0m1k runs out of memory: container backend was killed at its 512Mi limit (3 "
               "restarts)"
            << QStringList {} << QStringList { "suggested limit: 768Mi (1.5x the current one)" }
            << QStringList { "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    void commands()
    {
        const FakeObjectCache oom(QStringLiteral("crash/oom-killed"));
        std::optional<Finding> f
            = diagnosed(oom, todoContext(), QStringLiteral("oom-killed"), QStringLiteral("backend-7d9c8f6b5-o0m1k"));
        QVERIFY(f);
        QCOMPARE(f->actions.first().command,
                 QStringLiteral("helm upgrade todo ./k8s-templates/helm/todo -n todo-app --reuse-values --set "
                                "backend.resources.limits.memory=768Mi"));
        const FakeObjectCache bare(QStringLiteral("crash/oom-killed-no-metrics"));
        f = diagnosed(bare, DiagnosisContext(), QStringLiteral("oom-killed"),
                      QStringLiteral("backend-7d9c8f6b5-o0m1k"));
        QVERIFY(f);
        QCOMPARE(
            f->actions.first().command,
            QStringLiteral("kubectl -n todo-app set resources deployment/backend -c backend --limits=memory=768Mi"));
        const FakeObjectCache crash(QStringLiteral("crash/missing-env"));
        f = diagnosed(crash, todoContext(), QStringLiteral("crash-loop"), QStringLiteral("backend-7d9c8f6b5-x2x7q"));
        QVERIFY(f);
        QCOMPARE(f->actions.last().command,
                 QStringLiteral("kubectl -n todo-app logs backend-7d9c8f6b5-x2x7q -c backend --previous"));
        QCOMPARE(f->actions.at(1).command, QStringLiteral("kubectl -n todo-app delete pod backend-7d9c8f6b5-x2x7q"));
    }

    // Before the previous log has been fetched (or when it rotated away) the exit code explains.
    void withoutTheLogTheExitCodeExplains()
    {
        FakeObjectCache cache(QStringLiteral("crash/missing-env"));
        cache.setPreviousLog(QStringLiteral("backend-7d9c8f6b5-x2x7q"), QStringLiteral("backend"), {});
        const std::optional<Finding> before
            = diagnosed(cache, todoContext(), QStringLiteral("crash-loop"), QStringLiteral("backend-7d9c8f6b5-x2x7q"));
        QVERIFY(before);
        QCOMPARE(before->summary,
                 QStringLiteral("backend-7d9c8f6b5-x2x7q restarts: container backend exits with code 1"));
        QVERIFY(before->explanation.contains(QStringLiteral("read its previous log")));
    }

    void suggestedLimit_data()
    {
        QTest::addColumn<qint64>("limitMi");
        QTest::addColumn<qint64>("peakMi");
        QTest::addColumn<qint64>("suggestedMi");
        QTest::newRow("512Mi -> 768Mi") << qint64(512) << qint64(-1) << qint64(768);
        QTest::newRow("256Mi -> 384Mi") << qint64(256) << qint64(-1) << qint64(384);
        QTest::newRow("100Mi -> 192Mi") << qint64(100) << qint64(-1) << qint64(192);
        QTest::newRow("1Gi -> 1536Mi") << qint64(1024) << qint64(-1) << qint64(1536);
        QTest::newRow("a peak above 1.5x wins") << qint64(512) << qint64(700) << qint64(1024);
        QTest::newRow("tiny") << qint64(16) << qint64(-1) << qint64(64);
    }
    void suggestedLimit()
    {
        QFETCH(qint64, limitMi);
        QFETCH(qint64, peakMi);
        QFETCH(qint64, suggestedMi);
        constexpr qint64 mi = 1024 * 1024;
        QCOMPARE(CrashRules::suggestedMemoryLimit(limitMi * mi, peakMi < 0 ? -1 : peakMi * mi), suggestedMi * mi);
    }

    void exitCodes_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("0") << 0 << 0 << "must keep running";
        QTest::newRow("1") << 1 << 0 << "reported an error";
        QTest::newRow("126") << 126 << 0 << "not executable";
        QTest::newRow("127") << 127 << 0 << "not found in the image";
        QTest::newRow("SIGKILL") << 137 << 9 << "out of memory";
        QTest::newRow("SIGSEGV") << 139 << 11 << "segmentation fault";
        QTest::newRow("SIGTERM") << 143 << 15 << "asked to stop";
    }
    void exitCodes()
    {
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        QFETCH(QString, phrase);
        QVERIFY(CrashRules::exitCodeMeaning(exitCode, signal).contains(phrase));
    }

    void absent()
    {
        // A liveness kill is the probe rule's to explain; an OOM kill is not also a crash.
        verifyAbsent(QStringLiteral("probes/liveness-500"), QStringLiteral("todo"), { QStringLiteral("crash-loop") });
        verifyAbsent(QStringLiteral("crash/oom-killed"), QStringLiteral("todo"), { QStringLiteral("crash-loop") });
        verifyAbsent(QStringLiteral("services/healthy"), QStringLiteral("todo"),
                     { QStringLiteral("crash-loop"), QStringLiteral("oom-killed") });
    }
};

QTEST_GUILESS_MAIN(CrashRulesTest)
#include "CrashRulesTest.moc"
