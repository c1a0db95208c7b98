#include "ArtifactPaths.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace quayside {

using namespace artifacts;

// What the Dockerfiles promise, read from their text. The container test (container-build-test.sh)
// builds and runs them, but only where podman and root are available; these checks run everywhere.
class TestDockerfiles : public QObject
{
    Q_OBJECT

    struct Instruction
    {
        QString keyword;
        QString arguments;
    };

    // Instructions with continuation lines joined and comments dropped.
    static QList<Instruction> instructions(const QString& service)
    {
        const QString text = readText(sourcePath(QStringLiteral("docker/%1/Dockerfile").arg(service)));
        QList<Instruction> list;
        QString pending;
        for (const QString& raw : text.split(u'\n')) {
            const QString line = raw.trimmed();
            if (line.startsWith(u'#') || (line.isEmpty() && pending.isEmpty()))
                continue;
            if (line.endsWith(u'\\')) {
                pending += line.chopped(1) + u' ';
                continue;
            }
            const QString joined = QString(pending + line).simplified();
            pending.clear();
            const qsizetype space = joined.indexOf(u' ');
            list.append({ joined.left(space).toUpper(), space < 0 ? QString() : joined.mid(space + 1) });
        }
        return list;
    }

    static QStringList arguments(const QList<Instruction>& list, const QString& keyword)
    {
        QStringList found;
        for (const Instruction& i : list) {
            if (i.keyword == keyword)
                found << i.arguments;
        }
        return found;
    }

    // The runtime stage: everything after the last FROM.
    static QList<Instruction> finalStage(const QList<Instruction>& list)
    {
        qsizetype last = -1;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (list.at(i).keyword == QStringLiteral("FROM"))
                last = i;
        }
        return list.mid(last);
    }

