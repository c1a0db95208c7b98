#include "diagnosis/LiveDiagnosis.h"

#include "core/Clock.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/KubeTestSupport.h"
#include "kubeapi/FakeApiServerThread.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::diagnosis;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;
using quayside::test::Scenario;

namespace {

const QString kNs = QStringLiteral("todo-app");

QString nameOf(const QJsonObject& o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

struct Batch
{
    QStringList added;
    QStringList changed;
    QStringList removed;
    QStringList scope;
};

} // namespace

// LiveDiagnosis over real informers watching the fake API server (on its own thread, so it keeps
// serving while this thread waits): findings follow the cluster as a diff, a watch batch re-evaluates
// only the objects it changed and their dependants, previous logs are fetched once per restart.
class LiveDiagnosisTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServerThread> m_fake;
    std::unique_ptr<kube::KubeClient> m_client;
    std::unique_ptr<kube::InformerSet> m_informers;
    std::unique_ptr<LiveDiagnosis> m_live;
    std::unique_ptr<ManualClock> m_clock;
    QList<Batch> m_batches;
    QString m_backend;
    QString m_frontend;

    const Finding* finding(const QString& rule, const QString& object) const
    {
        for (const Finding& f : m_live->findings()) {
            if (f.rule == rule && f.objectName == object)
                return &f;
        }
        return nullptr;
    }
    QString summaryOf(const QString& rule, const QString& object) const
    {
        const Finding* f = finding(rule, object);
        return f ? f->summary : QString();
    }
    QList<test::RecordedRequest> logRequests(const QString& pod) const
    {
        return (*m_fake)->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods/%1/log").arg(pod));
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeApiServerThread>();
        QVERIFY2(m_fake->start(serverOptions(Scenario::crashLoop())), qPrintable((*m_fake)->errorString()));
        // Nothing moves unless the test says so (settle()): the crash loop does not restart behind its back.
        FakeApiServer::Timing timing;
        timing.manual = true;
        (*m_fake)->setTiming(timing);
        m_backend = nameOf((*m_fake)->podsMatching(kNs, QStringLiteral("app=backend")).first());
        m_frontend = nameOf((*m_fake)->podsMatching(kNs, QStringLiteral("app=frontend")).first());
        m_client = std::make_unique<kube::KubeClient>(loadConfig((*m_fake)->kubeconfigPath()));
        kube::InformerSet::Options options;
        options.nameSpace = kNs;
        options.reflector = fastReflector();
        m_informers = std::make_unique<kube::InformerSet>(m_client.get(), options);
        DiagnosisContext context;
        context.secretName = QStringLiteral("todo-secrets");
        context.secretKeys = { QStringLiteral("DATABASE_URL"), QStringLiteral("JWT_SECRET") };
        m_live = std::make_unique<LiveDiagnosis>(m_informers.get(), nullptr, m_client.get(), context);
        m_live->setCoalesceInterval(std::chrono::milliseconds(20));
        m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        m_live->setClock(m_clock.get());
        m_batches.clear();
        connect(m_live.get(), &LiveDiagnosis::findingsChanged, this,
                [this](const QStringList& added, const QStringList& changed, const QStringList& removed) {
                    m_batches.append({ added, changed, removed, m_live->lastScope() });
                });
        m_informers->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_live->hasSynced(), 10'000);
        // The previous log is fetched after the first evaluation and refines the crash's finding.
        QTRY_COMPARE_WITH_TIMEOUT(summaryOf(QStringLiteral("crash-loop"), m_backend),
                                  m_backend + QStringLiteral(" restarts: DATABASE_URL is not set (secret key missing)"),
                                  10'000);
    }

    void cleanup()
    {
        m_live.reset();
        m_informers.reset();
        m_client.reset();
        m_fake.reset();
    }

    void firstEvaluationThenTheLog()
    {
        QVERIFY(m_batches.size() >= 2);
        // First: everything, as added.
        const Batch& first = m_batches.first();
        QVERIFY(first.scope.isEmpty());
        QVERIFY(first.added.contains(QStringLiteral("crash-loop/Pod/") + m_backend));
        QVERIFY(first.added.contains(QStringLiteral("rollout-stuck/Deployment/backend")));
        QVERIFY(first.added.contains(QStringLiteral("service-no-endpoints/Service/backend-service")));
        QVERIFY(first.changed.isEmpty() && first.removed.isEmpty());
        // Then the log: the same key changed, evaluated with its dependants only.
        const Batch& refined = m_batches.last();
        QVERIFY(refined.changed.contains(QStringLiteral("crash-loop/Pod/") + m_backend));
        QVERIFY(refined.added.isEmpty() && refined.removed.isEmpty());
        QCOMPARE(refined.scope,
                 (QStringList { QStringLiteral("Pod/") + m_backend, QStringLiteral("Deployment/backend"),
                                QStringLiteral("Service/backend-service") }));
        const Finding* crash = finding(QStringLiteral("crash-loop"), m_backend);
        QVERIFY(crash);
        bool logLine = false;
        for (const Evidence& e : crash->evidence)
            logLine
                = logLine || (e.kind == Evidence::Kind::LogLine && e.text == QLatin1String("KeyError: 'DATABASE_URL'"));
        QVERIFY(logLine);
        QCOMPARE(m_live->findingsFor(QStringLiteral("Pod"), m_backend).size(), 1);
        QVERIFY(m_live->findingsFor(QStringLiteral("Pod"), m_frontend).isEmpty());

        // kubectl logs --previous --tail 50, once for this restart count.
        const QList<test::RecordedRequest> requests = logRequests(m_backend);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().query.queryItemValue(QStringLiteral("previous")), QStringLiteral("true"));
        QCOMPARE(requests.first().query.queryItemValue(QStringLiteral("tailLines")), QStringLiteral("50"));
        QCOMPARE(requests.first().query.queryItemValue(QStringLiteral("container")), QStringLiteral("backend"));
    }

