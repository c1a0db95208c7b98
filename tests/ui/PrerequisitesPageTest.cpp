#include "prerequisites/PrerequisitesPage.h"

#include "MachineScenario.h"
#include "doctor/Doctor.h"
#include "prerequisites/CheckRow.h"
#include "process/ProcessToolRunner.h"
#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using namespace quayside::test;

class PrerequisitesPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<quayside::DoctorReport>(); }

    void rowsFillInAndShowFixes()
    {
        StandInTools tools;
        MachineScenario::thisMachine().install(tools);
        tools.install();
        ProcessToolRunner runner;
        Doctor doctor;
        doctor.addStandardChecks({ .runner = &runner, .platform = Platform::Linux }, nullptr);
        PrerequisitesPage page(&doctor);
        page.resize(1100, 800);
        page.show();

        // Every check has its row before anything ran, marked pending.
        auto* daemon = page.findChild<CheckRow*>(QStringLiteral("checkRow_docker-daemon"));
        QVERIFY(daemon);
        QCOMPARE(daemon->findChild<StatusBadge*>()->kind(), StatusBadge::Kind::Pending);
        QCOMPARE(page.findChildren<CheckRow*>().size(), doctor.results().size());

        QSignalSpy finished(&doctor, &Doctor::finished);
        auto* recheck = page.findChild<QPushButton*>(QStringLiteral("recheckButton"));
        QVERIFY(recheck);
        QTest::mouseClick(recheck, Qt::LeftButton);
        QVERIFY(!recheck->isEnabled()); // no double runs while checking
        QVERIFY(finished.wait(20000));
        QVERIFY(recheck->isEnabled());

        QCOMPARE(daemon->findChild<StatusBadge*>()->kind(), StatusBadge::Kind::Failed);
        auto* fix = page.findChild<QLineEdit*>(QStringLiteral("checkFix_docker-daemon"));
        QVERIFY(fix && fix->isVisible());
        QCOMPARE(fix->text(), QStringLiteral("sudo systemctl enable --now docker"));
        auto* docs = page.findChild<QLabel*>(QStringLiteral("checkDocs_docker-daemon"));
        QVERIFY(docs->isVisible());
        QVERIFY(docs->text().contains(QLatin1String("https://docs.docker.com/")));

        // A passing row shows no fix; an optional missing tool is a warning, not a failure.
        QVERIFY(!page.findChild<QLineEdit*>(QStringLiteral("checkFix_docker"))->isVisible());
        QCOMPARE(page.row(QStringLiteral("docker"))->findChild<StatusBadge*>()->kind(), StatusBadge::Kind::Ok);
        QCOMPARE(page.row(QStringLiteral("kubectl-ai"))->findChild<StatusBadge*>()->kind(), StatusBadge::Kind::Warning);
        QCOMPARE(page.row(QStringLiteral("minikube-cluster"))->findChild<StatusBadge*>()->kind(),
                 StatusBadge::Kind::Skipped);

        auto* summary = page.findChild<QLabel*>(QStringLiteral("prerequisitesSummary"));
        QVERIFY2(summary->text().contains(QLatin1String("need attention")), qPrintable(summary->text()));

        // Copy puts the exact command on the clipboard.
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("checkCopyFix_minikube")), Qt::LeftButton);
        QVERIFY(QGuiApplication::clipboard()->text().contains(QLatin1String("minikube-linux-amd64")));
    }

    void everyControlHasAnAccessibleName()
    {
        ProcessToolRunner runner;
        Doctor doctor;
        doctor.addStandardChecks({ .runner = &runner }, nullptr);
        PrerequisitesPage page(&doctor);
        for (QPushButton* button : page.findChildren<QPushButton*>()) {
            QVERIFY2(!button->objectName().isEmpty(), qPrintable(button->text()));
            QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
        }
    }
};

QTEST_MAIN(PrerequisitesPageTest)
#include "PrerequisitesPageTest.moc"
