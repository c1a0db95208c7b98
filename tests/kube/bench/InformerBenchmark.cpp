// Benchmark: how many pod MODIFIED events per second the informer applies for a 5,000-pod namespace.
//
//   bench_kube_informer [PODS] [EVENTS]        (defaults: 5000 pods, 250000 events)
//
// The pods are the fake API server's own (Scenario::load), so each object is as large as a served
// pod. Events cycle through the pods, alternating two resourceVersions so every event is a real
// change. Batches of 20 events stand for one 64 KiB read of the watch stream. Four figures:
//   apply            Informer::applyEvents on already parsed events (store, change set, signal)
//   scan + apply     from the raw watch lines, as the Reflector does it: JsonScanner reads type and
//                    metadata, the object stays bytes until read (what a watch really costs)
//   parse + apply    from the raw lines with a full QJsonDocument parse of every event, for
//                    comparison with the scanner
//   + summaries      scan + apply, and a PodSummary derived for every modified pod, which parses
//                    each one (a view that shows every row and redraws on every event)
// Not part of ctest: it prints numbers for README, it does not assert them.

#include "kube/ApiResource.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kube/PodSummary.h"
#include "kube/PodView.h"
#include "kube/WatchEvent.h"
#include "kubeapi/FakeApiServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace quayside;
using namespace quayside::kube;

namespace {

QJsonObject withVersion(QJsonObject pod, const QString& version, int beat)
{
    QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("resourceVersion"), version);
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(QStringLiteral("quayside.test/heartbeat"), QString::number(beat));
    metadata.insert(QStringLiteral("annotations"), annotations);
    pod.insert(QStringLiteral("metadata"), metadata);
    return pod;
}

void report(const char* what, qint64 events, qint64 ns)
{
    const double seconds = static_cast<double>(ns) / 1e9;
    std::printf("%-16s %lld events in %.3f s = %.0f events/s\n", what, static_cast<long long>(events), seconds,
                static_cast<double>(events) / seconds);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int podCount = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const qint64 eventCount = argc > 2 ? QByteArray(argv[2]).toLongLong() : 250'000;
    constexpr int kBatch = 20;

    test::FakeApiServer server;
    test::FakeApiServer::Options options;
    options.scenario = test::Scenario::load(podCount);
    if (!server.start(options)) {
        std::fprintf(stderr, "cannot start the fake API server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QList<QJsonObject> served = server.pods(QStringLiteral("todo-app"));
    server.stop();
    const qsizetype n = served.size();
    qint64 bytes = 0;
    QList<QJsonObject> versionA;
    QList<QJsonObject> versionB;
    QList<QByteArray> linesA;
    QList<QByteArray> linesB;
    for (qsizetype i = 0; i < n; ++i) {
        versionA.append(withVersion(served.at(i), QStringLiteral("a%1").arg(i), 1));
        versionB.append(withVersion(served.at(i), QStringLiteral("b%1").arg(i), 2));
        const auto line = [](const QJsonObject& pod) {
            return QJsonDocument(QJsonObject { { QStringLiteral("type"), QStringLiteral("MODIFIED") },
                                               { QStringLiteral("object"), pod } })
                .toJson(QJsonDocument::Compact);
        };
        linesA.append(line(versionA.last()));
        linesB.append(line(versionB.last()));
        bytes += linesA.last().size();
    }
    std::printf("%lld pods in the namespace, %lld bytes per MODIFIED event on average, batches of %d events\n",
                static_cast<long long>(n), static_cast<long long>(bytes / n), kBatch);

    KubeClient client((RestConfig()));
    enum class Input { Parsed, Scanned, FullParse };
    const auto run = [&](const char* name, Input input, bool summarize) {
        Informer informer(&client, ApiResource::pods(), {});
        PodView view(&informer);
        informer.applyList(versionA);
        qint64 modified = 0;
        QObject::connect(&informer, &Informer::objectsChanged, &informer,
                         [&](const QStringList&, const QStringList& changed, const QStringList&) {
                             modified += changed.size();
                             if (summarize) {
                                 for (const QString& uid : changed)
                                     (void)view.summary(uid);
                             }
                         });
        QList<WatchEvent> batch;
        batch.reserve(kBatch);
        QElapsedTimer timer;
        timer.start();
        for (qint64 e = 0; e < eventCount; ++e) {
            const qsizetype i = e % n;
            const bool toB = (e / n) % 2 == 0;
            const QByteArray& line = toB ? linesB.at(i) : linesA.at(i);
            if (input == Input::Scanned)
                batch.append(*WatchEvent::scan(line));
            else if (input == Input::FullParse)
                batch.append(*WatchEvent::parse(line));
            else
                batch.append(WatchEvent { WatchEvent::Type::Modified, toB ? versionB.at(i) : versionA.at(i), {}, {} });
            if (batch.size() == kBatch) {
                informer.applyEvents(batch);
                batch.clear();
            }
        }
        informer.applyEvents(batch);
        const qint64 ns = timer.nsecsElapsed();
        if (modified != eventCount || informer.store().size() != n) {
            std::fprintf(stderr, "%s: %lld modifications reported for %lld events\n", name,
                         static_cast<long long>(modified), static_cast<long long>(eventCount));
            return false;
        }
        report(name, eventCount, ns);
        return true;
    };
    if (!run("apply", Input::Parsed, false) || !run("scan + apply", Input::Scanned, false)
        || !run("parse + apply", Input::FullParse, false) || !run("+ summaries", Input::Scanned, true))
        return 1;
    return 0;
}
