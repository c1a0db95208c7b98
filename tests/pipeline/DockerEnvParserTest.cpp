#include "pipeline/DockerEnvParser.h"

#include <QFile>
#include <QTest>

using namespace quayside;

class DockerEnvParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minikubeOutput()
    {
        QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/pipeline/fixtures/docker-env-bash.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto r = DockerEnvParser::parse(f.readAll());
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(r.variables.size(), 4);
        QCOMPARE(r.variables.value(QStringLiteral("DOCKER_HOST")), QStringLiteral("tcp://192.168.49.2:2376"));
        QCOMPARE(r.variables.value(QStringLiteral("DOCKER_TLS_VERIFY")), QStringLiteral("1"));
        QCOMPARE(r.variables.value(QStringLiteral("DOCKER_CERT_PATH")), QStringLiteral("/home/u/.minikube/certs"));
        QCOMPARE(r.variables.value(QStringLiteral("MINIKUBE_ACTIVE_DOCKERD")), QStringLiteral("minikube"));
    }

    void values_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("value");
        QTest::newRow("double quoted") << QByteArray("export DOCKER_HOST=\"unix:///run/x.sock\"")
                                       << "unix:///run/x.sock";
        QTest::newRow("escapes") << QByteArray("export DOCKER_HOST=\"a\\\"b\\\\c\\$d\"") << "a\"b\\c$d";
        QTest::newRow("single quoted") << QByteArray("export DOCKER_HOST='tcp://h:1'") << "tcp://h:1";
        QTest::newRow("bare") << QByteArray("export DOCKER_HOST=tcp://h:1") << "tcp://h:1";
        QTest::newRow("windows path with spaces")
            << QByteArray("export DOCKER_HOST=\"C:\\Users\\A B\\x\"") << "C:\\Users\\A B\\x";
        QTest::newRow("crlf") << QByteArray("export DOCKER_HOST=\"tcp://h:1\"\r\n") << "tcp://h:1";
    }
    void values()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, value);
        const auto r = DockerEnvParser::parse(line);
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(r.variables.value(QStringLiteral("DOCKER_HOST")), value);
    }

    // Nothing is executed, so anything that is not a plain export is refused rather than guessed at.
    void refuses_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("command substitution") << QByteArray("export DOCKER_HOST=$(rm -rf ~)");
        QTest::newRow("not export") << QByteArray("DOCKER_HOST=tcp://h:1; curl evil");
        QTest::newRow("no DOCKER_HOST") << QByteArray("export DOCKER_TLS_VERIFY=\"1\"");
        QTest::newRow("error text") << QByteArray("X Exiting due to MK_USAGE: The docker-env command is only "
                                                  "compatible with the \"docker\" runtime");
    }
    void refuses()
    {
        QFETCH(QByteArray, output);
        QVERIFY(!DockerEnvParser::parse(output).ok());
    }

    void unsetLines()
    {
        const auto r = DockerEnvParser::parse("unset DOCKER_TLS_VERIFY;\nunset DOCKER_HOST\n");
        QCOMPARE(r.unset, (QStringList { QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("DOCKER_HOST") }));
        QVERIFY(r.errors.isEmpty());
    }
};

QTEST_GUILESS_MAIN(DockerEnvParserTest)
#include "DockerEnvParserTest.moc"
