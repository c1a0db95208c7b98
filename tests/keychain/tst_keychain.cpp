#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;

// Round trips through the real Secret Service of the test session (gnome-keyring, started by
// tests/support/run-headless.sh), checked from outside with secret-tool.
class TestKeychain : public QObject
{
    Q_OBJECT
private:
    // Unique per run: ctest may run other keychain tests against the same keyring at the same time.
    const QString m_service = QStringLiteral("quayside-test-%1").arg(QCoreApplication::applicationPid());

    static QString secretTool(const QStringList& arguments, int* exitCode = nullptr)
    {
        QProcess tool;
        // secret-tool prints the attributes on stderr and the rest on stdout.
        tool.setProcessChannelMode(QProcess::MergedChannels);
        tool.start(QStringLiteral("secret-tool"), arguments);
        if (!tool.waitForFinished(15000))
            tool.kill();
        if (exitCode)
            *exitCode = tool.exitCode();
        return QString::fromUtf8(tool.readAll());
    }

    // Waits for the reply's single finished() and checks that it then deletes itself.
    static bool await(KeychainReply* reply, KeychainError* error, QByteArray* value = nullptr)
    {
        QPointer<KeychainReply> guard(reply);
        QSignalSpy spy(reply, &KeychainReply::finished);
        if (!spy.wait(15000))
            return false;
        *error = reply->error();
        if (value)
            *value = reply->takeValue();
        for (int i = 0; i < 50 && !guard.isNull(); ++i)
            QTest::qWait(100);
        return guard.isNull() && spy.count() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only inside tests/support/run-headless.sh (which sets QUAYSIDE_REAL_HOME): never against the
        // developer's own keyring, whose items this test writes and clears.
        if (!qEnvironmentVariableIsSet("QUAYSIDE_REAL_HOME") || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs the private session of tests/support/run-headless.sh");
    }

    void cleanupTestCase() { secretTool({ QStringLiteral("clear"), QStringLiteral("server"), m_service }); }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("text");
        QTest::newRow("ascii") << QStringLiteral("todo-chatbot/JWT_SECRET")
                               << QByteArray("0123456789abcdef0123456789abcdef") << true;
        QTest::newRow("url") << QStringLiteral("todo-chatbot/DATABASE_URL")
                             << QByteArray("postgresql://u:p%40ss@ep-x.neon.tech/db?sslmode=require") << true;
        QTest::newRow("utf-8") << QStringLiteral("p/UTF8") << QByteArray("p\xc3\xa4ssw\xc3\xb6rd \xe2\x9c\x93") << true;
        QTest::newRow("newlines and spaces")
            << QStringLiteral("p/MULTI") << QByteArray("line one\nline two\n  indented\t") << true;
        QTest::newRow("8 KiB") << QStringLiteral("p/LARGE") << QByteArray(8192, 'x') << true;
        QTest::newRow("binary") << QStringLiteral("p/BINARY") << QByteArray("\xff\xfe\x00\x01zz", 6) << false;
    }
    void roundTrip()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, value);
        QFETCH(bool, text);
        Keychain keychain(m_service);
        KeychainError error;

        QVERIFY(await(keychain.write(key, value), &error));
        QVERIFY2(error.ok(), qPrintable(error.message));

        // The item is where other tools look for it: attribute.server=<service>, attribute.user=<key>.
        const QString found = secretTool({ QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                           m_service, QStringLiteral("user"), key });
        QVERIFY2(found.contains(QStringLiteral("attribute.server = ") + m_service), qPrintable(found));
        QVERIFY2(found.contains(QStringLiteral("attribute.user = ") + key), qPrintable(found));
        QVERIFY2(found.contains(text ? QStringLiteral("attribute.type = plaintext")
                                     : QStringLiteral("attribute.type = base64")),
                 qPrintable(found));
        if (text) {
            int exitCode = -1;
            const QString stored = secretTool(
                { QStringLiteral("lookup"), QStringLiteral("server"), m_service, QStringLiteral("user"), key },
                &exitCode);
            QCOMPARE(exitCode, 0);
            QCOMPARE(stored.toUtf8(), value);
        }

        QByteArray read;
        QVERIFY(await(keychain.read(key), &error, &read));
        QVERIFY2(error.ok(), qPrintable(error.message));
        QCOMPARE(read, value);

        QVERIFY(await(keychain.remove(key), &error));
        QVERIFY2(error.ok(), qPrintable(error.message));
        QVERIFY(await(keychain.read(key), &error, &read));
        QCOMPARE(error.code, KeychainError::Code::NotFound);
        QVERIFY(read.isEmpty());
        const QString after = secretTool({ QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                           m_service, QStringLiteral("user"), key });
        QVERIFY2(!after.contains(QStringLiteral("attribute.user")), qPrintable(after));
    }

    void overwriteReplacesTheValue()
    {
        Keychain keychain(m_service);
        KeychainError error;
        const QString key = QStringLiteral("p/ROTATE");
        QVERIFY(await(keychain.write(key, "first value"), &error));
        QVERIFY(await(keychain.write(key, "second value"), &error));
        QByteArray read;
        QVERIFY(await(keychain.read(key), &error, &read));
        QCOMPARE(read, QByteArray("second value"));
        const QString found = secretTool({ QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                           m_service, QStringLiteral("user"), key });
        QCOMPARE(found.count(QStringLiteral("attribute.user = ")), 1);
        QVERIFY(await(keychain.remove(key), &error));
    }

    void servicesAreSeparate()
    {
        Keychain mine(m_service);
        Keychain other(m_service + QStringLiteral("-other"));
        KeychainError error;
        QVERIFY(await(mine.write(QStringLiteral("p/SHARED"), "mine"), &error));
        QByteArray read;
        QVERIFY(await(other.read(QStringLiteral("p/SHARED")), &error, &read));
        QCOMPARE(error.code, KeychainError::Code::NotFound);
        QVERIFY(await(mine.remove(QStringLiteral("p/SHARED")), &error));
    }

    void removingAMissingItemSucceeds()
    {
        Keychain keychain(m_service);
        KeychainError error;
        QVERIFY(await(keychain.remove(QStringLiteral("p/NEVER_WRITTEN")), &error));
        QVERIFY2(error.ok(), qPrintable(error.message));
    }

    void finishedComesFromTheEventLoopOnce()
    {
        Keychain keychain(m_service);
        KeychainReply* reply = keychain.read(QStringLiteral("p/NEVER_WRITTEN"));
        // Connecting after read() returned must still see the signal.
        QVERIFY(!reply->isFinished());
        QSignalSpy spy(reply, &KeychainReply::finished);
        QPointer<KeychainReply> guard(reply);
        QVERIFY(spy.wait(15000));
        QTRY_VERIFY(guard.isNull());
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);
    }

    void manyJobsAtOnce()
    {
        // QtKeychain runs jobs one at a time; a burst (the Secrets page reading every secret) all finish.
        Keychain keychain(m_service);
        QList<QPointer<KeychainReply>> replies;
        int finished = 0;
        for (int i = 0; i < 12; ++i) {
            KeychainReply* reply = keychain.write(QStringLiteral("p/BURST_%1").arg(i), QByteArray::number(i * 1000003));
            connect(reply, &KeychainReply::finished, this, [&finished, reply] { finished += reply->ok() ? 1 : 0; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, 12, 20000);
        for (int i = 0; i < 12; ++i) {
            KeychainError error;
            QByteArray read;
            QVERIFY(await(keychain.read(QStringLiteral("p/BURST_%1").arg(i)), &error, &read));
            QCOMPARE(read, QByteArray::number(i * 1000003));
            QVERIFY(await(keychain.remove(QStringLiteral("p/BURST_%1").arg(i)), &error));
        }
    }

    void probeSucceedsAndLeavesNothingBehind()
    {
        Keychain keychain(m_service);
        KeychainProbe probe(&keychain);
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.run();
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), true);
        QVERIFY(spy.at(0).at(2).toString().isEmpty());
        const QString found = secretTool({ QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                           m_service, QStringLiteral("user"), KeychainProbe::probeKey() });
        QVERIFY2(!found.contains(QStringLiteral("attribute.user")), qPrintable(found));
    }

    void neverFallsBackToPlaintext()
    {
        // QtKeychain's insecure fallback would write into QSettings under HOME/XDG_CONFIG_HOME. The test
        // HOME is a throw-away directory: no file in it may contain the value in clear.
        Keychain keychain(m_service);
        KeychainError error;
        const QByteArray value("plaintext-canary-7d1c0b9e4f2a");
        QVERIFY(await(keychain.write(QStringLiteral("p/CANARY"), value), &error));
        QVERIFY(error.ok());
        for (const QString& root : { QDir::homePath(), qEnvironmentVariable("XDG_CONFIG_HOME") }) {
            if (root.isEmpty())
                continue;
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly))
                    QVERIFY2(!file.readAll().contains(value), qPrintable(file.fileName()));
            }
        }
        QVERIFY(await(keychain.remove(QStringLiteral("p/CANARY")), &error));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
