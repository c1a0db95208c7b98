#include "workspace/Workspace.h"

#include "core/ExecutableFinder.h"
#include "profile/ProfileLoader.h"
#include "workspace/ClusterTarget.h"
#include "workspace/Preferences.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace quayside;

using Environment = QMap<QString, QString>;

namespace {

QByteArray shippedProfileYaml()
{
    QFile file(QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the shipped profile");
    return file.readAll();
}

void replaceOnce(QByteArray& text, const QByteArray& from, const QByteArray& to)
{
    if (text.count(from) != 1)
        qFatal("the shipped profile no longer has one \"%s\"", from.constData());
    text.replace(from, to);
}

// The shipped profile with another name, namespace, minikube profile and secrets, so a test can tell
// which file the workspace read and that what it shows comes from that file.
QByteArray profileYaml(const QString& name, const QString& nameSpace, const QString& minikubeProfile,
                       const QStringList& secrets)
{
    QByteArray yaml = shippedProfileYaml();
    replaceOnce(yaml, "\nname: todo-chatbot\n", "\nname: " + name.toUtf8() + '\n');
    replaceOnce(yaml, "\nnamespace: todo-app\n", "\nnamespace: " + nameSpace.toUtf8() + '\n');
    replaceOnce(yaml, "\n  profile: minikube\n", "\n  profile: " + minikubeProfile.toUtf8() + '\n');
    const qsizetype from = yaml.indexOf("\nsecrets:\n");
    const qsizetype to = yaml.indexOf("\naccess:\n");
    if (from < 0 || to < from)
        qFatal("the shipped profile no longer has secrets: before access:");
    QByteArray block = "\nsecrets:\n  secretName: " + name.toUtf8() + "-secrets\n  items:\n";
    for (const QString& secret : secrets)
        block += "    - name: " + secret.toUtf8() + "\n      kind: text\n";
    yaml.replace(from, to - from, block);
    return yaml;
}

// "dev=dev-ns,prod*": the contexts of a kubeconfig, each with its namespace after '=' (none: no
// namespace field) and '*' marking the current-context. Each context has its own cluster and user.
QByteArray kubeconfigYaml(const QString& spec)
{
    QString clusters;
    QString contexts;
    QString users;
    QString current;
    for (QString entry : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (entry.endsWith(QLatin1Char('*'))) {
            entry.chop(1);
            current = entry.section(QLatin1Char('='), 0, 0);
        }
        const QString name = entry.section(QLatin1Char('='), 0, 0);
        const QString nameSpace = entry.section(QLatin1Char('='), 1);
        clusters += QStringLiteral("- name: %1-cluster\n  cluster:\n    server: https://127.0.0.1:8443\n").arg(name);
        contexts += QStringLiteral("- name: %1\n  context:\n    cluster: %1-cluster\n    user: %1-user\n").arg(name);
        if (!nameSpace.isEmpty())
            contexts += QStringLiteral("    namespace: %1\n").arg(nameSpace);
        users += QStringLiteral("- name: %1-user\n  user:\n    token: token-%1\n").arg(name);
    }
    return QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n%1contexts:\n%2current-context: %3\nusers:\n%4")
        .arg(clusters, contexts, current, users)
        .toUtf8();
}

QStringList contextNames(const QString& spec)
{
    QStringList names;
    for (const QString& entry : spec.split(QLatin1Char(','), Qt::SkipEmptyParts))
        names << entry.section(QLatin1Char('='), 0, 0).remove(QLatin1Char('*'));
    return names;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QString kBrokenProfile = QStringLiteral("name: [unclosed\n");

} // namespace

// The workspace resolves what Quayside acts on (see the precedence table at the top of Workspace.h):
// each case builds its own kubeconfig files, profiles, settings file, HOME and working directory.
class WorkspaceTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workingDirectory;
    QMap<QByteArray, std::optional<QByteArray>> m_savedEnvironment;

    QString path(const QString& relative) const { return m_dir->filePath(relative); }
    QString settingsFile() const { return path(QStringLiteral("config/quayside.ini")); }

    // `relative` to the temp dir, or absolute.
    QString write(const QString& relative, const QByteArray& content) const
    {
        const QString file = QDir::isAbsolutePath(relative) ? relative : path(relative);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(file));
        return file;
    }
    QString writeKubeconfig(const QString& relative, const QString& spec) const
    {
        return write(relative, kubeconfigYaml(spec));
    }
    QString writeProfile(const QString& relative, const QString& name, const QString& nameSpace,
                         const QString& minikubeProfile = QStringLiteral("minikube")) const
    {
        return write(
            relative,
            profileYaml(name, nameSpace, minikubeProfile,
                        { name.toUpper().replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral("_KEY") }));
    }

    void setEnvironment(const char* name, const std::optional<QString>& value)
    {
        if (!m_savedEnvironment.contains(name))
            m_savedEnvironment.insert(name,
                                      qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name)) : std::nullopt);
        if (value)
            qputenv(name, value->toLocal8Bit());
        else
            qunsetenv(name);
    }

    static std::unique_ptr<Workspace> loaded(Preferences* preferences, const WorkspaceOverrides& overrides)
    {
        auto workspace = std::make_unique<Workspace>(preferences, overrides);
        workspace->load();
        return workspace;
    }

