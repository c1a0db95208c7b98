#include "ai/AskJob.h"
#include "ai/KagentCli.h"
#include "ai/ProposedCommand.h"
#include "process/ShellQuote.h"
#include "workspace/ClusterTarget.h"

#include <QTest>

using namespace quayside;
using namespace quayside::ai;

// The text Quayside reads from AI tools and their help: shell words, proposed kubectl commands, kagent's
// three command-line shapes and its JSON answers. Pure functions, no processes.
class AiTextTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shellSplitFollowsPosixQuoting()
    {
        QStringList words;
        QString error;
        const QString jsonpath = QStringLiteral("kubectl get pods -n todo-app -o 'jsonpath={.items[*].metadata.name}'");
        QVERIFY(shellSplit(jsonpath, &words, &error));
        QCOMPARE(
            words,
            (QStringList { "kubectl", "get", "pods", "-n", "todo-app", "-o", "jsonpath={.items[*].metadata.name}" }));
        const QString quoted = QStringLiteral("a \"b c\" d\\ e \"x\\\"y\" 'it'\\''s'");
        QVERIFY(shellSplit(quoted, &words, &error));
        QCOMPARE(words, (QStringList { "a", "b c", "d e", "x\"y", "it's" }));
        const QString joined = QStringLiteral("a 'b c' 'd e' 'x\"y' 'it'\\''s'");
        QCOMPARE(shellJoin(words), joined);
        for (const char* refused : { "kubectl get pods | grep x", "kubectl get pods; rm -rf /", "kubectl logs x > f",
                                     "kubectl get $(whoami)", "kubectl get `id`", "kubectl get pods && echo",
                                     "kubectl get pods -n $NS", "kubectl get pod *", "echo 'open" }) {
            QVERIFY2(!shellSplit(QString::fromLatin1(refused), &words, &error), refused);
            QVERIFY(!error.isEmpty());
        }
    }

    void proposedCommandsAreFoundAndClassified()
    {
        const QString answer = QStringLiteral(
            "  Running: kubectl get pods -n todo-app\n"
            "\n"
            "  The backend pod crashes because DATABASE_URL is missing. Restart it once the Secret is fixed:\n"
            "\n"
            "```sh\n"
            "kubectl rollout restart deployment/backend -n todo-app\n"
            "$ kubectl get pods -n todo-app -w\n"
            "kubectl get events -n todo-app --sort-by=.lastTimestamp | tail\n"
            "```\n"
            "You can also check with `kubectl describe pod backend-7d9c -n todo-app` or `kubectl --context prod get "
            "pods`.\n"
            "`kubectl rollout restart deployment/backend -n todo-app`\n");
        const QList<ProposedCommand> commands = ProposedCommand::extract(answer);
        QCOMPARE(commands.size(), 5);
        QCOMPARE(commands[0].words,
                 (QStringList { "kubectl", "rollout", "restart", "deployment/backend", "-n", "todo-app" }));
        QVERIFY(commands[0].changes);
        QVERIFY(commands[0].canRun());
        QVERIFY(!commands[1].canRun()); // -w never ends
        QVERIFY(!commands[2].canRun()); // a pipe
        QVERIFY(commands[2].refusal.contains(QLatin1String("pipe")));
        QVERIFY(!commands[3].changes);
        QVERIFY(commands[3].canRun());
        QVERIFY(!commands[4].canRun()); // another context
        QVERIFY(commands[4].refusal.contains(QLatin1String("--context")));

        for (const char* refused :
             { "kubectl exec -it backend -- sh", "kubectl edit deploy backend", "kubectl apply -f deployment.yaml",
               "kubectl port-forward svc/x 8080:80", "kubectl logs -f backend" })
            QVERIFY2(!ProposedCommand::parse(QString::fromLatin1(refused)).canRun(), refused);
        for (const char* readOnly :
             { "kubectl get pods", "kubectl describe pod x", "kubectl logs x --previous", "kubectl top pods",
               "kubectl rollout status deploy/backend", "kubectl auth can-i get pods" })
            QVERIFY2(!ProposedCommand::parse(QString::fromLatin1(readOnly)).changes, readOnly);
        for (const char* changes : { "kubectl scale deploy/backend --replicas=2", "kubectl delete pod x",
                                     "kubectl rollout undo deploy/backend", "kubectl set image deploy/backend a=b" })
            QVERIFY2(ProposedCommand::parse(QString::fromLatin1(changes)).changes, changes);
    }

    void aProposalRunsOnQuaysidesTarget()
    {
        ClusterTarget target;
        target.kubeconfigFiles = { QStringLiteral("/home/u/.kube/config") };
        target.context = QStringLiteral("minikube");
        target.nameSpace = QStringLiteral("todo-app");
        const ToolCommand withNamespace
            = ProposedCommand::parse("kubectl scale deploy/backend --replicas=2").toolCommand(target);
        QCOMPARE(withNamespace.program, QStringLiteral("kubectl"));
        QCOMPARE(withNamespace.arguments,
                 (QStringList { "--kubeconfig", "/home/u/.kube/config", "--context", "minikube", "--namespace",
                                "todo-app", "scale", "deploy/backend", "--replicas=2" }));
        const ToolCommand own = ProposedCommand::parse("kubectl get pods -n kube-system").toolCommand(target);
        QVERIFY(!own.arguments.contains(QLatin1String("--namespace")));
        QVERIFY(own.timeout.count() > 0);
    }

    void kagentShapesAreRecognised_data()
    {
        QTest::addColumn<QString>("rootHelp");
        QTest::addColumn<QString>("invokeHelp");
        QTest::addColumn<int>("shape");
        QTest::addColumn<QStringList>("arguments");
        const QString root0
            = QStringLiteral("kagent is a CLI for kagent\n\nUsage:\n  kagent [flags]\n  kagent [command]\n\n"
                             "Available Commands:\n  bug-report  Generate a bug report\n  completion  Generate "
                             "the autocompletion script\n  dashboard   Open the kagent dashboard\n  get         Get "
                             "a kagent resource\n  help        Help about any command\n  install     Install "
                             "kagent\n  invoke      Invoke a kagent agent\n  version     Print the kagent "
                             "version\n\nFlags:\n  -h, --help   help for kagent\n");
        const QString invoke0
            = QStringLiteral("Invoke a kagent agent\n\nUsage:\n  kagent invoke [flags]\n\nFlags:\n"
                             "  -a, --agent string          Agent\n  -f, --file string           File\n"
                             "  -h, --help                  help for invoke\n  -s, --session string        Session\n"
                             "  -S, --stream                Stream the response\n  -t, --task string           Task\n\n"
                             "Global Flags:\n      --kagent-url string      KAgent URL\n"
                             "  -n, --namespace string       Namespace (default \"kagent\")\n"
                             "  -o, --output-format string   Output format (default \"table\")\n");
        QTest::newRow("0.x") << root0 << invoke0 << int(KagentCli::Shape::Invoke)
                             << QStringList { "invoke",    "--namespace", "kagent", "--agent",
                                              "k8s-agent", "--task",      "T",      "--stream" };
        QString invokeAlpha = invoke0;
        invokeAlpha.replace(QLatin1String("  -a, --agent string          Agent\n"),
                            QLatin1String("      --agent-instance int    Agent instance id\n"));
        invokeAlpha.replace(QLatin1String("  -S, --stream                Stream the response\n"), QString());
        QTest::newRow("1.0 alpha") << root0 << invokeAlpha << int(KagentCli::Shape::InvokeAgentInstance)
                                   << QStringList { "invoke",    "--namespace", "kagent", "--agent-instance",
                                                    "k8s-agent", "--task",      "T",      "--output-format",
                                                    "json" };
        QString rootNow = root0;
        rootNow.replace(QLatin1String("  invoke      Invoke a kagent agent\n"), QString());
        rootNow.replace(QLatin1String("  bug-report"), QLatin1String("  agent       Work with agents\n  bug-report"));
        QString invokeNow
            = QStringLiteral("Usage:\n  kagent agent invoke [flags]\n\nFlags:\n  -h, --help             help\n"
                             "      --session string   Session id\n  -t, --task string      Task\n");
        QTest::newRow("current") << rootNow << invokeNow << int(KagentCli::Shape::AgentInvoke)
                                 << QStringList { "agent", "invoke", "--session", "k8s-agent", "--task", "T" };
    }

    void kagentShapesAreRecognised()
    {
        QFETCH(QString, rootHelp);
        QFETCH(QString, invokeHelp);
        QFETCH(int, shape);
        QFETCH(QStringList, arguments);
        KagentCli cli;
        cli.shape = KagentCli::shapeFromRootHelp(rootHelp);
        cli.readInvokeHelp(invokeHelp);
        QCOMPARE(int(cli.shape), shape);
        QString error;
        QCOMPARE(
            cli.invokeArguments(QStringLiteral("k8s-agent"), QStringLiteral("kagent"), QStringLiteral("T"), &error),
            arguments);
        QVERIFY(KagentCli::shapeFromRootHelp(QStringLiteral("garbage")) == KagentCli::Shape::Unknown);
    }

    void kagentJsonIsReducedToItsText()
    {
        // `kagent invoke -o json`: an A2A Task; the answer is in its artifacts' text parts.
        const QString task = QString::fromLatin1(
            R"({"id":"t1","kind":"task","status":{"state":"completed"},"artifacts":[{"artifactId":"a","parts":[{"kind":"text","text":"The backend pod restarts because DATABASE_URL is missing."},{"kind":"data","data":{}}]}],"history":[]})");
        QCOMPARE(kagentAnswerText(task), QStringLiteral("The backend pod restarts because DATABASE_URL is missing."));
        const QString statusOnly = QString::fromLatin1(
            R"({"kind":"task","status":{"state":"completed","message":{"role":"agent","parts":[{"kind":"text","text":"All healthy."}]}}})");
        QCOMPARE(kagentAnswerText(statusOnly), QStringLiteral("All healthy."));
        const QString history = QString::fromLatin1(
            R"({"kind":"task","history":[{"role":"user","parts":[{"kind":"text","text":"q"}]},{"role":"agent","parts":[{"kind":"text","text":"a1"}]},{"role":"agent","parts":[{"kind":"text","text":"a2"}]}]})");
        QCOMPARE(kagentAnswerText(history), QStringLiteral("a2"));
        QCOMPARE(kagentAnswerText(QStringLiteral("plain text answer")), QString());
        QCOMPARE(kagentAnswerText(QStringLiteral("{not json")), QString());
    }
};

QTEST_GUILESS_MAIN(AiTextTest)
#include "AiTextTest.moc"
