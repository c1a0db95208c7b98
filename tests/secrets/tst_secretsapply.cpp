#include "kubeapi/FakeApiServerThread.h"
#include "support/StandInTools.h"

#include <QDirIterator>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside::test;

// End to end, the way a user runs it: the real `quayside` executable stores secrets in the real
// gnome-keyring of the test session and `quayside secrets apply` writes the Secret to the test API
// server. Then the leak checks of issue 5: no value in any child's argv or environment (stand-in
// kubectl/helm/docker/minikube record every call), in the log files, in QSettings or any other file
// under HOME, or in what the commands print.
class TestSecretsApply : public QObject
{
    Q_OBJECT
private:
    FakeApiServerThread m_fake;
    StandInTools m_tools;
    QTemporaryDir m_home;
    QString m_secretTool;
    QString m_kubeconfig;
    QList<QByteArray> m_values;

    const QByteArray m_jwt = "e2e-jwt-4Gd8sK1mQ7xN2vB9pL5tR3wY6zA0cE8hJ4";
    const QByteArray m_rotatedJwt = "e2e-jwt-rotated-9Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk7";
    const QByteArray m_databaseUrl
        = "postgresql://neondb_owner:npg_E2eLeakCanary@ep-e2e-7.eu-central-1.aws.neon.tech/neondb?sslmode=require";
    const QByteArray m_openAi = "sk-proj-e2e-LeakCanary-0123456789";

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment(); // PATH: the stand-ins only
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral(".cache")));
        env.insert(QStringLiteral("KUBECONFIG"), m_kubeconfig);
        env.remove(QStringLiteral("DISPLAY"));
        return env;
    }

    Run quayside(const QStringList& arguments, const QByteArray& input = {})
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside"), arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 process.readAllStandardOutput(), process.readAllStandardError() };
    }

    QJsonObject secretData()
    {
        const auto secret
            = m_fake->object(QStringLiteral("secrets"), QStringLiteral("todo-app"), QStringLiteral("todo-app-secrets"));
        return secret ? secret->value(QStringLiteral("data")).toObject() : QJsonObject();
    }
    static QByteArray decoded(const QJsonObject& data, const char* key)
    {
        return QByteArray::fromBase64(data.value(QString::fromLatin1(key)).toString().toLatin1());
    }

    void clearKeychain()
    {
        for (const char* name : { "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY", "GEMINI_API_KEY",
                                  "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET" }) {
            QProcess::execute(m_secretTool,
                              { QStringLiteral("clear"), QStringLiteral("server"), QStringLiteral("quayside"),
                                QStringLiteral("user"), QStringLiteral("todo-chatbot/") + QLatin1String(name) });
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only inside tests/support/run-headless.sh (which sets QUAYSIDE_REAL_HOME): never against the
        // developer's own keyring, whose items this test writes and clears.
        if (!qEnvironmentVariableIsSet("QUAYSIDE_REAL_HOME") || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs the private session of tests/support/run-headless.sh");
        QVERIFY(QFile::exists(QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside")));
        m_secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        QVERIFY(!m_secretTool.isEmpty());
        QVERIFY(m_home.isValid());
        QVERIFY2(m_fake.start(), qPrintable(m_fake->errorString()));
        m_kubeconfig = m_fake->kubeconfigPath();
        // Any tool `secrets apply` might be tempted to run instead of the API records its call here.
        for (const char* tool : { "kubectl", "helm", "docker", "minikube" })
            m_tools.addPrinting(QString::fromLatin1(tool), {}, 0);
        m_tools.install();
        m_values = { m_jwt, m_rotatedJwt, m_databaseUrl, m_openAi, QByteArray("npg_E2eLeakCanary") };
        clearKeychain();
    }

    void cleanupTestCase()
    {
        if (!m_secretTool.isEmpty())
            clearKeychain();
    }

    void applyRefusesWhileRequiredSecretsAreMissing()
    {
        const Run run = quayside({ QStringLiteral("secrets"), QStringLiteral("apply") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("required secrets are not set: DATABASE_URL, JWT_SECRET"), run.err.constData());
        QVERIFY(m_fake->requestsMatching(QStringLiteral("POST"), QStringLiteral("/secrets")).isEmpty());
    }

    void storeThroughStdinAndImport()
    {
        Run run = quayside({ QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("JWT_SECRET") },
                           m_jwt + '\n');
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = quayside({ QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("DATABASE_URL") },
                       m_databaseUrl);
        QVERIFY2(run.exitCode == 0, run.err.constData());

        QFile env(m_home.filePath(QStringLiteral("app.env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("LOG_LEVEL=INFO\nexport OPENAI_API_KEY=\"" + m_openAi + "\"\n");
        env.close();
        run = quayside({ QStringLiteral("secrets"), QStringLiteral("import"), env.fileName() });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("Imported 1 secret from app.env: OPENAI_API_KEY"));
        QVERIFY(run.err.contains("not imported (not secrets of this profile): LOG_LEVEL"));
        env.remove(); // the user's own file: not part of the leak check

        run = quayside(
            { QStringLiteral("secrets"), QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("\"state\": \"set\""));
    }

    void applyCreatesTheSecretWithExactlyTheStoredValues()
    {
        const Run run = quayside({ QStringLiteral("secrets"), QStringLiteral("apply"), QStringLiteral("--verbose") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("Created Secret todo-app-secrets in namespace todo-app."), run.out.constData());

        const auto secret
            = m_fake->object(QStringLiteral("secrets"), QStringLiteral("todo-app"), QStringLiteral("todo-app-secrets"));
        QVERIFY(secret);
        QCOMPARE(secret->value(QStringLiteral("type")).toString(), QStringLiteral("Opaque"));
        QVERIFY(!secret->contains(QStringLiteral("stringData")));
        const QJsonObject data = secretData();
        QCOMPARE(data.keys(), QStringList({ "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY" }));
        QCOMPARE(decoded(data, "JWT_SECRET"), m_jwt);
        QCOMPARE(decoded(data, "DATABASE_URL"), m_databaseUrl);
        QCOMPARE(decoded(data, "OPENAI_API_KEY"), m_openAi);
        // Through the API with the kubeconfig's client certificate, never through a tool.
        const auto posts
            = m_fake->requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v1/namespaces/todo-app/secrets"));
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts.first().auth, RecordedRequest::Auth::ClientCertificate);
        QVERIFY(m_tools.calls().isEmpty());
    }

    void applyAfterRotationReplacesTheData()
    {
        Run run = quayside({ QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("JWT_SECRET") },
                           m_rotatedJwt);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = quayside({ QStringLiteral("secrets"), QStringLiteral("delete"), QStringLiteral("OPENAI_API_KEY") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = quayside({ QStringLiteral("secrets"), QStringLiteral("apply") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("Updated Secret todo-app-secrets in namespace todo-app."), run.out.constData());
        const QJsonObject data = secretData();
        // The deleted key is gone: exactly what is stored, nothing else.
        QCOMPARE(data.keys(), QStringList({ "DATABASE_URL", "JWT_SECRET" }));
        QCOMPARE(decoded(data, "JWT_SECRET"), m_rotatedJwt);
        QCOMPARE(decoded(data, "DATABASE_URL"), m_databaseUrl);
        QCOMPARE(m_fake->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/secrets/todo-app-secrets")).size(),
                 1);
        QVERIFY(
            m_fake->requestsMatching(QStringLiteral("GET"), QStringLiteral("/secrets")).isEmpty()); // never read back
    }

    void noValueLeaksAnywhere()
    {
        // Children: the stand-ins record argv and environment of any tool started.
        const QByteArray recorded = m_tools.allRecordedBytes();
        for (const QByteArray& value : m_values)
            QVERIFY2(!recorded.contains(value), "a secret value reached a child process");
        QVERIFY(m_tools.calls().isEmpty());

        // Files: the log (under XDG_DATA_HOME), QSettings (XDG_CONFIG_HOME), caches, anything under HOME.
        int files = 0;
        bool sawLog = false;
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            ++files;
            if (file.fileName().endsWith(QLatin1String(".log"))) {
                sawLog = true;
                QVERIFY2(content.contains("Created Secret todo-app-secrets"), "the log should record the apply");
            }
            for (const QByteArray& value : m_values) {
                QVERIFY2(!content.contains(value), qPrintable(file.fileName()));
                QVERIFY2(!content.contains(value.toBase64()), qPrintable(file.fileName()));
            }
        }
        QVERIFY2(sawLog, "no log file was written under HOME");
        QVERIFY(files > 0);
        // The kubeconfig is read, never written with anything of ours.
        QFile kubeconfig(m_kubeconfig);
        QVERIFY(kubeconfig.open(QIODevice::ReadOnly));
        const QByteArray kubeconfigContent = kubeconfig.readAll();
        for (const QByteArray& value : m_values)
            QVERIFY(!kubeconfigContent.contains(value));
    }

    void listAndErrorsNeverPrintValues()
    {
        const Run list = quayside({ QStringLiteral("secrets"), QStringLiteral("list"), QStringLiteral("--verbose") });
        QCOMPARE(list.exitCode, 0);
        const Run bad = quayside({ QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("DATABASE_URL") },
                                 "mysql://root:npg_E2eLeakCanary@db/x");
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("Must be a postgres:// or postgresql:// URL"));
        for (const QByteArray& value : m_values) {
            QVERIFY(!list.out.contains(value) && !list.err.contains(value));
            QVERIFY(!bad.out.contains(value) && !bad.err.contains(value));
        }
        const Run argv = quayside({ QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("JWT_SECRET"),
                                    QStringLiteral("value-on-the-command-line") });
        QCOMPARE(argv.exitCode, 2);
        QVERIFY(argv.err.contains("never from the command line"));
    }
};

QTEST_GUILESS_MAIN(TestSecretsApply)
#include "tst_secretsapply.moc"