private slots:
    void dockerfiles_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("defaultBase");
        QTest::addColumn<int>("minimumStages");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("command");

        QTest::newRow("backend")
            << QStringLiteral("backend") << QStringLiteral("python:3.11-slim") << 2 << 8000
            << QStringLiteral(R"(["python", "-m", "uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"])");
        QTest::newRow("frontend") << QStringLiteral("frontend") << QStringLiteral("node:20-alpine") << 3 << 3000
                                  << QStringLiteral(R"(["node", "server.js"])");
    }

    void dockerfiles()
    {
        QFETCH(QString, service);
        QFETCH(QString, defaultBase);
        QFETCH(int, minimumStages);
        QFETCH(int, port);
        QFETCH(QString, command);

        const QList<Instruction> list = instructions(service);
        QVERIFY(!list.isEmpty());

        // BASE_IMAGE, declared before the first FROM, feeds every stage, so the offline tests can
        // substitute a local image for all of them at once.
        QCOMPARE(list.first().keyword, QStringLiteral("ARG"));
        QCOMPARE(list.first().arguments, QStringLiteral("BASE_IMAGE=") + defaultBase);
        const QStringList froms = arguments(list, QStringLiteral("FROM"));
        QVERIFY2(froms.size() >= minimumStages, "not multi-stage");
        for (const QString& from : froms)
            QVERIFY2(from.startsWith(QStringLiteral("${BASE_IMAGE}")), qPrintable(from));
        QVERIFY(froms.contains(QStringLiteral("${BASE_IMAGE} AS builder")));

        const QList<Instruction> runtime = finalStage(list);
        // A numeric user: Kubernetes can only verify runAsNonRoot against a numeric USER.
        const QStringList users = arguments(runtime, QStringLiteral("USER"));
        QCOMPARE(users, QStringList { QStringLiteral("${APP_UID}:${APP_UID}") });
        static const QRegularExpression uid(QStringLiteral("^APP_UID=([1-9][0-9]*)$"));
        const QStringList args = arguments(runtime, QStringLiteral("ARG"));
        QVERIFY(std::any_of(args.cbegin(), args.cend(), [](const QString& a) { return uid.match(a).hasMatch(); }));

        QCOMPARE(arguments(runtime, QStringLiteral("EXPOSE")), QStringList { QString::number(port) });
        QCOMPARE(arguments(runtime, QStringLiteral("CMD")), QStringList { command });

        const QStringList healthchecks = arguments(runtime, QStringLiteral("HEALTHCHECK"));
        QCOMPARE(healthchecks.size(), 1);
        QVERIFY(healthchecks.first().contains(QStringLiteral("http://127.0.0.1:%1/api/health").arg(port)));
        // Slim and alpine images have no curl or wget that could be relied on.
        QVERIFY(!healthchecks.first().contains(QStringLiteral("curl")));
        QVERIFY(healthchecks.first().contains(QStringLiteral("CMD [")));

        for (const Instruction& i : list) {
            // Commands that exist on only one of the real base and the test's Debian base.
            for (const char* nonPortable : { "apk ", "adduser", "addgroup", "useradd", "groupadd", "apt-get" })
                QVERIFY2(!i.arguments.contains(QLatin1String(nonPortable)), qPrintable(i.arguments));
            QVERIFY2(!i.arguments.contains(QStringLiteral(":latest")), qPrintable(i.arguments));
        }
        // A `# syntax=` line makes BuildKit pull a frontend image from Docker Hub: no offline builds.
        QVERIFY(!readText(sourcePath(QStringLiteral("docker/%1/Dockerfile").arg(service)))
                     .startsWith(QStringLiteral("# syntax")));
    }

    void backendSpecifics()
    {
        const QList<Instruction> list = instructions(QStringLiteral("backend"));
        const QStringList runs = arguments(list, QStringLiteral("RUN"));
        // Debian's python3 is externally managed (PEP 668): install into a virtualenv.
        QVERIFY(runs.join(u'\n').contains(QStringLiteral("python3 -m venv")));
        QVERIFY(runs.join(u'\n').contains(QStringLiteral("pip wheel --wheel-dir /wheels")));
        QVERIFY(arguments(finalStage(list), QStringLiteral("COPY"))
                    .contains(QStringLiteral("--from=builder /opt/venv /opt/venv")));
        QVERIFY(arguments(finalStage(list), QStringLiteral("ENV"))
                    .join(u' ')
                    .contains(QStringLiteral("PATH=/opt/venv/bin:$PATH")));
    }

    void frontendSpecifics()
    {
        const QList<Instruction> list = instructions(QStringLiteral("frontend"));
        const QStringList copies = arguments(finalStage(list), QStringLiteral("COPY"));
        QVERIFY(copies.join(u'\n').contains(QStringLiteral("/app/.next/standalone ./")));
        QVERIFY(copies.join(u'\n').contains(QStringLiteral("/app/.next/static ./.next/static")));
        QVERIFY(arguments(list, QStringLiteral("RUN")).contains(QStringLiteral("npm ci --no-audit --no-fund")));
        const QString env = arguments(finalStage(list), QStringLiteral("ENV")).join(u' ');
        QVERIFY(env.contains(QStringLiteral("HOSTNAME=0.0.0.0")));
        QVERIFY(env.contains(QStringLiteral("PORT=3000")));
        QVERIFY(arguments(list, QStringLiteral("ARG"))
                    .contains(QStringLiteral("NEXT_PUBLIC_API_URL=http://backend-service:8000")));
    }

    void dockerignore_data()
    {
        QTest::addColumn<QString>("service");
        QTest::newRow("backend") << QStringLiteral("backend");
        QTest::newRow("frontend") << QStringLiteral("frontend");
    }

    void dockerignore()
    {
        QFETCH(QString, service);
        const QString text = readText(sourcePath(QStringLiteral("docker/%1/.dockerignore").arg(service)));
        const QStringList patterns = text.split(u'\n');
        for (const char* required : { "node_modules", ".next", ".env", ".env.*", "**/__pycache__", ".git" })
            QVERIFY2(patterns.contains(QLatin1String(required)), required);
        // BuildKit reads <Dockerfile>.dockerignore beside a Dockerfile that lives outside the context.
        QCOMPARE(readText(sourcePath(QStringLiteral("docker/%1/Dockerfile.dockerignore").arg(service))), text);
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestDockerfiles)
#include "TestDockerfiles.moc"
