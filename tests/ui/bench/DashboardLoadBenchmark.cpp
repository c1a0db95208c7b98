// Measures how long the GUI thread stalls while the real dashboard follows a busy cluster: the fake API
// server (on its own thread) serves 1,000 pods, modifies 200 of them per second and streams 20,000 log
// lines per second into the log pane. A 5 ms precise timer on the GUI thread records every gap; a gap
// longer than 5 ms is time the event loop could not run (the user would feel it above ~50 ms).
//
//   quayside-bench-dashboard [--seconds 30] [--pods 1000] [--events 200] [--log-lines 20000]
//
// Prints the worst stall, the 99th and 99.9th percentile and the count of stalls over 50 ms.

#include "FakeApiServer.h"
#include "FakeApiServerThread.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/LogView.h"
#include "dashboard/PodTableModel.h"
#include "kube/InformerSet.h"
#include "process/ProcessToolRunner.h"
#include "session/ClusterSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace quayside;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("seconds"), QStringLiteral("Measurement time."), QStringLiteral("s"), QStringLiteral("30") });
    parser.addOption(
        { QStringLiteral("pods"), QStringLiteral("Worker pods."), QStringLiteral("n"), QStringLiteral("1000") });
    parser.addOption({ QStringLiteral("events"), QStringLiteral("Pod MODIFIED events per second."), QStringLiteral("n"),
                       QStringLiteral("200") });
    parser.addOption({ QStringLiteral("log-lines"), QStringLiteral("Log lines per second into the log pane."),
                       QStringLiteral("n"), QStringLiteral("20000") });
    parser.process(app);
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int pods = parser.value(QStringLiteral("pods")).toInt();
    const double events = parser.value(QStringLiteral("events")).toDouble();
    const double logLines = parser.value(QStringLiteral("log-lines")).toDouble();

    test::FakeApiServerThread fake;
    test::FakeApiServer::Options options;
    options.scenario = test::Scenario::load(pods);
    options.contextNamespace = QStringLiteral("todo-app");
    if (!fake.start(options)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(fake->errorString()));
        return 1;
    }
    fake->setRecordRequestBodies(false);
    test::FakeApiServer::LogOptions logs = fake->logOptions();
    logs.linesPerSecond = logLines;
    logs.followBatchMs = 20;
    fake->setLogOptions(logs);

    ClusterTarget target;
    target.kubeconfigFiles = { fake->kubeconfigPath() };
    ClusterSession session(target);
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "session: %s\n", qPrintable(error));
        return 1;
    }
    ProcessToolRunner runner;
    ui::DashboardPage page(&session, &runner);
    page.setInitialLogTarget(QStringLiteral("deploy/backend"));
    page.resize(1440, 900);
    page.show();

    QElapsedTimer sync;
    sync.start();
    while (!session.informers()->hasSynced() && sync.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    std::printf("listed %d pods in %lld ms\n", page.podModel()->rowCount(), static_cast<long long>(sync.elapsed()));
    fake->setModifiedEventsPerSecond(events, QStringLiteral("todo-app"));

    QList<qint64> gaps;
    gaps.reserve(seconds * 250);
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last > 0)
            gaps.append((now - last) / 1000); // microseconds
        last = now;
    });
    const qint64 linesBefore = page.logView()->model()->droppedTotal() + page.logView()->model()->size();
    clock.start();
    probe.start();
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();
    probe.stop();
    const qint64 linesAfter = page.logView()->model()->droppedTotal() + page.logView()->model()->size();
    fake->setModifiedEventsPerSecond(0);

    std::sort(gaps.begin(), gaps.end());
    auto percentile = [&](double p) {
        return gaps.isEmpty() ? 0.0 : gaps[std::min<qsizetype>(gaps.size() - 1, qsizetype(p * gaps.size()))] / 1000.0;
    };
    const qint64 over50 = std::count_if(gaps.begin(), gaps.end(), [](qint64 g) { return g > 55'000; });
    const auto counters = fake->counters();
    std::printf("pods in table: %d, log lines received: %lld (%.0f/s), watch events sent by the server: %lld\n",
                page.podModel()->rowCount(), static_cast<long long>(linesAfter - linesBefore),
                double(linesAfter - linesBefore) / seconds, static_cast<long long>(counters.watchEventsSent));
    std::printf("GUI thread gaps over %d s (5 ms timer): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, worst %.1f ms, "
                "gaps > 50 ms: %lld\n",
                seconds, percentile(0.5), percentile(0.99), percentile(0.999),
                gaps.isEmpty() ? 0.0 : gaps.last() / 1000.0, static_cast<long long>(over50));
    return 0;
}
