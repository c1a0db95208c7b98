#include "DeployRig.h"
#include "pipeline/HelmOperations.h"
#include "pipeline/PipelineStep.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::test;

namespace {

QByteArray doctorFixture(const char* name)
{
    QFile file(QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

} // namespace

// The pipeline and `quayside rollback` asking which Helm runs and giving it its own flags, with the
// helm stand-in answering `helm version --short` as the real 3.17.2 or 4.1.4 does and failing with
// that version's real messages. (With the real binaries against the test API server: RealHelmTest.)
class PipelineHelmVersionsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<DeployRig> m_rig;

    QStringList helmCall(const QString& subcommand) const
    {
        QStringList found;
        for (const auto& call : m_rig->tools().calls(QStringLiteral("helm"))) {
            if (call.arguments.value(0) == subcommand)
                found = call.arguments;
        }
        return found;
    }

    static void versions()
    {
        QTest::addColumn<QByteArray>("versionOutput");
        QTest::addColumn<QVersionNumber>("version");
        QTest::addColumn<QStringList>("upgradeFlags");
        QTest::addColumn<QStringList>("rollbackFlags");
        QTest::addColumn<QString>("rollbackFlag");
        QTest::newRow("helm 3") << doctorFixture("helm3-version-short.txt") << QVersionNumber(3, 17, 2)
                                << QStringList { QStringLiteral("--atomic"), QStringLiteral("--wait") }
                                << QStringList { QStringLiteral("--wait") } << "--atomic";
        QTest::newRow("helm 4") << doctorFixture("helm4-version-short.txt") << QVersionNumber(4, 1, 4)
                                << QStringList { QStringLiteral("--rollback-on-failure"),
                                                 QStringLiteral("--wait=watcher") }
                                << QStringList { QStringLiteral("--wait=watcher") } << "--rollback-on-failure";
    }

private Q_SLOTS:
    void init()
    {
        m_rig = std::make_unique<DeployRig>();
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
    }
    void cleanup() { m_rig.reset(); }

    void deploy_data() { versions(); }
    void deploy()
    {
        QFETCH(QByteArray, versionOutput);
        QFETCH(QVersionNumber, version);
        QFETCH(QStringList, upgradeFlags);
        m_rig->setFlag(QStringLiteral("helm-version"), versionOutput);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        QVERIFY2(pipeline->failedIndex() < 0 && pipeline->preflightProblems().isEmpty(),
                 qPrintable(pipeline->failureMessage()));
        QCOMPARE(pipeline->context().helmVersion, version);
        // Asked before the upgrade (calls of one tool are in the order they ran).
        const auto helmCalls = m_rig->tools().calls(QStringLiteral("helm"));
        QVERIFY(!helmCalls.isEmpty());
        QCOMPARE(helmCalls.first().arguments.mid(0, 2),
                 QStringList({ QStringLiteral("version"), QStringLiteral("--short") }));
        const QStringList upgrade = helmCall(QStringLiteral("upgrade"));
        const qsizetype at = upgrade.indexOf(upgradeFlags.first());
        QVERIFY2(at > 0, qPrintable(upgrade.join(QLatin1Char(' '))));
        QCOMPARE(upgrade.mid(at, upgradeFlags.size()), upgradeFlags);
        if (version.majorVersion() >= 4)
            QVERIFY(!upgrade.contains(QStringLiteral("--atomic")));
        // The script matches what ran.
        QVERIFY(pipeline->commandScript().contains(upgradeFlags.join(QLatin1Char(' '))));
    }

    // The upgrade fails and Helm rolls it back: the message says so in that version's terms.
    void rolledBack_data() { versions(); }
    void rolledBack()
    {
        QFETCH(QByteArray, versionOutput);
        QFETCH(QString, rollbackFlag);
        m_rig->setFlag(QStringLiteral("helm-version"), versionOutput);
        auto first = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*first, 60000));
        QVERIFY(first->failedIndex() < 0);
        m_rig->setFlag(QStringLiteral("helm-fails"), true);
        auto pipeline = m_rig->makePipeline();
        QVERIFY(DeployRig::run(*pipeline, 60000));
        const PipelineStep* helm = pipeline->step(QStringLiteral("helm"));
        QCOMPARE(helm->state(), StepState::Failed);
        const QString message = helm->message();
        QVERIFY2(message.contains(
                     QStringLiteral("Helm rolled the release back to the previous revision (%1)").arg(rollbackFlag)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("context deadline exceeded")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("revision 1 is deployed")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("level=WARN")) && !message.contains(QLatin1String("UPGRADE FAILED")),
                 qPrintable(message));
    }

    void rollback_data() { versions(); }
    void rollback()
    {
        QFETCH(QByteArray, versionOutput);
        QFETCH(QStringList, rollbackFlags);
        m_rig->setFlag(QStringLiteral("helm-version"), versionOutput);
        HelmOperations operations(m_rig->profile(), m_rig->pipelineOptions(), m_rig->runner());
        QSignalSpy finished(&operations, &HelmOperations::rollbackFinished);
        QSignalSpy output(&operations, &HelmOperations::outputLine);
        operations.rollback(1);
        QVERIFY(operations.isBusy());
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const QStringList rollback = helmCall(QStringLiteral("rollback"));
        QCOMPARE(rollback.mid(0, 5 + rollbackFlags.size()),
                 QStringList({ QStringLiteral("rollback"), QStringLiteral("todo-chatbot"), QStringLiteral("1"),
                               QStringLiteral("-n"), QStringLiteral("todo-app") })
                     + rollbackFlags);
        // What ran is what was shown.
        QVERIFY(output.count() >= 1);
        QVERIFY(output.first().first().toString().contains(rollbackFlags.join(QLatin1Char(' '))));
        QCOMPARE(operations.rollbackCommand(1).arguments, rollback);
    }

    // A helm that does not say its version stops the deploy before anything is built.
    void unreadableVersionStopsThePreflight()
    {
        m_rig->setFlag(QStringLiteral("helm-version"), QByteArray("this is not helm\n"));
        auto pipeline = m_rig->makePipeline();
        QSignalSpy refused(pipeline.get(), &Pipeline::preflightFailed);
        QVERIFY(DeployRig::run(*pipeline, 30000));
        QCOMPARE(refused.count(), 1);
        QVERIFY2(pipeline->preflightProblems().join(QLatin1Char('\n')).contains(QLatin1String("helm version")),
                 qPrintable(pipeline->preflightProblems().join(QLatin1Char('\n'))));
        for (const PipelineStep* s : pipeline->steps())
            QCOMPARE(s->state(), StepState::Pending);
        QCOMPARE(m_rig->tools().calls().size(), 1);
    }
};

QTEST_GUILESS_MAIN(PipelineHelmVersionsTest)
#include "PipelineHelmVersionsTest.moc"
