#include "pipeline/HelmFailure.h"
#include "pipeline/HelmHistory.h"

#include <QFile>
#include <QTest>

using namespace quayside;

namespace {

QString fixture(const QString& name)
{
    QFile file(QStringLiteral(QUAYSIDE_TESTS_DIR "/pipeline/fixtures/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

} // namespace

Q_DECLARE_METATYPE(HelmFailure::Kind)

// What Quayside reads from helm, in the real output of Helm 3.17.2 and Helm 4.1.4 in the same situations
// (tests/pipeline/fixtures/README.md says how each was produced): its errors (HelmFailure), the revision
// an upgrade made and the history after a rollback (HelmHistory).
class HelmOutputsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failures_data()
    {
        using K = HelmFailure::Kind;
        QTest::addColumn<QString>("file");
        QTest::addColumn<K>("kind");
        QTest::addColumn<QString>("summary"); // what the step's message says failed
        QTest::addColumn<QString>("recovery"); // what it says Helm did about it

        const QString deadline = QStringLiteral("context deadline exceeded");
        QTest::newRow("3: upgrade rolled back") << "helm3-upgrade-rolled-back.stderr" << K::RolledBack << deadline
                                                << "Helm rolled the release back to the previous revision (--atomic)";
        QTest::newRow("4: upgrade rolled back")
            << "helm4-upgrade-rolled-back.stderr" << K::RolledBack
            << "resource Deployment/todo-app/backend not ready. status: InProgress, message: Available: 0/1; "
               "context deadline exceeded"
            << "Helm rolled the release back to the previous revision (--rollback-on-failure)";
        QTest::newRow("3: rollback failed too") << "helm3-upgrade-rollback-failed.stderr" << K::RollbackFailed
                                                << "context deadline exceeded: release todo-chatbot failed"
                                                << "Helm's automatic rollback failed too";
        QTest::newRow("4: rollback failed too") << "helm4-upgrade-rollback-failed.stderr" << K::RollbackFailed
                                                << "resource Deployment/todo-app/backend not ready"
                                                << "Helm's automatic rollback failed too";
        QTest::newRow("3: first install uninstalled")
            << "helm3-install-uninstalled.stderr" << K::Uninstalled
            << "2 errors occurred: Deployment.apps \"frontend\" is invalid: spec.template.spec.containers[0].image: "
               "Required value; Deployment.apps \"backend\" is invalid"
            << "Helm uninstalled the failed first release (--atomic)";
        QTest::newRow("4: first install uninstalled")
            << "helm4-install-uninstalled.stderr" << K::Uninstalled
            << "Deployment.apps \"frontend\" is invalid: spec.template.spec.containers[0].image: Required value; "
               "Deployment.apps \"backend\" is invalid"
            << "Helm uninstalled the failed first release (--rollback-on-failure)";
        QTest::newRow("3: cluster unreachable")
            << "helm3-upgrade-unreachable.stderr" << K::ClusterUnreachable
            << "Kubernetes cluster unreachable: Get \"https://127.0.0.1:1/version\"" << QString();
        QTest::newRow("4: cluster unreachable")
            << "helm4-upgrade-unreachable.stderr" << K::ClusterUnreachable
            << "kubernetes cluster unreachable: Get \"https://127.0.0.1:1/version\"" << QString();
        // The warning Quayside never causes (it passes Helm 4 --rollback-on-failure): the error still reads.
        QTest::newRow("4: after a deprecation warning")
            << "helm4-upgrade-atomic-deprecated.stderr" << K::ClusterUnreachable << "kubernetes cluster unreachable"
            << QString();
        QTest::newRow("3: schema") << "helm3-upgrade-invalid-values.stderr" << K::InvalidValues
                                   << "values don't meet the specifications of the schema(s) in the following "
                                      "chart(s): todo-chatbot: frontend.service.nodePort: Must be greater than or "
                                      "equal to 30000"
                                   << QString();
        QTest::newRow("4: schema") << "helm4-upgrade-invalid-values.stderr" << K::InvalidValues
                                   << "values don't meet the specifications of the schema(s) in the following "
                                      "chart(s): todo-chatbot: at '/frontend/service/nodePort': minimum: got 80, "
                                      "want 30,000"
                                   << QString();
        for (const char* v : { "3", "4" }) {
            const QString prefix = QStringLiteral("helm%1-").arg(QLatin1String(v));
            QTest::addRow("%s: required value", v)
                << prefix + QStringLiteral("upgrade-required-value.stderr") << K::TemplateError
                << "execution error at (todo-chatbot/templates/secret.yaml:6:10): secrets.values.DATABASE_URL is "
                   "required when secrets.existingSecret is empty"
                << QString();
            QTest::addRow("%s: template parse error", v)
                << prefix + QStringLiteral("upgrade-template-parse-error.stderr") << K::TemplateError
                << "parse error at (todo-chatbot/templates/broken.yaml:6): function \"nosuchfunc\" not defined"
                << QString();
            QTest::addRow("%s: YAML error", v)
                << prefix + QStringLiteral("upgrade-yaml-error.stderr") << K::TemplateError
                << "YAML parse error on todo-chatbot/templates/broken.yaml" << QString();
            QTest::addRow("%s: rollback, no such release", v)
                << prefix + QStringLiteral("rollback-release-not-found.stderr") << K::ReleaseNotFound
                << "release: not found" << QString();
            QTest::addRow("%s: history, no such release", v)
                << prefix + QStringLiteral("history-release-not-found.stderr") << K::ReleaseNotFound
                << "release: not found" << QString();
            QTest::addRow("%s: rollback, no such revision", v)
                << prefix + QStringLiteral("rollback-unknown-revision.stderr") << K::RevisionNotFound
                << "release has no 42 version" << QString();
        }
    }
    void failures()
    {
        QFETCH(QString, file);
        QFETCH(HelmFailure::Kind, kind);
        QFETCH(QString, summary);
        QFETCH(QString, recovery);
        const HelmFailure failure = HelmFailure::parse(fixture(file));
        QCOMPARE(failure.kind, kind);
        QVERIFY2(failure.summary().startsWith(summary), qPrintable(failure.summary()));
        QCOMPARE(failure.recovery(), recovery);
        // One line, with Helm's own framing gone.
        QVERIFY(!failure.error.contains(QLatin1Char('\n')));
        QVERIFY(!failure.error.startsWith(QLatin1String("Error:")));
        QVERIFY(!failure.error.contains(QLatin1String("UPGRADE FAILED")));
        QVERIFY(!failure.error.contains(QLatin1String("level=WARN")));
    }

    void withoutAnError()
    {
        // Killed, crashed, or a wrapper that printed something else: nothing to read.
        for (const QString& text : { QString(), QStringLiteral("panic: runtime error\ngoroutine 1 [running]:") }) {
            const HelmFailure failure = HelmFailure::parse(text);
            QCOMPARE(failure.kind, HelmFailure::Kind::Other);
            QVERIFY(failure.error.isEmpty());
            QVERIFY(failure.recovery().isEmpty());
        }
        const HelmFailure other = HelmFailure::parse(QStringLiteral("Error: something new\n"));
        QCOMPARE(other.kind, HelmFailure::Kind::Other);
        QCOMPARE(other.summary(), QStringLiteral("something new"));
    }

    // install, upgrade, an upgrade rolled back by Helm: revision 4 is "Rollback to 2".
    void upgradeAndHistory_data()
    {
        QTest::addColumn<QString>("helm");
        QTest::newRow("helm 3") << "helm3";
        QTest::newRow("helm 4") << "helm4";
    }
    void upgradeAndHistory()
    {
        QFETCH(QString, helm);
        QCOMPARE(HelmHistory::revisionFromUpgradeOutput(fixture(helm + QStringLiteral("-upgrade.stdout"))), 2);
        QString error;
        const QList<HelmHistory::Revision> history = HelmHistory::parseHistory(
            fixture(helm + QStringLiteral("-history-after-rollback.json")).toUtf8(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(history.size(), 4);
        QCOMPARE(history[2].status, QStringLiteral("failed"));
        QVERIFY(history[2].description.startsWith(QLatin1String("Upgrade \"todo-chatbot\" failed: ")));
        QCOMPARE(history[3].description, QStringLiteral("Rollback to 2"));
        QCOMPARE(HelmHistory::deployedRevision(history), 4);
        QVERIFY(history[3].updated.isValid());
    }
};

QTEST_GUILESS_MAIN(HelmOutputsTest)
#include "HelmOutputsTest.moc"
