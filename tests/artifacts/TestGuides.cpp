#include "ArtifactPaths.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

namespace quayside {

using namespace artifacts;

// The guides beside the artifacts: they cover what the issue lists, use the tools' real command
// forms, and point only at files that exist (so a renamed file cannot leave a guide stale).
class TestGuides : public QObject
{
    Q_OBJECT

    static QString guide(const QString& name) { return readText(sourcePath(QStringLiteral("k8s-templates/") + name)); }

    // Lines inside ``` fences.
    static QStringList codeLines(const QString& text)
    {
        QStringList lines;
        bool inside = false;
        for (const QString& line : text.split(u'\n')) {
            if (line.trimmed().startsWith(QStringLiteral("```"))) {
                inside = !inside;
                continue;
            }
            if (inside)
                lines << line.trimmed();
        }
        return lines;
    }

private slots:
    void quickstartCoversBothPaths_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* command :
             { "quayside doctor", "quayside secrets import ", "quayside secrets set JWT_SECRET",
               "quayside deploy --source ", "quayside status", "quayside logs deploy/backend -f",
               "quayside scale deploy/backend --replicas 2", "quayside restart deploy/backend",
               "minikube start --cpus=2 --memory=4096", "docker build -f docker/backend/Dockerfile",
               "docker build -f docker/frontend/Dockerfile",
               "minikube image load todo-backend:", "kubectl -n todo-app create secret generic todo-app-secrets",
               "helm upgrade --install todo-chatbot k8s-templates/helm/todo-chatbot -n todo-app",
               "--atomic --wait --timeout 5m", "minikube service frontend-service -n todo-app --url",
               "kubectl apply -f k8s-templates/kubernetes/namespace.yaml" })
            QTest::newRow(command) << QString::fromLatin1(command);
    }

    void quickstartCoversBothPaths()
    {
        QFETCH(QString, text);
        QVERIFY(guide(QStringLiteral("QUICKSTART.md")).contains(text));
    }

    void quickstartSecretsComeFromStdin()
    {
        // `quayside secrets set NAME` reads the value on stdin, never from the command line.
        for (const QString& line : codeLines(guide(QStringLiteral("QUICKSTART.md")))) {
            if (line.contains(QStringLiteral("quayside secrets set")))
                QVERIFY2(line.contains(QStringLiteral("| quayside secrets set")), qPrintable(line));
        }
    }

    void troubleshootingCoversTheIssuesList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("Docker not running") << QStringLiteral("Cannot connect to the Docker daemon");
        QTest::newRow("docker group") << QStringLiteral("usermod -aG docker");
        QTest::newRow("socket permission")
            << QStringLiteral("permission denied while trying to connect to the Docker daemon socket");
        QTest::newRow("minikube resources") << QStringLiteral("minikube config set memory 4096");
        QTest::newRow("ErrImageNeverPull") << QStringLiteral("ErrImageNeverPull");
        QTest::newRow("ImagePullBackOff") << QStringLiteral("ImagePullBackOff");
        QTest::newRow("image load") << QStringLiteral("minikube image load");
        QTest::newRow("CrashLoopBackOff") << QStringLiteral("CrashLoopBackOff");
        QTest::newRow("previous logs") << QStringLiteral("logs deploy/backend --previous");
        QTest::newRow("Neon SSL") << QStringLiteral("sslmode=require");
        QTest::newRow("port 30000 taken") << QStringLiteral("Port 30000 is taken");
        QTest::newRow("metrics-server") << QStringLiteral("minikube addons enable metrics-server");
    }

    void troubleshootingCoversTheIssuesList()
    {
        QFETCH(QString, text);
        QVERIFY(guide(QStringLiteral("TROUBLESHOOTING.md")).contains(text));
    }

    // The command forms in docs/reference: kubectl-ai --quiet "task" (never --skip-permissions),
    // (the generated AI-PROMPTS.md quotes each task as one shell word)
    // kagent invoke --namespace NS --agent AGENT --task "…", docker ai "question".
    void promptsUseRealCommandForms()
    {
        const QString text = guide(QStringLiteral("AI-PROMPTS.md"));
        for (const char* section : { "## Deploy", "## Scale", "## Debug" })
            QVERIFY2(text.contains(QLatin1String(section)), section);
        int kubectlAi = 0, kagent = 0, gordon = 0;
        // One shell word: single-quoted the way shellQuote() writes it ('it'\''s'), or double-quoted.
        const QString word = QStringLiteral("('(?:[^']|'\\\\'')+'|\"[^\"]+\")");
        static const QRegularExpression kagentForm(
            QStringLiteral("^kagent invoke --namespace \\S+ --agent \\S+ --task %1( --output-format json)?$").arg(word));
        static const QRegularExpression kubectlAiForm(QStringLiteral("^kubectl-ai --quiet %1$").arg(word));
        static const QRegularExpression gordonForm(QStringLiteral("^docker ai %1$").arg(word));
        for (const QString& line : codeLines(text)) {
            QVERIFY2(!line.contains(QStringLiteral("--skip-permissions")), qPrintable(line));
            if (line.startsWith(QStringLiteral("kubectl-ai"))) {
                QVERIFY2(kubectlAiForm.match(line).hasMatch(), qPrintable(line));
                ++kubectlAi;
            } else if (line.startsWith(QStringLiteral("kagent"))) {
                QVERIFY2(kagentForm.match(line).hasMatch(), qPrintable(line));
                ++kagent;
            } else if (line.startsWith(QStringLiteral("docker ai"))) {
                QVERIFY2(gordonForm.match(line).hasMatch(), qPrintable(line));
                ++gordon;
            }
        }
        QVERIFY(kubectlAi >= 6);
        QVERIFY(kagent >= 3);
        QVERIFY(gordon >= 3);
    }

    void referencedFilesExist_data()
    {
        QTest::addColumn<QString>("document");
        for (const char* document : { "k8s-templates/QUICKSTART.md", "k8s-templates/TROUBLESHOOTING.md",
                                      "k8s-templates/AI-PROMPTS.md", "k8s-templates/helm/todo-chatbot/README.md" })
            QTest::newRow(document) << QString::fromLatin1(document);
    }

    // Relative links, and repository paths spelt out in commands.
    void referencedFilesExist()
    {
        QFETCH(QString, document);
        const QString text = readText(sourcePath(document));
        QVERIFY(!text.isEmpty());
        const QDir here = QFileInfo(sourcePath(document)).dir();

        static const QRegularExpression link(QStringLiteral("\\]\\(([^)#\\s]+)(#[^)]*)?\\)"));
        for (const auto& match : link.globalMatch(text)) {
            const QString target = match.captured(1);
            if (target.contains(QStringLiteral("://")))
                continue;
            QVERIFY2(QFileInfo::exists(here.filePath(target)), qPrintable(target));
        }
        static const QRegularExpression repoPath(
            QStringLiteral("(?<![\\w/.-])((?:k8s-templates|docker)/[A-Za-z0-9_./-]*[A-Za-z0-9_])"));
        for (const auto& match : repoPath.globalMatch(text)) {
            const QString path = match.captured(1);
            QVERIFY2(QFileInfo::exists(sourcePath(path)), qPrintable(path));
        }
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestGuides)
#include "TestGuides.moc"
