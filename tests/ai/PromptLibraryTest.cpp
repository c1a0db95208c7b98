#include "ai/PromptLibrary.h"

#include "ai/Prompt.h"
#include "ai/PromptVariables.h"
#include "core/Redactor.h"
#include "diagnosis/Finding.h"
#include "profile/ProfileLoader.h"
#include "workspace/ClusterTarget.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace quayside;
using namespace quayside::ai;

namespace {

const QString kProfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml");
const QString kPromptsMd = QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/AI-PROMPTS.md");

// What the shipped profile gives, as the documentation is generated (no kubeconfig yet: the context is
// the minikube profile's, see Workspace).
PromptVariables shippedVariables()
{
    QList<ProfileError> errors;
    const std::optional<Profile> profile
        = ProfileLoader::loadFile(kProfile, &errors, { .sourceOverride = {}, .checkPaths = false });
    Q_ASSERT(profile);
    ClusterTarget target;
    target.context = profile->minikube.profile;
    target.minikubeProfile = profile->minikube.profile;
    target.nameSpace = profile->nameSpace;
    return PromptVariables::fromWorkspace(&*profile, target);
}

} // namespace

// The prompt library: the compiled-in YAML loads, covers what the issue and the deployment plan ask
// for, fills from the workspace and a finding without ever letting a secret value through, and the
// documentation generated from it is the committed k8s-templates/AI-PROMPTS.md.
class PromptLibraryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Redactor::instance().forgetAll(); }

    void builtInLibraryCoversEveryCategory()
    {
        const PromptLibrary& library = PromptLibrary::builtIn();
        QVERIFY(!library.prompts().isEmpty());
        QStringList categories;
        for (const PromptCategory& c : library.categories())
            categories << c.id;
        QCOMPARE(categories, (QStringList { "deploy", "scale", "debug", "explain", "optimize" }));
        for (const QString& category : std::as_const(categories))
            QVERIFY2(library.inCategory(category).size() >= 3, qPrintable(category));
        QVERIFY(library.findingPrompt());
        QVERIFY(!library.readOnlyInstruction().isEmpty());
    }

    void everyVariableHasASource()
    {
        // The variables Quayside knows how to fill (prompts.yaml's header lists them).
        const QSet<QString> known { "namespace",   "context",          "release",  "deployment",  "deployments",
                                    "service",     "node_port",        "secret",   "secret_keys", "images",
                                    "dockerfiles", "minikube_profile", "pod",      "container",   "status",
                                    "finding",     "explanation",      "evidence", "events",      "logs",
                                    "object",      "question" };
        for (const Prompt& prompt : PromptLibrary::builtIn().prompts()) {
            for (const QString& name : prompt.variables())
                QVERIFY2(known.contains(name) || prompt.defaults.contains(name),
                         qPrintable(prompt.id + QStringLiteral(": {{") + name + QStringLiteral("}}")));
        }
    }

    void thePlansExamplesAreThere()
    {
        const PromptLibrary& library = PromptLibrary::builtIn();
        const PromptVariables base = shippedVariables();
        QStringList plan;
        for (const Prompt& prompt : library.prompts()) {
            if (prompt.fromPlan)
                plan << PromptVariables::fill(prompt, base, {}).text;
        }
        QCOMPARE(plan,
                 (QStringList { "scale backend to 2 replicas", "why is my frontend pod restarting?",
                                "analyze cluster health", "optimize resource allocation for todo-app namespace" }));
    }

    void fillsLayersInOrder()
    {
        const Prompt* prompt = PromptLibrary::builtIn().find(QStringLiteral("scale-and-wait"));
        QVERIFY(prompt);
        PromptVariables base = shippedVariables();
        QCOMPARE(base.value("deployment"), QStringLiteral("backend")); // the chart's first
        PromptVariables specific;
        specific.set(QStringLiteral("deployment"), QStringLiteral("frontend"));
        specific.set(QStringLiteral("replicas"), QStringLiteral("3"));
        const PromptVariables::Filled filled = PromptVariables::fill(*prompt, base, specific);
        QVERIFY(filled.missing.isEmpty());
        QVERIFY(filled.text.contains(QLatin1String("deployment frontend in namespace todo-app to 3 replicas")));
        // Without a value, the variable stays visible and is reported.
        const PromptVariables::Filled pod
            = PromptVariables::fill(*PromptLibrary::builtIn().find("explain-pod"), base, {});
        QCOMPARE(pod.missing, (QStringList { "pod", "status" }));
        QVERIFY(pod.text.contains(QLatin1String("pod <pod> in namespace todo-app")));
    }

    void findingPromptCarriesTheEvidenceButNoSecret()
    {
        const QString secret = QStringLiteral("postgresql://neon:s3cr3t-pw@ep-cool.neon.tech/todo");
        Redactor::instance().registerSecret(secret);
        diagnosis::Finding finding;
        finding.rule = QStringLiteral("crash-loop");
        finding.objectKind = QStringLiteral("Pod");
        finding.objectName = QStringLiteral("backend-7d9c-x2");
        finding.deployment = QStringLiteral("backend");
        finding.summary = QStringLiteral("backend-7d9c-x2 restarts: KeyError 'DATABASE_URL'");
        finding.explanation = QStringLiteral("The container exits at start.");
        finding.evidence << diagnosis::Evidence {
            diagnosis::Evidence::Kind::Event, QStringLiteral("Warning BackOff (x12, 30s ago): Back-off restarting")
        };
        finding.evidence << diagnosis::Evidence { diagnosis::Evidence::Kind::LogLine,
                                                  QStringLiteral("connecting to ") + secret };
        PromptVariables specific;
        specific.addFinding(finding);
        const Prompt* prompt = PromptLibrary::builtIn().findingPrompt();
        const PromptVariables::Filled filled = PromptVariables::fill(*prompt, shippedVariables(), specific);
        QVERIFY(filled.missing.isEmpty());
        QVERIFY(filled.text.contains(QLatin1String("KeyError 'DATABASE_URL'")));
        QVERIFY(filled.text.contains(QLatin1String("- event: Warning BackOff (x12, 30s ago)")));
        QVERIFY(filled.text.contains(QLatin1String("- log: connecting to ***")));
        QVERIFY(filled.text.contains(QLatin1String("pod backend-7d9c-x2")));
        QVERIFY(!filled.text.contains(QLatin1String("s3cr3t-pw")));
    }

    void longValuesKeepTheirEnd()
    {
        PromptVariables v;
        QString log;
        for (int i = 0; i < 2000; ++i)
            log += QStringLiteral("line %1\n").arg(i);
        v.set(QStringLiteral("logs"), log);
        const QString text = v.fill(QStringLiteral("{{logs}}")).text;
        QVERIFY(text.size() <= PromptVariables::kMaxValueChars + 100);
        QVERIFY(text.startsWith(QStringLiteral("[… earlier lines left out]")));
        QVERIFY(text.endsWith(QLatin1String("line 1999")));
    }

    void brokenFilesNameTheLine()
    {
        QString error;
        QVERIFY(
            !PromptLibrary::load("version: 1\ntitle: t\nreadOnlyInstruction: r\ncategories:\n  - id: a\n    title: A\n"
                                 "prompts:\n  - id: x\n    category: b\n    title: X\n    tools: [kubectl-ai]\n"
                                 "    text: hi\n",
                                 QStringLiteral("p.yaml"), &error));
        QVERIFY2(error.startsWith(QLatin1String("p.yaml:9: prompt `x`: unknown category `b`")), qPrintable(error));
        QVERIFY(!PromptLibrary::load("version: 1\ntitle: [unclosed\n", QStringLiteral("p.yaml"), &error));
        QVERIFY2(error.startsWith(QLatin1String("p.yaml:")), qPrintable(error));
        QVERIFY(!PromptLibrary::load("version: 1\ntitle: t\nreadOnlyInstruction: r\ncategories: []\nprompts:\n"
                                     "  - id: x\n    category: a\n    title: X\n    tools: [chatgpt]\n    text: hi\n",
                                     QStringLiteral("p.yaml"), &error));
        QVERIFY2(error.contains(QLatin1String("unknown category")) || error.contains(QLatin1String("unknown tool")),
                 qPrintable(error));
    }

    // k8s-templates/AI-PROMPTS.md is generated from the library; regenerate it with
    // `quayside prompts -o markdown > k8s-templates/AI-PROMPTS.md` (README, "AI-assisted operations").
    void documentationIsGeneratedFromTheLibrary()
    {
        const QString generated = PromptLibrary::builtIn().toMarkdown(shippedVariables());
        if (qEnvironmentVariableIsSet("QUAYSIDE_UPDATE_AI_PROMPTS")) {
            QFile out(kPromptsMd);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(generated.toUtf8());
        }
        QFile file(kPromptsMd);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString committed = QString::fromUtf8(file.readAll());
        if (committed != generated) {
            const QStringList a = committed.split(QLatin1Char('\n'));
            const QStringList b = generated.split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
                if (a.value(i) != b.value(i))
                    QFAIL(qPrintable(
                        QStringLiteral("AI-PROMPTS.md differs at line %1:\n  committed: %2\n  generated: %3\n"
                                       "Run `quayside prompts -o markdown > k8s-templates/AI-PROMPTS.md`.")
                            .arg(i + 1)
                            .arg(a.value(i), b.value(i))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(PromptLibraryTest)
#include "PromptLibraryTest.moc"