private Q_SLOTS:
    void initTestCase() { m_workingDirectory = QDir::currentPath(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        for (const char* dir : { "home", "work", "shipped", "config" })
            QVERIFY(QDir().mkpath(path(QLatin1String(dir))));
        // No ~/.kube/config, no $KUBECONFIG, no ./quayside.yaml: each case adds what it needs.
        setEnvironment("HOME", path(QStringLiteral("home")));
        setEnvironment("KUBECONFIG", std::nullopt);
        setEnvironment("QUAYSIDE_PROFILE_DIR", path(QStringLiteral("shipped")));
        writeProfile(QStringLiteral("shipped/todo-chatbot.yaml"), QStringLiteral("from-shipped"),
                     QStringLiteral("shipped-ns"));
        QVERIFY(QDir::setCurrent(path(QStringLiteral("work"))));
    }

    void cleanup()
    {
        ExecutableFinder::setOverrides({});
        QDir::setCurrent(m_workingDirectory);
        for (auto it = m_savedEnvironment.cbegin(); it != m_savedEnvironment.cend(); ++it) {
            if (it.value())
                qputenv(it.key().constData(), *it.value());
            else
                qunsetenv(it.key().constData());
        }
        m_savedEnvironment.clear();
        m_dir.reset();
    }

    // --context > the one last chosen for these files > Settings' default > the profile's minikube
    // profile > current-context > the minikube profile when there is no kubeconfig at all.
    void context_data()
    {
        QTest::addColumn<QString>("contexts"); // the kubeconfig (see kubeconfigYaml); empty: none at all
        QTest::addColumn<QString>("minikubeProfile"); // the profile's; empty: the profile is broken
        QTest::addColumn<QString>("flag"); // --context
        QTest::addColumn<QString>("remembered"); // chosen in the switcher by an earlier run
        QTest::addColumn<QString>("settingsDefault");
        QTest::addColumn<QString>("expected");

        QTest::newRow("current-context") << "dev,prod*"
                                         << "minikube"
                                         << ""
                                         << ""
                                         << ""
                                         << "prod";
        QTest::newRow("the profile's minikube beats current-context") << "minikube,prod*"
                                                                      << "minikube"
                                                                      << ""
                                                                      << ""
                                                                      << ""
                                                                      << "minikube";
        QTest::newRow("another minikube profile") << "qs-dev,minikube*"
                                                  << "qs-dev"
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << "qs-dev";
        QTest::newRow("the minikube profile only when the files have it") << "minikube,prod*"
                                                                          << "qs-dev"
                                                                          << ""
                                                                          << ""
                                                                          << ""
                                                                          << "prod";
        QTest::newRow("Settings' default beats the profile") << "minikube,dev,prod*"
                                                             << "minikube"
                                                             << ""
                                                             << ""
                                                             << "dev"
                                                             << "dev";
        QTest::newRow("Settings' default not in the files") << "minikube,prod*"
                                                            << "minikube"
                                                            << ""
                                                            << ""
                                                            << "gone"
                                                            << "minikube";
        QTest::newRow("remembered beats Settings' default") << "minikube,dev,prod*"
                                                            << "minikube"
                                                            << ""
                                                            << "prod"
                                                            << "dev"
                                                            << "prod";
        QTest::newRow("remembered beats the profile") << "minikube,dev,prod*"
                                                      << "minikube"
                                                      << ""
                                                      << "dev"
                                                      << ""
                                                      << "dev";
        QTest::newRow("remembered context no longer exists") << "minikube,dev,prod*"
                                                             << "minikube"
                                                             << ""
                                                             << "gone"
                                                             << "dev"
                                                             << "dev";
        QTest::newRow("remembered gone, no default") << "minikube,prod*"
                                                     << "minikube"
                                                     << ""
                                                     << "gone"
                                                     << ""
                                                     << "minikube";
        QTest::newRow("--context beats everything") << "minikube,dev,prod,qa,staging*"
                                                    << "minikube"
                                                    << "qa"
                                                    << "prod"
                                                    << "dev"
                                                    << "qa";
        // Kept as given, so the command fails naming it instead of acting on another cluster.
        QTest::newRow("--context not in the files") << "minikube*"
                                                    << "minikube"
                                                    << "nope"
                                                    << ""
                                                    << ""
                                                    << "nope";
        QTest::newRow("no kubeconfig: the minikube profile") << ""
                                                             << "qs-dev"
                                                             << ""
                                                             << ""
                                                             << ""
                                                             << "qs-dev";
        QTest::newRow("no kubeconfig: not Settings' default") << ""
                                                              << "qs-dev"
                                                              << ""
                                                              << ""
                                                              << "prod"
                                                              << "qs-dev";
        QTest::newRow("no kubeconfig, broken profile: minikube") << ""
                                                                 << ""
                                                                 << ""
                                                                 << ""
                                                                 << ""
                                                                 << "minikube";
        QTest::newRow("broken profile: current-context") << "minikube,prod*"
                                                         << ""
                                                         << ""
                                                         << ""
                                                         << ""
                                                         << "minikube";
    }

    void context()
    {
        QFETCH(QString, contexts);
        QFETCH(QString, minikubeProfile);
        QFETCH(QString, flag);
        QFETCH(QString, remembered);
        QFETCH(QString, settingsDefault);
        QFETCH(QString, expected);

        WorkspaceOverrides overrides;
        overrides.profileFile = minikubeProfile.isEmpty()
            ? write(QStringLiteral("app.yaml"), kBrokenProfile.toUtf8())
            : writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"),
                           minikubeProfile);
        const QString kubeconfig = path(QStringLiteral("kube/config"));
        if (!contexts.isEmpty())
            overrides.kubeconfigFiles = { kubeconfig };
        Preferences preferences(settingsFile());
        preferences.setDefaultContext(settingsDefault);
        if (!remembered.isEmpty()) {
            // An earlier run's kubeconfig had the context; this run's may not.
            writeKubeconfig(QStringLiteral("kube/config"),
                            contextNames(contexts).contains(remembered) ? contexts
                                                                        : contexts + QLatin1Char(',') + remembered);
            const auto earlier = loaded(&preferences, overrides);
            QVERIFY(earlier->target().context != remembered); // else nothing would be remembered
            earlier->setContext(remembered);
            QCOMPARE(earlier->target().context, remembered);
        }
        if (!contexts.isEmpty())
            writeKubeconfig(QStringLiteral("kube/config"), contexts);
        overrides.context = flag;

        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->target().context, expected);
        QCOMPARE(workspace->hasKubeconfig(), !contexts.isEmpty());
        QCOMPARE(workspace->kubeconfigProblem(), QString());
        QCOMPARE(workspace->contexts(), [&] {
            QStringList names = contextNames(contexts);
            names.sort();
            return names;
        }());
        QCOMPARE(workspace->target().minikubeProfile,
                 minikubeProfile.isEmpty() ? QStringLiteral("minikube") : minikubeProfile);
        QCOMPARE(workspace->hasProfile(), !minikubeProfile.isEmpty());
    }

    // -n > the one last chosen for that context > Settings' default > the profile's > the context's
    // > "default".
    void nameSpace_data()
    {
        QTest::addColumn<QString>("contexts");
        QTest::addColumn<QString>("profileNamespace"); // empty: the profile is broken
        QTest::addColumn<QString>("flagContext");
        QTest::addColumn<QString>("flagNamespace");
        // Switcher choices of an earlier run, in order: "ctx=ns;ctx" chooses ctx and then ns, then ctx.
        QTest::addColumn<QString>("remembered");
        QTest::addColumn<QString>("settingsDefault");
        QTest::addColumn<QString>("expectedContext");
        QTest::addColumn<QString>("expected");

        QTest::newRow("\"default\" last") << "minikube*"
                                          << ""
                                          << ""
                                          << ""
                                          << ""
                                          << ""
                                          << "minikube"
                                          << "default";
        QTest::newRow("the context's namespace") << "minikube=ctx-ns*"
                                                 << ""
                                                 << ""
                                                 << ""
                                                 << ""
                                                 << ""
                                                 << "minikube"
                                                 << "ctx-ns";
        QTest::newRow("the --context's namespace") << "minikube=a*,dev=b"
                                                   << ""
                                                   << "dev"
                                                   << ""
                                                   << ""
                                                   << ""
                                                   << "dev"
                                                   << "b";
        QTest::newRow("the profile's beats the context's") << "minikube=ctx-ns*"
                                                           << "app-ns"
                                                           << ""
                                                           << ""
                                                           << ""
                                                           << ""
                                                           << "minikube"
                                                           << "app-ns";
        QTest::newRow("Settings' default beats the profile's") << "minikube=ctx-ns*"
                                                               << "app-ns"
                                                               << ""
                                                               << ""
                                                               << ""
                                                               << "team"
                                                               << "minikube"
                                                               << "team";
        QTest::newRow("remembered beats Settings' default") << "minikube=ctx-ns*"
                                                            << "app-ns"
                                                            << ""
                                                            << ""
                                                            << "minikube=mine"
                                                            << "team"
                                                            << "minikube"
                                                            << "mine";
        QTest::newRow("remembered for another context") << "minikube*,dev"
                                                        << "app-ns"
                                                        << ""
                                                        << ""
                                                        << "dev=mine;minikube"
                                                        << ""
                                                        << "minikube"
                                                        << "app-ns";
        QTest::newRow("--context: that context's remembered one") << "minikube*,dev"
                                                                  << "app-ns"
                                                                  << "dev"
                                                                  << ""
                                                                  << "dev=mine;minikube=other"
                                                                  << ""
                                                                  << "dev"
                                                                  << "mine";
        QTest::newRow("-n beats remembered") << "minikube*"
                                             << "app-ns"
                                             << ""
                                             << "flagged"
                                             << "minikube=mine"
                                             << "team"
                                             << "minikube"
                                             << "flagged";
        QTest::newRow("no kubeconfig: the profile's") << ""
                                                      << "app-ns"
                                                      << ""
                                                      << ""
                                                      << ""
                                                      << ""
                                                      << "minikube"
                                                      << "app-ns";
        QTest::newRow("no kubeconfig, no profile: \"default\"") << ""
                                                                << ""
                                                                << ""
                                                                << ""
                                                                << ""
                                                                << ""
                                                                << "minikube"
                                                                << "default";
    }

    void nameSpace()
    {
        QFETCH(QString, contexts);
        QFETCH(QString, profileNamespace);
        QFETCH(QString, flagContext);
        QFETCH(QString, flagNamespace);
        QFETCH(QString, remembered);
        QFETCH(QString, settingsDefault);
        QFETCH(QString, expectedContext);
        QFETCH(QString, expected);

        WorkspaceOverrides overrides;
        overrides.profileFile = profileNamespace.isEmpty()
            ? write(QStringLiteral("app.yaml"), kBrokenProfile.toUtf8())
            : writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), profileNamespace);
        if (!contexts.isEmpty())
            overrides.kubeconfigFiles = { writeKubeconfig(QStringLiteral("kube/config"), contexts) };
        Preferences preferences(settingsFile());
        preferences.setDefaultNamespace(settingsDefault);
        if (!remembered.isEmpty()) {
            const auto earlier = loaded(&preferences, overrides);
            for (const QString& choice : remembered.split(QLatin1Char(';'))) {
                earlier->setContext(choice.section(QLatin1Char('='), 0, 0));
                QCOMPARE(earlier->target().context, choice.section(QLatin1Char('='), 0, 0));
                if (choice.contains(QLatin1Char('='))) {
                    QVERIFY(earlier->target().nameSpace != choice.section(QLatin1Char('='), 1));
                    earlier->setNamespace(choice.section(QLatin1Char('='), 1));
                    QCOMPARE(earlier->target().nameSpace, choice.section(QLatin1Char('='), 1));
                }
            }
        }
        overrides.context = flagContext;
        overrides.nameSpace = flagNamespace;

        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->target().context, expectedContext);
        QCOMPARE(workspace->target().nameSpace, expected);
        if (workspace->hasProfile()) {
            QCOMPARE(workspace->profile().nameSpace, expected);
            QCOMPARE(workspace->profile().secrets.nameSpace, expected);
        }
    }

    // --kubeconfig > Settings' kubeconfig paths > $KUBECONFIG > ~/.kube/config.
    void kubeconfigFiles_data()
    {
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QString>("expected"); // empty: none read
        using L = QStringList;
        QTest::newRow("--kubeconfig") << L { "flag", "settings", "env", "home" } << "flag";
        QTest::newRow("Settings' paths") << L { "settings", "env", "home" } << "settings";
        QTest::newRow("$KUBECONFIG") << L { "env", "home" } << "env";
        QTest::newRow("~/.kube/config") << L { "home" } << "home";
        QTest::newRow("none yet") << L {} << "";
    }

    void kubeconfigFiles()
    {
        QFETCH(QStringList, present);
        QFETCH(QString, expected);
        const QMap<QString, QString> files {
            { QStringLiteral("flag"), path(QStringLiteral("flag/config")) },
            { QStringLiteral("settings"), path(QStringLiteral("settings/config")) },
            { QStringLiteral("env"), path(QStringLiteral("env/config")) },
            { QStringLiteral("home"), path(QStringLiteral("home/.kube/config")) },
        };
        for (const QString& source : present)
            writeKubeconfig(files.value(source), QStringLiteral("from-%1*").arg(source));
        WorkspaceOverrides overrides;
        Preferences preferences(settingsFile());
        if (present.contains(QStringLiteral("flag")))
            overrides.kubeconfigFiles = { files.value(QStringLiteral("flag")) };
        if (present.contains(QStringLiteral("settings")))
            preferences.setKubeconfigPaths({ files.value(QStringLiteral("settings")) });
        if (present.contains(QStringLiteral("env")))
            setEnvironment("KUBECONFIG", files.value(QStringLiteral("env")));

        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->kubeconfigProblem(), QString());
        if (expected.isEmpty()) {
            QVERIFY(!workspace->hasKubeconfig());
            QCOMPARE(workspace->kubeconfigFiles(), QStringList { files.value(QStringLiteral("home")) });
            QCOMPARE(workspace->contexts(), QStringList());
            QCOMPARE(workspace->target().context, QStringLiteral("minikube"));
            return;
        }
        QVERIFY(workspace->hasKubeconfig());
        QCOMPARE(workspace->kubeconfigFiles(), QStringList { files.value(expected) });
        QCOMPARE(workspace->contexts(), QStringList { QStringLiteral("from-") + expected });
        QCOMPARE(workspace->currentContext(), QStringLiteral("from-") + expected);
        QCOMPARE(workspace->target().context, QStringLiteral("from-") + expected);
        // Named files go to every child as flags; the default lookup is left to the child's own.
        const bool named = expected == QLatin1String("flag") || expected == QLatin1String("settings");
        QCOMPARE(workspace->target().kubeconfigFiles, named ? QStringList { files.value(expected) } : QStringList());
    }

    // Several files merged as $KUBECONFIG merges them: the first file's current-context and entries win.
    void severalKubeconfigFiles_data()
    {
        QTest::addColumn<bool>("inSettings");
        QTest::addColumn<bool>("oneValue"); // "a:b", as --kubeconfig accepts it
        QTest::newRow("--kubeconfig a:b") << false << true;
        QTest::newRow("two --kubeconfig values") << false << false;
        QTest::newRow("two paths in Settings") << true << false;
    }

    void severalKubeconfigFiles()
    {
        QFETCH(bool, inSettings);
        QFETCH(bool, oneValue);
        const QString a = writeKubeconfig(QStringLiteral("a/config"), QStringLiteral("minikube=a-ns*,dev=from-a"));
        const QString b = writeKubeconfig(QStringLiteral("b/config"), QStringLiteral("prod*,dev=from-b"));
        const QStringList given = oneValue ? QStringList { a + QDir::listSeparator() + b } : QStringList { a, b };
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile = write(QStringLiteral("broken.yaml"), kBrokenProfile.toUtf8());
        overrides.context = QStringLiteral("dev");
        if (inSettings)
            preferences.setKubeconfigPaths(given);
        else
            overrides.kubeconfigFiles = given;

        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->kubeconfigProblem(), QString());
        QCOMPARE(workspace->target().kubeconfigFiles, (QStringList { a, b }));
        QCOMPARE(workspace->kubeconfigFiles(), (QStringList { a, b }));
        QCOMPARE(workspace->contexts(),
                 (QStringList { QStringLiteral("dev"), QStringLiteral("minikube"), QStringLiteral("prod") }));
        QCOMPARE(workspace->currentContext(), QStringLiteral("minikube"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("from-a"));
        QCOMPARE(workspace->target().kubectlArguments(),
                 (QStringList { QStringLiteral("--context"), QStringLiteral("dev") }));
        QCOMPARE(workspace->target().childEnvironment(),
                 (Environment { { QStringLiteral("KUBECONFIG"), a + QDir::listSeparator() + b } }));
    }

    // -p > Settings' profile file > ./quayside.yaml > the shipped profile ($QUAYSIDE_PROFILE_DIR).
    void profile_data()
    {
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QString>("expected");
        using L = QStringList;
        QTest::newRow("-p") << L { "flag", "settings", "local" } << "flag";
        QTest::newRow("Settings' profile file") << L { "settings", "local" } << "settings";
        QTest::newRow("./quayside.yaml") << L { "local" } << "local";
        QTest::newRow("the shipped profile") << L {} << "shipped";
    }

    void profile()
    {
        QFETCH(QStringList, present);
        QFETCH(QString, expected);
        const QMap<QString, QString> files {
            { QStringLiteral("flag"), QStringLiteral("flag/app.yaml") },
            { QStringLiteral("settings"), QStringLiteral("settings/app.yaml") },
            { QStringLiteral("local"), QStringLiteral("work/quayside.yaml") },
            { QStringLiteral("shipped"), QStringLiteral("shipped/todo-chatbot.yaml") },
        };
        for (const QString& source : present)
            writeProfile(files.value(source), QStringLiteral("from-") + source, source + QStringLiteral("-ns"));
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        if (present.contains(QStringLiteral("flag")))
            overrides.profileFile = path(files.value(QStringLiteral("flag")));
        if (present.contains(QStringLiteral("settings")))
            preferences.setProfileFile(path(files.value(QStringLiteral("settings"))));

        const auto workspace = loaded(&preferences, overrides);
        QVERIFY2(workspace->hasProfile(), qPrintable(workspace->profileProblem()));
        QCOMPARE(workspace->profileProblem(), QString());
        QCOMPARE(workspace->profileFile(), path(files.value(expected)));
        QCOMPARE(workspace->profile().name, QStringLiteral("from-") + expected);
        QCOMPARE(workspace->profile().sourceFile, path(files.value(expected)));
        QCOMPARE(workspace->profile().nameSpace, expected + QStringLiteral("-ns"));
        QCOMPARE(workspace->target().nameSpace, expected + QStringLiteral("-ns"));
        // The profile's secrets, not a built-in list.
        QCOMPARE(workspace->profile().secrets.names(),
                 QStringList { QStringLiteral("FROM_") + expected.toUpper() + QStringLiteral("_KEY") });
        QCOMPARE(workspace->profile().secrets.secretName, QStringLiteral("from-%1-secrets").arg(expected));
    }

    // A relative -p is the file in the working directory, made absolute once.
    void relativeProfileFlag()
    {
        writeProfile(QStringLiteral("work/profiles/mine.yaml"), QStringLiteral("mine"), QStringLiteral("mine-ns"));
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile = QStringLiteral("profiles/mine.yaml");
        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->profileFile(), path(QStringLiteral("work/profiles/mine.yaml")));
        QCOMPARE(workspace->profile().name, QStringLiteral("mine"));
    }

    // profile() is the file's profile with the target's namespace, for the app and its Secret alike.
    void profileHasTheTargetNamespace_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("settingsDefault");
        QTest::addColumn<QString>("switched");
        QTest::addColumn<QString>("expected");
        QTest::newRow("the profile's own") << ""
                                           << ""
                                           << ""
                                           << "app-ns";
        QTest::newRow("-n") << "flagged"
                            << ""
                            << ""
                            << "flagged";
        QTest::newRow("Settings' default") << ""
                                           << "team"
                                           << ""
                                           << "team";
        QTest::newRow("switched in the window") << "flagged"
                                                << "team"
                                                << "picked"
                                                << "picked";
    }

    void profileHasTheTargetNamespace()
    {
        QFETCH(QString, flag);
        QFETCH(QString, settingsDefault);
        QFETCH(QString, switched);
        QFETCH(QString, expected);
        Preferences preferences(settingsFile());
        preferences.setDefaultNamespace(settingsDefault);
        WorkspaceOverrides overrides;
        overrides.profileFile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        overrides.kubeconfigFiles
            = { writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube=ctx-ns*")) };
        overrides.nameSpace = flag;
        const auto workspace = loaded(&preferences, overrides);
        if (!switched.isEmpty())
            workspace->setNamespace(switched);

        QCOMPARE(workspace->target().nameSpace, expected);
        QCOMPARE(workspace->profile().nameSpace, expected);
        QCOMPARE(workspace->profile().secrets.nameSpace, expected);
        QList<ProfileError> errors;
        const std::optional<Profile> reloaded = workspace->loadProfile({}, false, &errors);
        QVERIFY2(reloaded, qPrintable(ProfileError::join(errors)));
        QCOMPARE(reloaded->nameSpace, expected);
        QCOMPARE(reloaded->secrets.nameSpace, expected);
        // The file itself is not changed.
        const auto file = ProfileLoader::loadFile(overrides.profileFile, &errors, { {}, false });
        QVERIFY(file);
        QCOMPARE(file->nameSpace, QStringLiteral("app-ns"));
    }

    void brokenProfile_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
        QTest::addColumn<QString>("problem"); // a part of profileProblem() besides the file's name
        QTest::newRow("not YAML") << kBrokenProfile.toUtf8() << "";
        QTest::newRow("no namespace") << profileYaml(QStringLiteral("app"), QStringLiteral("app-ns"),
                                                     QStringLiteral("minikube"), { QStringLiteral("KEY") })
                                             .replace("\nnamespace: app-ns\n", "\n")
                                      << "namespace";
        QTest::newRow("invalid namespace") << profileYaml(QStringLiteral("app"), QStringLiteral("App_NS"),
                                                          QStringLiteral("minikube"), { QStringLiteral("KEY") })
                                           << "App_NS";
        QTest::newRow("missing file") << QByteArray() << "";
    }

    void brokenProfile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        const QString file
            = content.isEmpty() ? path(QStringLiteral("missing.yaml")) : write(QStringLiteral("app.yaml"), content);
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile = file;
        overrides.kubeconfigFiles
            = { writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube=ctx-ns*")) };
        const auto workspace = loaded(&preferences, overrides);
        QVERIFY(!workspace->hasProfile());
        QCOMPARE(workspace->profileFile(), file);
        QVERIFY2(workspace->profileProblem().contains(file), qPrintable(workspace->profileProblem()));
        QVERIFY2(workspace->profileProblem().contains(problem), qPrintable(workspace->profileProblem()));
        QVERIFY(!workspace->profileErrors().isEmpty());
        QCOMPARE(workspace->profile().name, QString());
        // Not fatal: the target still resolves.
        QCOMPARE(workspace->target().context, QStringLiteral("minikube"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("ctx-ns"));
    }

    // A switcher choice changes the target once, is remembered for the kubeconfig files it was made
    // with (and, for the namespace, for that context), and not for other files.
    void switchingIsRemembered_data()
    {
        QTest::addColumn<QString>("via"); // how the kubeconfig is given
        QTest::newRow("--kubeconfig") << "flag";
        QTest::newRow("Settings' kubeconfig paths") << "settings";
        QTest::newRow("$KUBECONFIG") << "env";
        QTest::newRow("~/.kube/config") << "home";
    }

    void switchingIsRemembered()
    {
        QFETCH(QString, via);
        const QString spec = QStringLiteral("minikube*,dev=dev-ns,prod");
        const QString file = writeKubeconfig(
            via == QLatin1String("home") ? QStringLiteral("home/.kube/config") : QStringLiteral("kube/config"), spec);
        const QString other = writeKubeconfig(QStringLiteral("other/config"), spec);
        const QString profile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        // How a run is given `kubeconfig` (the settings are set up before the workspace exists).
        const auto setUp = [&](Preferences& preferences, const QString& kubeconfig) {
            WorkspaceOverrides overrides;
            overrides.profileFile = profile;
            if (via == QLatin1String("flag") || (via == QLatin1String("home") && kubeconfig == other))
                overrides.kubeconfigFiles = { kubeconfig };
            else if (via == QLatin1String("settings"))
                preferences.setKubeconfigPaths({ kubeconfig });
            else if (via == QLatin1String("env"))
                setEnvironment("KUBECONFIG", kubeconfig);
            return overrides;
        };

        Preferences preferences(settingsFile());
        const WorkspaceOverrides overrides = setUp(preferences, file);
        const auto first = loaded(&preferences, overrides);
        QCOMPARE(first->kubeconfigFiles(), QStringList { file });
        QCOMPARE(first->target().context, QStringLiteral("minikube"));
        QCOMPARE(first->target().nameSpace, QStringLiteral("app-ns"));
        QSignalSpy changed(first.get(), &Workspace::targetChanged);
        QSignalSpy profileChanged(first.get(), &Workspace::profileChanged);

        first->setContext(QStringLiteral("dev"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(first->target().context, QStringLiteral("dev"));
        QCOMPARE(first->target().nameSpace, QStringLiteral("app-ns")); // the profile's beats the context's
        first->setContext(QStringLiteral("dev"));
        first->setContext(QString());
        QCOMPARE(changed.size(), 1);

        first->setNamespace(QStringLiteral("mine"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(first->target().nameSpace, QStringLiteral("mine"));
        QCOMPARE(first->profile().nameSpace, QStringLiteral("mine"));
        first->setNamespace(QStringLiteral(" mine "));
        first->setNamespace(QStringLiteral("  "));
        QCOMPARE(changed.size(), 2);

        // The namespace choice belongs to its context.
        first->setContext(QStringLiteral("prod"));
        QCOMPARE(changed.size(), 3);
        QCOMPARE(first->target().nameSpace, QStringLiteral("app-ns"));
        first->setContext(QStringLiteral("dev"));
        QCOMPARE(changed.size(), 4);
        QCOMPARE(first->target().nameSpace, QStringLiteral("mine"));
        QCOMPARE(profileChanged.size(), 0);

        // The next run with the same settings and kubeconfig.
        {
            Preferences again(settingsFile());
            const auto second = loaded(&again, setUp(again, file));
            QCOMPARE(second->target().context, QStringLiteral("dev"));
            QCOMPARE(second->target().nameSpace, QStringLiteral("mine"));
        }
        // Read back from the disk, not from QSettings' in-process cache of the same file.
        {
            QVERIFY(QFile::copy(settingsFile(), path(QStringLiteral("config/copy.ini"))));
            Preferences copy(path(QStringLiteral("config/copy.ini")));
            const auto second = loaded(&copy, setUp(copy, file));
            QCOMPARE(second->target().context, QStringLiteral("dev"));
            QCOMPARE(second->target().nameSpace, QStringLiteral("mine"));
        }
        // Another kubeconfig file with the same contexts: nothing was chosen for it.
        {
            Preferences again(settingsFile());
            const auto third = loaded(&again, setUp(again, other));
            QCOMPARE(third->kubeconfigFiles(), QStringList { other });
            QCOMPARE(third->target().context, QStringLiteral("minikube"));
            QCOMPARE(third->target().nameSpace, QStringLiteral("app-ns"));
        }
    }

    // A choice in the window beats the command line's for the rest of the run, and the next run
    // follows the command line again.
    void switchingOverridesFlagsForTheRun()
    {
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        overrides.kubeconfigFiles
            = { writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube*,dev,prod")) };
        overrides.context = QStringLiteral("prod");
        overrides.nameSpace = QStringLiteral("flagged");
        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(workspace->target().context, QStringLiteral("prod"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("flagged"));
        QSignalSpy changed(workspace.get(), &Workspace::targetChanged);
        workspace->setContext(QStringLiteral("dev"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(workspace->target().context, QStringLiteral("dev"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("app-ns"));

        const auto next = loaded(&preferences, overrides);
        QCOMPARE(next->target().context, QStringLiteral("prod"));
        QCOMPARE(next->target().nameSpace, QStringLiteral("flagged"));
    }

    // New defaults saved in Settings during a run are the newest choice.
    void newSettingsDefaultsReplaceTheSwitcherChoice()
    {
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        overrides.kubeconfigFiles
            = { writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube*,dev,prod")) };
        const auto workspace = loaded(&preferences, overrides);
        workspace->setContext(QStringLiteral("prod"));
        workspace->setNamespace(QStringLiteral("mine"));
        QSignalSpy changed(workspace.get(), &Workspace::targetChanged);

        preferences.setDefaultContext(QStringLiteral("dev"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(workspace->target().context, QStringLiteral("dev"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("app-ns"));
        const auto next = loaded(&preferences, overrides);
        QCOMPARE(next->target().context, QStringLiteral("dev"));

        preferences.setDefaultNamespace(QStringLiteral("team"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("team"));
    }

    // Saved in the Settings dialog, applied at once: only what changed is announced.
    void settingsApplyAtOnce_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<int>("targetChanged");
        QTest::addColumn<int>("profileChanged");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("profile");
        QTest::newRow("kubeconfig paths") << "kubeconfig" << 1 << 0 << "other"
                                          << "app";
        QTest::newRow("profile file") << "profile" << 1 << 1 << "minikube"
                                      << "second";
        QTest::newRow("default namespace") << "namespace" << 1 << 0 << "minikube"
                                           << "app";
        QTest::newRow("theme") << "theme" << 0 << 0 << "minikube"
                               << "app";
    }

    void settingsApplyAtOnce()
    {
        QFETCH(QString, edit);
        QFETCH(int, targetChanged);
        QFETCH(int, profileChanged);
        QFETCH(QString, context);
        QFETCH(QString, profile);
        Preferences preferences(settingsFile());
        preferences.setKubeconfigPaths({ writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube*")) });
        preferences.setProfileFile(
            writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns")));
        const QString second
            = writeProfile(QStringLiteral("second.yaml"), QStringLiteral("second"), QStringLiteral("second-ns"));
        const QString other = writeKubeconfig(QStringLiteral("kube/other"), QStringLiteral("other*"));
        const auto workspace = loaded(&preferences, {});
        QSignalSpy targetSpy(workspace.get(), &Workspace::targetChanged);
        QSignalSpy profileSpy(workspace.get(), &Workspace::profileChanged);
        if (edit == QLatin1String("kubeconfig"))
            preferences.setKubeconfigPaths({ other });
        else if (edit == QLatin1String("profile"))
            preferences.setProfileFile(second);
        else if (edit == QLatin1String("namespace"))
            preferences.setDefaultNamespace(QStringLiteral("team"));
        else
            preferences.setTheme(Preferences::Theme::Light);
        QCOMPARE(targetSpy.size(), targetChanged);
        QCOMPARE(profileSpy.size(), profileChanged);
        QCOMPARE(workspace->target().context, context);
        QCOMPARE(workspace->profile().name, profile);
        QCOMPARE(workspace->target().nameSpace,
                 edit == QLatin1String("namespace") ? QStringLiteral("team") : profile + QStringLiteral("-ns"));
        QCOMPARE(workspace->profile().nameSpace, workspace->target().nameSpace);
    }

    // minikube writes the kubeconfig during a deploy: reloadKubeconfig() picks up its contexts.
    void reloadAfterTheKubeconfigAppears_data()
    {
        QTest::addColumn<QString>("via");
        QTest::addColumn<QString>("written"); // what minikube wrote
        QTest::addColumn<QString>("expected");
        QTest::newRow("~/.kube/config, the profile's context") << "home"
                                                               << "qs-dev=qs-ns*"
                                                               << "qs-dev";
        QTest::newRow("~/.kube/config, another context") << "home"
                                                         << "other*"
                                                         << "other";
        QTest::newRow("$KUBECONFIG") << "env"
                                     << "qs-dev*,other"
                                     << "qs-dev";
        QTest::newRow("--kubeconfig") << "flag"
                                      << "other*,qs-dev"
                                      << "qs-dev";
        QTest::newRow("Settings' path") << "settings"
                                        << "other*"
                                        << "other";
    }

    void reloadAfterTheKubeconfigAppears()
    {
        QFETCH(QString, via);
        QFETCH(QString, written);
        QFETCH(QString, expected);
        const QString file = via == QLatin1String("home") ? path(QStringLiteral("home/.kube/config"))
                                                          : path(QStringLiteral("kube/config"));
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"),
                                             QStringLiteral("app-ns"), QStringLiteral("qs-dev"));
        if (via == QLatin1String("flag"))
            overrides.kubeconfigFiles = { file };
        else if (via == QLatin1String("settings"))
            preferences.setKubeconfigPaths({ file });
        else if (via == QLatin1String("env"))
            setEnvironment("KUBECONFIG", file);
        const auto workspace = loaded(&preferences, overrides);
        QVERIFY(!workspace->hasKubeconfig());
        QCOMPARE(workspace->contexts(), QStringList());
        QCOMPARE(workspace->target().context, QStringLiteral("qs-dev"));
        // Only a file named on the command line or in Settings must exist already.
        const bool named = via == QLatin1String("flag") || via == QLatin1String("settings");
        QCOMPARE(workspace->kubeconfigProblem().isEmpty(), !named);

        QSignalSpy changed(workspace.get(), &Workspace::targetChanged);
        writeKubeconfig(file, written);
        workspace->reloadKubeconfig();
        QCOMPARE(changed.size(), 1);
        QVERIFY(workspace->hasKubeconfig());
        QCOMPARE(workspace->kubeconfigProblem(), QString());
        QStringList names = contextNames(written);
        names.sort();
        QCOMPARE(workspace->contexts(), names);
        QCOMPARE(workspace->target().context, expected);
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("app-ns"));

        workspace->reloadKubeconfig();
        QCOMPARE(changed.size(), 1);
    }

    // The context chosen in the window disappears from the kubeconfig (deleted elsewhere) and comes
    // back: meanwhile the target falls back without taking the chosen namespace to another context.
    void chosenContextDisappears()
    {
        const QString file = writeKubeconfig(QStringLiteral("kube/config"), QStringLiteral("minikube*,dev"));
        Preferences preferences(settingsFile());
        WorkspaceOverrides overrides;
        overrides.profileFile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        overrides.kubeconfigFiles = { file };
        const auto workspace = loaded(&preferences, overrides);
        workspace->setContext(QStringLiteral("dev"));
        workspace->setNamespace(QStringLiteral("mine"));
        QSignalSpy changed(workspace.get(), &Workspace::targetChanged);

        writeKubeconfig(file, QStringLiteral("minikube*"));
        workspace->reloadKubeconfig();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(workspace->target().context, QStringLiteral("minikube"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("app-ns"));

        writeKubeconfig(file, QStringLiteral("minikube*,dev"));
        workspace->reloadKubeconfig();
        QCOMPARE(changed.size(), 2);
        QCOMPARE(workspace->target().context, QStringLiteral("dev"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("mine"));
    }

    // A kubeconfig that cannot be read is reported and costs nothing: the settings file is not touched
    // and the choices come back once the file is fixed.
    void brokenKubeconfigLosesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not YAML") << QByteArray("contexts: [unclosed\n");
        QTest::newRow("a list") << QByteArray("- a\n- b\n");
        QTest::newRow("a directory") << QByteArray();
    }

    void brokenKubeconfigLosesNothing()
    {
        QFETCH(QByteArray, content);
        const QString spec = QStringLiteral("minikube*,dev=dev-ns,prod");
        const QString file = writeKubeconfig(QStringLiteral("kube/config"), spec);
        Preferences preferences(settingsFile());
        preferences.setTheme(Preferences::Theme::Dark);
        WorkspaceOverrides overrides;
        overrides.profileFile
            = writeProfile(QStringLiteral("app.yaml"), QStringLiteral("app"), QStringLiteral("app-ns"));
        overrides.kubeconfigFiles = { file };
        const auto workspace = loaded(&preferences, overrides);
        workspace->setContext(QStringLiteral("dev"));
        workspace->setNamespace(QStringLiteral("mine"));
        const QByteArray settings = readAll(settingsFile());
        QVERIFY(!settings.isEmpty());

        if (content.isEmpty()) {
            QVERIFY(QFile::remove(file));
            QVERIFY(QDir().mkpath(file));
        } else {
            write(file, content);
        }
        workspace->reloadKubeconfig();
        QVERIFY2(workspace->kubeconfigProblem().contains(file), qPrintable(workspace->kubeconfigProblem()));
        QCOMPARE(readAll(settingsFile()), settings);
        {
            Preferences again(settingsFile());
            const auto next = loaded(&again, overrides);
            QVERIFY(!next->kubeconfigProblem().isEmpty());
            QCOMPARE(readAll(settingsFile()), settings);
        }

        if (content.isEmpty())
            QVERIFY(QDir(file).removeRecursively());
        writeKubeconfig(file, spec);
        workspace->reloadKubeconfig();
        QCOMPARE(workspace->kubeconfigProblem(), QString());
        QCOMPARE(workspace->target().context, QStringLiteral("dev"));
        QCOMPARE(workspace->target().nameSpace, QStringLiteral("mine"));
        Preferences again(settingsFile());
        const auto next = loaded(&again, overrides);
        QCOMPARE(next->target().context, QStringLiteral("dev"));
        QCOMPARE(next->target().nameSpace, QStringLiteral("mine"));
        QCOMPARE(again.theme(), Preferences::Theme::Dark);
    }

    void preferenceDefaults_data()
    {
        QTest::addColumn<QByteArray>("content"); // of the settings file; empty: no file
        QTest::newRow("no settings file") << QByteArray();
        QTest::newRow("an empty file") << QByteArray("\n");
        QTest::newRow("values out of range")
            << QByteArray("[dashboard]\nlogLineLimit=5\nmetricsIntervalSeconds=0\n[appearance]\ntheme=purple\n");
        QTest::newRow("values that are not numbers")
            << QByteArray("[dashboard]\nlogLineLimit=many\nmetricsIntervalSeconds=often\n");
    }

    void preferenceDefaults()
    {
        QFETCH(QByteArray, content);
        if (!content.isEmpty())
            write(QStringLiteral("config/quayside.ini"), content);
        Preferences preferences(settingsFile());
        QCOMPARE(preferences.problem(), QString());
        QCOMPARE(preferences.fileName(), settingsFile());
        QCOMPARE(preferences.logLineLimit(), 50'000);
        QCOMPARE(Preferences::kDefaultLogLineLimit, 50'000);
        QCOMPARE(preferences.metricsInterval(), std::chrono::seconds(15));
        QCOMPARE(preferences.theme(), Preferences::Theme::System);
        QCOMPARE(preferences.kubeconfigPaths(), QStringList());
        QCOMPARE(preferences.defaultContext(), QString());
        QCOMPARE(preferences.defaultNamespace(), QString());
        QCOMPARE(preferences.profileFile(), QString());
        for (const QString& tool : Preferences::overridableTools())
            QCOMPARE(preferences.toolPath(tool), QString());
        QCOMPARE(preferences.lastPage(), QString());
        QCOMPARE(preferences.windowGeometry(), QByteArray());
    }

    void themeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::addColumn<int>("theme");
        QTest::newRow("system") << "system" << true << int(Preferences::Theme::System);
        QTest::newRow("light") << "light" << true << int(Preferences::Theme::Light);
        QTest::newRow("dark") << "dark" << true << int(Preferences::Theme::Dark);
        QTest::newRow("unknown") << "purple" << false << int(Preferences::Theme::Light);
    }

    void themeNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, known);
        QFETCH(int, theme);
        Preferences::Theme parsed = Preferences::Theme::Light;
        QCOMPARE(Preferences::themeFromName(name, &parsed), known);
        QCOMPARE(int(parsed), theme);
        if (known)
            QCOMPARE(Preferences::themeName(parsed), name);
    }

    // Every setter, read back by the same object, by a second one on the same file and by one on a
    // copy of the file (so the value really is on disk).
    void preferencesRoundTrip()
    {
        const QByteArray geometry("\x01\xd9\xd0\xcb\x00\x03\x00\x00geometry", 16);
        {
            Preferences preferences(settingsFile());
            preferences.setKubeconfigPaths(
                { QStringLiteral(" /a/k1 "), QStringLiteral("/b/k2"), QStringLiteral("/a/k1"), QString() });
            preferences.setDefaultContext(QStringLiteral(" dev "));
            preferences.setDefaultNamespace(QStringLiteral("team"));
            preferences.setProfileFile(QStringLiteral("/p/quayside.yaml"));
            preferences.setLogLineLimit(120'000);
            preferences.setMetricsInterval(std::chrono::seconds(5));
            preferences.setTheme(Preferences::Theme::Dark);
            for (const QString& tool : Preferences::overridableTools())
                preferences.setToolPath(tool, QStringLiteral("/opt/") + tool);
            preferences.setToolPath(QStringLiteral("bash"), QStringLiteral("/opt/bash")); // not a tool we run
            preferences.rememberContext(QStringLiteral("/a/k1"), QStringLiteral("dev"));
            preferences.rememberNamespace(QStringLiteral("/a/k1"), QStringLiteral("dev"), QStringLiteral("mine"));
            preferences.setSourceDirectory(QStringLiteral("/p/quayside.yaml"), QStringLiteral("/src/app"));
            preferences.setWindowGeometry(geometry);
            preferences.setWindowState(QByteArray("state"));
            preferences.setSplitterState(QStringLiteral("dashboard"), QByteArray("split"));
            preferences.setLastPage(QStringLiteral("deploy"));
        }
        QVERIFY(QFile::copy(settingsFile(), path(QStringLiteral("config/copy.ini"))));
        for (const QString& file : { settingsFile(), path(QStringLiteral("config/copy.ini")) }) {
            Preferences preferences(file);
            QCOMPARE(preferences.problem(), QString());
            QCOMPARE(preferences.kubeconfigPaths(), (QStringList { QStringLiteral("/a/k1"), QStringLiteral("/b/k2") }));
            QCOMPARE(preferences.defaultContext(), QStringLiteral("dev"));
            QCOMPARE(preferences.defaultNamespace(), QStringLiteral("team"));
            QCOMPARE(preferences.profileFile(), QStringLiteral("/p/quayside.yaml"));
            QCOMPARE(preferences.logLineLimit(), 120'000);
            QCOMPARE(preferences.metricsInterval(), std::chrono::seconds(5));
            QCOMPARE(preferences.theme(), Preferences::Theme::Dark);
            for (const QString& tool : Preferences::overridableTools())
                QCOMPARE(preferences.toolPath(tool), QStringLiteral("/opt/") + tool);
            QCOMPARE(preferences.toolPath(QStringLiteral("bash")), QString());
            QCOMPARE(preferences.rememberedTarget(QStringLiteral("/a/k1")).context, QStringLiteral("dev"));
            QCOMPARE(preferences.rememberedTarget(QStringLiteral("/a/k1")).nameSpace, QStringLiteral("mine"));
            QCOMPARE(preferences.rememberedNamespace(QStringLiteral("/a/k1"), QStringLiteral("dev")),
                     QStringLiteral("mine"));
            QCOMPARE(preferences.rememberedTarget(QStringLiteral("/b/k2")).context, QString());
            QCOMPARE(preferences.rememberedNamespace(QStringLiteral("/a/k1"), QStringLiteral("prod")), QString());
            QCOMPARE(preferences.sourceDirectory(QStringLiteral("/p/quayside.yaml")), QStringLiteral("/src/app"));
            QCOMPARE(preferences.sourceDirectory(QStringLiteral("/p/other.yaml")), QString());
            QCOMPARE(preferences.windowGeometry(), geometry);
            QCOMPARE(preferences.windowState(), QByteArray("state"));
            QCOMPARE(preferences.splitterState(QStringLiteral("dashboard")), QByteArray("split"));
            QCOMPARE(preferences.splitterState(QStringLiteral("logs")), QByteArray());
            QCOMPARE(preferences.lastPage(), QStringLiteral("deploy"));
        }

        // Back to the defaults: read as the defaults, and nothing about them is left in the file.
        {
            Preferences preferences(settingsFile());
            preferences.setKubeconfigPaths({});
            preferences.setLogLineLimit(Preferences::kDefaultLogLineLimit);
            preferences.setMetricsInterval(Preferences::kDefaultMetricsInterval);
            preferences.setTheme(Preferences::Theme::System);
            preferences.setToolPath(QStringLiteral("helm"), QString());
        }
        Preferences preferences(settingsFile());
        QCOMPARE(preferences.kubeconfigPaths(), QStringList());
        QCOMPARE(preferences.logLineLimit(), 50'000);
        QCOMPARE(preferences.metricsInterval(), std::chrono::seconds(15));
        QCOMPARE(preferences.theme(), Preferences::Theme::System);
        QCOMPARE(preferences.toolPath(QStringLiteral("helm")), QString());
        const QByteArray ini = readAll(settingsFile());
        QVERIFY2(!ini.contains("logLineLimit") && !ini.contains("theme") && !ini.contains("kubeconfigs")
                     && !ini.contains("helm"),
                 ini.constData());
    }

    // changed() is for what a user edits; the Settings dialog's Save is one changed().
    void changedSignals_data()
    {
        QTest::addColumn<QStringList>("edits");
        // Nested beginUpdate() calls; 0: none; -1: none, and another run saved the same edits before.
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("expected");
        using L = QStringList;
        QTest::newRow("one edit") << L { "theme" } << 0 << 1;
        QTest::newRow("three edits") << L { "theme", "lines", "namespace" } << 0 << 3;
        QTest::newRow("three edits, one batch") << L { "theme", "lines", "namespace" } << 1 << 1;
        QTest::newRow("nested batches") << L { "theme", "tool", "kubeconfig" } << 2 << 1;
        QTest::newRow("empty batch") << L {} << 1 << 0;
        QTest::newRow("window state and choices are silent") << L { "geometry", "page", "remember" } << 0 << 0;
        QTest::newRow("a batch of silent edits") << L { "geometry", "remember" } << 1 << 0;
        QTest::newRow("the defaults again") << L { "same theme", "same lines", "same tool" } << 0 << 0;
        QTest::newRow("the values already in the file")
            << L { "theme", "lines", "kubeconfig", "tool", "namespace" } << -1 << 0;
    }

    void changedSignals()
    {
        QFETCH(QStringList, edits);
        QFETCH(int, depth);
        QFETCH(int, expected);
        const auto apply = [](Preferences& preferences, const QStringList& list) {
            for (const QString& edit : list) {
                if (edit == QLatin1String("theme"))
                    preferences.setTheme(Preferences::Theme::Dark);
                else if (edit == QLatin1String("lines"))
                    preferences.setLogLineLimit(2000);
                else if (edit == QLatin1String("namespace"))
                    preferences.setDefaultNamespace(QStringLiteral("team"));
                else if (edit == QLatin1String("tool"))
                    preferences.setToolPath(QStringLiteral("helm"), QStringLiteral("/opt/helm"));
                else if (edit == QLatin1String("kubeconfig"))
                    preferences.setKubeconfigPaths({ QStringLiteral("/k") });
                else if (edit == QLatin1String("geometry"))
                    preferences.setWindowGeometry(QByteArray("g"));
                else if (edit == QLatin1String("page"))
                    preferences.setLastPage(QStringLiteral("secrets"));
                else if (edit == QLatin1String("remember"))
                    preferences.rememberContext(QStringLiteral("/k"), QStringLiteral("dev"));
                else if (edit == QLatin1String("same theme"))
                    preferences.setTheme(Preferences::Theme::System);
                else if (edit == QLatin1String("same lines"))
                    preferences.setLogLineLimit(Preferences::kDefaultLogLineLimit);
                else if (edit == QLatin1String("same tool"))
                    preferences.setToolPath(QStringLiteral("docker"), QString());
                else
                    QFAIL(qPrintable(edit));
            }
        };
        QString file = settingsFile();
        QByteArray before;
        if (depth < 0) {
            {
                Preferences earlier(settingsFile());
                apply(earlier, edits);
            }
            // Copied, so it is read from the disk as the next run reads it (values come back as strings),
            // not from QSettings' in-process cache.
            file = path(QStringLiteral("config/next-run.ini"));
            QVERIFY(QFile::copy(settingsFile(), file));
            before = readAll(file);
        }
        Preferences preferences(file);
        QSignalSpy changed(&preferences, &Preferences::changed);
        for (int i = 0; i < depth; ++i)
            preferences.beginUpdate();
        apply(preferences, edits);
        if (depth < 0)
            QCOMPARE(readAll(file), before);
        for (int i = 0; i < depth; ++i) {
            QCOMPARE(changed.size(), 0);
            preferences.endUpdate();
        }
        QCOMPARE(changed.size(), expected);
        preferences.endUpdate(); // unbalanced: ignored
        QCOMPARE(changed.size(), expected);
    }

    // QSettings writes a temporary file and renames it over the settings file: nothing is left beside
    // it, and the file is replaced rather than rewritten in place.
    void writesAreAtomic()
    {
        const QDir config(path(QStringLiteral("config")));
        Preferences preferences(settingsFile());
        preferences.setTheme(Preferences::Theme::Dark);
#ifdef Q_OS_UNIX
        struct stat before
        {
        };
        QCOMPARE(::stat(QFile::encodeName(settingsFile()).constData(), &before), 0);
#endif
        for (int i = 0; i < 20; ++i) {
            preferences.setLogLineLimit(1000 + i);
            preferences.setWindowGeometry(QByteArray::number(i));
            preferences.rememberContext(QStringLiteral("/k"), QString::number(i));
        }
        QCOMPARE(config.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
                 QStringList { QStringLiteral("quayside.ini") });
#ifdef Q_OS_UNIX
        struct stat after
        {
        };
        QCOMPARE(::stat(QFile::encodeName(settingsFile()).constData(), &after), 0);
        QVERIFY2(before.st_ino != after.st_ino, "the settings file was rewritten in place");
#endif
        QCOMPARE(Preferences(settingsFile()).logLineLimit(), 1019);
    }

    // Settings → Tools reach ExecutableFinder, and a wrong override is the tool missing, never another
    // copy found on PATH.
    void toolOverrides_data()
    {
        QTest::addColumn<QString>("override"); // relative to the temp dir; empty: none
        QTest::addColumn<int>("mode"); // of the override file; 0: do not create it
        QTest::addColumn<QString>("expected"); // relative to the temp dir; empty: not found
        QTest::newRow("no override: PATH") << "" << 0 << "path/helm";
        QTest::newRow("an executable") << "tools/my-helm" << 0755 << "tools/my-helm";
        QTest::newRow("not executable") << "tools/my-helm" << 0644 << "";
        QTest::newRow("missing") << "tools/my-helm" << 0 << "";
        QTest::newRow("a directory") << "tools" << 0 << "";
    }

    void toolOverrides()
    {
        QFETCH(QString, override);
        QFETCH(int, mode);
        QFETCH(QString, expected);
        const auto executable = [this](const QString& relative, int permissions) {
            const QString file = write(relative, "#!/bin/sh\nexit 0\n");
            QFileDevice::Permissions flags = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
            if (permissions & 0100)
                flags |= QFileDevice::ExeOwner;
            QFile::setPermissions(file, flags);
            return file;
        };
        executable(QStringLiteral("path/helm"), 0755);
        QVERIFY(QDir().mkpath(path(QStringLiteral("tools"))));
        if (mode != 0)
            executable(override, mode);
        setEnvironment("PATH", path(QStringLiteral("path")));
        setEnvironment("QUAYSIDE_EXTRA_TOOL_DIRS", QString());
        Preferences preferences(settingsFile());
        if (!override.isEmpty())
            preferences.setToolPath(QStringLiteral("helm"), path(override));

        WorkspaceOverrides overrides;
        const auto workspace = loaded(&preferences, overrides);
        QCOMPARE(ExecutableFinder::find(QStringLiteral("helm")), expected.isEmpty() ? QString() : path(expected));
        QCOMPARE(ExecutableFinder::find(QStringLiteral("kubectl")), QString()); // not on PATH, no override

        // A change in Settings applies at once, and clearing it falls back to PATH.
        const QString other = executable(QStringLiteral("tools/other-helm"), 0755);
        preferences.setToolPath(QStringLiteral("helm"), other);
        QCOMPARE(ExecutableFinder::find(QStringLiteral("helm")), other);
        preferences.setToolPath(QStringLiteral("helm"), QString());
        QCOMPARE(ExecutableFinder::find(QStringLiteral("helm")), path(QStringLiteral("path/helm")));
    }

    void clusterTarget_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QStringList>("kubectl");
        QTest::addColumn<QStringList>("helm");
        QTest::addColumn<Environment>("environment");
        QTest::addColumn<QString>("explicitPath");
        QTest::addColumn<QString>("kubeconfigEnv"); // "<environment>": read $KUBECONFIG
        QTest::addColumn<QString>("key"); // what choices are remembered under; "~": ~/.kube/config
        using L = QStringList;
        const QString several = QStringList { "/k/a", "/k/b", "/k/c" }.join(QDir::listSeparator());
        QTest::newRow("no files") << L {} << "minikube"
                                  << "todo-app" << L { "--context", "minikube" } << L { "--kube-context", "minikube" }
                                  << Environment {} << ""
                                  << "<environment>"
                                  << "~";
        QTest::newRow("no files, no context yet") << L {} << ""
                                                  << "default" << L {} << L {} << Environment {} << ""
                                                  << "<environment>"
                                                  << "~";
        QTest::newRow("one file") << L { "/k/a" } << "dev"
                                  << "ns" << L { "--kubeconfig", "/k/a", "--context", "dev" }
                                  << L { "--kubeconfig", "/k/a", "--kube-context", "dev" } << Environment {} << "/k/a"
                                  << "<environment>"
                                  << "/k/a";
        QTest::newRow("one file, no context")
            << L { "/k/a" } << ""
            << "ns" << L { "--kubeconfig", "/k/a" } << L { "--kubeconfig", "/k/a" } << Environment {} << "/k/a"
            << "<environment>"
            << "/k/a";
        QTest::newRow("several files") << L { "/k/a", "/k/b", "/k/c" } << "dev"
                                       << "ns" << L { "--context", "dev" } << L { "--kube-context", "dev" }
                                       << Environment { { QStringLiteral("KUBECONFIG"), several } } << "" << several
                                       << several;
    }

    void clusterTarget()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, context);
        QFETCH(QString, nameSpace);
        QFETCH(QStringList, kubectl);
        QFETCH(QStringList, helm);
        QFETCH(Environment, environment);
        QFETCH(QString, explicitPath);
        QFETCH(QString, kubeconfigEnv);
        QFETCH(QString, key);
        ClusterTarget target;
        target.kubeconfigFiles = files;
        target.context = context;
        target.nameSpace = nameSpace;
        target.minikubeProfile = QStringLiteral("minikube");
        QCOMPARE(target.kubectlArguments(), kubectl);
        QCOMPARE(target.helmArguments(), helm);
        QCOMPARE(target.childEnvironment(), environment);
        const kube::KubeconfigLoader::Options options = target.loaderOptions();
        QCOMPARE(options.explicitPath, explicitPath);
        QCOMPARE(options.kubeconfigEnv.value_or(QStringLiteral("<environment>")), kubeconfigEnv);
        QCOMPARE(options.context, context);
        QCOMPARE(options.nameSpace, nameSpace);
        QCOMPARE(options.homeDirectory, QString());
        QCOMPARE(target.kubeconfigKey(), key == QLatin1String("~") ? path(QStringLiteral("home/.kube/config")) : key);
        if (files.isEmpty()) {
            // Another $KUBECONFIG is another set of files.
            setEnvironment("KUBECONFIG", QStringLiteral("/e/a") + QDir::listSeparator() + QStringLiteral("/e/b"));
            QCOMPARE(target.kubeconfigKey(), QStringLiteral("/e/a") + QDir::listSeparator() + QStringLiteral("/e/b"));
        }

        ClusterTarget same = target;
        QVERIFY(same == target);
        same.nameSpace = QStringLiteral("other");
        QVERIFY(!(same == target));
    }
};

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "WorkspaceTest.moc"
