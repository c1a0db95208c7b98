#include "profile/ProfileWriter.h"

#include "profile/ProfileLoader.h"
#include "profile/ProfileLocator.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

class ProfileWriterTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scalars_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("yaml");
        QTest::newRow("plain") << "todo-backend"
                               << "todo-backend";
        QTest::newRow("path") << "${source}/backend"
                              << "${source}/backend";
        QTest::newRow("url") << "http://backend-service:8000"
                             << "\"http://backend-service:8000\"";
        QTest::newRow("number") << "8000"
                                << "\"8000\"";
        QTest::newRow("bool") << "yes"
                              << "\"yes\"";
        QTest::newRow("empty") << ""
                               << "\"\"";
        QTest::newRow("quote") << "a \"b\""
                               << "\"a \\\"b\\\"\"";
    }
    void scalars()
    {
        QFETCH(QString, value);
        QFETCH(QString, yaml);
        QCOMPARE(ProfileWriter::scalar(value), yaml);
    }

    // `quayside init` writes the shipped profile somewhere else: it must read back the same, with the
    // same Dockerfiles and chart.
    void roundTrip()
    {
        QList<ProfileError> errors;
        const auto shipped = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { {}, false });
        QVERIFY2(shipped, qPrintable(ProfileError::join(errors)));
        QTemporaryDir dir;
        Profile withSource = *shipped;
        withSource.source = dir.filePath(QStringLiteral("app"));
        const QString out = dir.filePath(QStringLiteral("sub/quayside.yaml"));
        QDir().mkpath(dir.filePath(QStringLiteral("sub")));
        QString error;
        QVERIFY2(ProfileWriter::save(withSource, out, &error), qPrintable(error));
        const auto back = ProfileLoader::loadFile(out, &errors, { {}, false });
        QVERIFY2(back, qPrintable(ProfileError::join(errors)));
        QCOMPARE(back->rootDirectory(), shipped->rootDirectory());
        QCOMPARE(back->name, shipped->name);
        QCOMPARE(back->nameSpace, shipped->nameSpace);
        QCOMPARE(back->minikube.addons, shipped->minikube.addons);
        QCOMPARE(back->images.size(), shipped->images.size());
        for (qsizetype i = 0; i < back->images.size(); ++i) {
            QCOMPARE(back->images[i].buildArgs, shipped->images[i].buildArgs);
            QCOMPARE(back->dockerfilePath(back->images[i]), shipped->dockerfilePath(shipped->images[i]));
            QCOMPARE(back->contextDirectory(back->images[i]),
                     dir.filePath(QStringLiteral("app/")) + shipped->images[i].name);
        }
        QCOMPARE(back->chartPath(), shipped->chartPath());
        QCOMPARE(back->chart.timeout, shipped->chart.timeout);
        QCOMPARE(back->chart.deployments, shipped->chart.deployments);
        QCOMPARE(back->secrets.names(), shipped->secrets.names());
        QCOMPARE(back->secrets.specs[1].minimumLength, 32);
        QCOMPARE(back->access.nodePort, shipped->access.nodePort);
        QCOMPARE(back->healthChecks.size(), shipped->healthChecks.size());
        // Commented, so the file explains itself.
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.count("\n#") + text.count("   # ") > 20);
    }
};

QTEST_GUILESS_MAIN(ProfileWriterTest)
#include "ProfileWriterTest.moc"
