#include "FakeSecretService.h"
#include "PrivateBus.h"
#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace std::chrono_literals;

// A Secret Service that answers every call only after 1.5 s: jobs with a 300 ms timeout must end with
// Code::Timeout on time, exactly once, and the late answer must be ignored without a crash.
class TestKeychainTimeout : public QObject
{
    Q_OBJECT
private:
    test::PrivateBus m_bus;
    std::unique_ptr<test::FakeSecretService> m_service;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bus.start(&error), qPrintable(error));
        m_service = std::make_unique<test::FakeSecretService>(1500ms);
        QVERIFY2(m_service->start(m_bus.address(), &error), qPrintable(error));
        m_bus.exportToThisProcess();
    }

    void cleanupTestCase() { m_service.reset(); }

    void timesOutThenIgnoresTheLateAnswer()
    {
        Keychain keychain(QStringLiteral("quayside"), 300ms);
        QElapsedTimer clock;
        clock.start();
        KeychainReply* reply = keychain.write(QStringLiteral("todo-chatbot/JWT_SECRET"), "a-value-that-hangs");
        QPointer<KeychainReply> guard(reply);
        QSignalSpy spy(reply, &KeychainReply::finished);
        QVERIFY(spy.wait(5000));
        QVERIFY2(clock.elapsed() < 1400, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(reply->error().code, KeychainError::Code::Timeout);
        QVERIFY(reply->error().message.startsWith(QStringLiteral("The keychain did not answer within 0.3 s")));
        QTRY_VERIFY(guard.isNull());

        // Let the fake answer (1.5 s per call, libsecret makes several) and the abandoned job finish.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_service->callsReceived() >= 1 && m_service->repliesSent() == m_service->callsReceived(), 15000);
        QTest::qWait(2000);
        QCOMPARE(spy.count(), 1);
    }

    void laterJobsRunOnceTheHungOneAnswers()
    {
        // QtKeychain runs one job at a time: this one waits behind any still-pending job, then gets the
        // fake service's own error, which proves the abandoned job completed and released the queue.
        Keychain keychain(QStringLiteral("quayside"), 20s);
        KeychainReply* reply = keychain.read(QStringLiteral("todo-chatbot/JWT_SECRET"));
        QSignalSpy spy(reply, &KeychainReply::finished);
        QVERIFY(spy.wait(25000));
        QVERIFY(reply->error().code != KeychainError::Code::Timeout);
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().detail.contains(QStringLiteral("fake secret service says no")),
                 qPrintable(reply->error().detail));
    }

    void probeTimesOut()
    {
        Keychain keychain(QStringLiteral("quayside"), 300ms);
        KeychainProbe probe(&keychain);
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.run();
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        QCOMPARE(probe.lastError().code, KeychainError::Code::Timeout);
        QVERIFY(!spy.at(0).at(2).toString().isEmpty());
        // Give the late answers time to arrive while this object still exists.
        QTest::qWait(4000);
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKeychainTimeout)
#include "tst_keychaintimeout.moc"