    // The frontend pod changes: only it (and its dependants) is looked at, nothing about the backend
    // moves, and no diff is reported since nothing about it is wrong.
    void anotherPodsChangeLeavesTheseFindingsAlone()
    {
        const QList<Finding> before = m_live->findings();
        const int evaluations = m_live->evaluations();
        const qsizetype batches = m_batches.size();
        QVERIFY((*m_fake)->setPodStatus(kNs, m_frontend,
                                        QJsonObject { { QStringLiteral("message"), QStringLiteral("touched") } }));
        QTRY_VERIFY_WITH_TIMEOUT(m_live->evaluations() > evaluations, 10'000);
        QCOMPARE(m_live->lastScope(),
                 (QStringList { QStringLiteral("Pod/") + m_frontend, QStringLiteral("Deployment/frontend"),
                                QStringLiteral("Service/frontend-service") }));
        QTest::qWait(100);
        QCOMPARE(m_batches.size(), batches);
        QVERIFY(m_live->findings() == before);
        QCOMPARE(logRequests(m_backend).size(), 1);
    }

    // The backend recovers: once it has stayed up for a minute its findings go, reported as removed,
    // from evaluations of it alone.
    void aRecoveredPodsFindingsAreRemoved()
    {
        const qsizetype batches = m_batches.size();
        QVERIFY((*m_fake)->setPodBehaviour(kNs, m_backend, test::PodBehaviour::Normal));
        (*m_fake)->settle();
        // Ready, but up for only a moment after four crashes: still looping as far as anyone knows.
        QTRY_VERIFY_WITH_TIMEOUT(!finding(QStringLiteral("rollout-stuck"), QStringLiteral("backend")), 10'000);
        QVERIFY(finding(QStringLiteral("crash-loop"), m_backend));
        m_clock->advance(std::chrono::seconds(61));
        m_live->setRefreshInterval(std::chrono::milliseconds(50));
        QTRY_VERIFY_WITH_TIMEOUT(m_live->findings().isEmpty(), 10'000);
        QStringList removed;
        for (qsizetype i = batches; i < m_batches.size(); ++i) {
            removed.append(m_batches.at(i).removed);
            QVERIFY2(!m_batches.at(i).scope.contains(QStringLiteral("Pod/") + m_frontend),
                     qPrintable(m_batches.at(i).scope.join(QLatin1Char(','))));
            QVERIFY(m_batches.at(i).added.isEmpty());
        }
        removed.sort();
        QCOMPARE(removed,
                 (QStringList { QStringLiteral("crash-loop/Pod/") + m_backend,
                                QStringLiteral("rollout-stuck/Deployment/backend"),
                                QStringLiteral("service-no-endpoints/Service/backend-service") }));
    }

    // A deleted pod's findings go; its replacement (crash-looping like it) gets its own.
    void aDeletedPodIsReplaced()
    {
        QVERIFY((*m_fake)->deletePod(kNs, m_backend, false));
        (*m_fake)->settle();
        QTRY_VERIFY_WITH_TIMEOUT(!finding(QStringLiteral("crash-loop"), m_backend), 10'000);
        QString replacement;
        QTRY_VERIFY_WITH_TIMEOUT(!(replacement =
                                       [this] {
                                           const QList<QJsonObject> pods
                                               = (*m_fake)->podsMatching(kNs, QStringLiteral("app=backend"));
                                           return pods.isEmpty() ? QString() : nameOf(pods.first());
                                       }())
                                         .isEmpty()
                                     && finding(QStringLiteral("crash-loop"), replacement),
                                 10'000);
        QStringList removed;
        QStringList added;
        for (const Batch& b : std::as_const(m_batches)) {
            removed.append(b.removed);
            added.append(b.added);
        }
        QVERIFY(removed.contains(QStringLiteral("crash-loop/Pod/") + m_backend));
        QVERIFY(added.contains(QStringLiteral("crash-loop/Pod/") + replacement));
        // The Deployment's and Service's findings stayed (same keys, other content at most).
        QVERIFY(!removed.contains(QStringLiteral("rollout-stuck/Deployment/backend"))
                || finding(QStringLiteral("rollout-stuck"), QStringLiteral("backend")));
    }

    // A new context (the profile changed) re-evaluates everything.
    void aNewContextReevaluatesEverything()
    {
        const int evaluations = m_live->evaluations();
        DiagnosisContext context;
        m_live->setContext(context);
        QTRY_VERIFY_WITH_TIMEOUT(m_live->evaluations() > evaluations, 10'000);
        QVERIFY(m_live->lastScope().isEmpty());
        // Without the profile's keys the missing variable is no longer called a secret key.
        QCOMPARE(summaryOf(QStringLiteral("crash-loop"), m_backend),
                 m_backend + QStringLiteral(" restarts: DATABASE_URL is not set"));
    }
};

QTEST_GUILESS_MAIN(LiveDiagnosisTest)
#include "LiveDiagnosisTest.moc"
