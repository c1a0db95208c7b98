// quayside-test-apiserver: the fake Kubernetes API server as a standalone process, for manual runs,
// screenshots and benchmarks. Prints the kubeconfig path and "ready" once it listens; stops cleanly
// on SIGTERM/SIGINT.
#include "FakeApiServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using quayside::test::FakeApiServer;
using quayside::test::Scenario;

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here: the event loop does the rest.
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quayside-test-apiserver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fake Kubernetes API server (HTTPS, client certificates) for Quayside's tests."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0 = any free one)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("todo-app, crashloop, empty or load:N."), QStringLiteral("name"),
                                      QStringLiteral("todo-app"));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig"), QStringLiteral("Where to write the kubeconfig."),
                                        QStringLiteral("path"));
    const QCommandLineOption pods(QStringLiteral("pods"), QStringLiteral("Shorthand for --scenario load:N."),
                                  QStringLiteral("N"));
    const QCommandLineOption eventsPerSecond(QStringLiteral("events-per-second"),
                                             QStringLiteral("MODIFIED pod events generated per second."),
                                             QStringLiteral("rate"), QStringLiteral("0"));
    const QCommandLineOption logLinesPerSecond(QStringLiteral("log-lines-per-second"),
                                               QStringLiteral("Lines every running container writes per second."),
                                               QStringLiteral("rate"), QStringLiteral("2"));
    const QCommandLineOption logHistory(
        QStringLiteral("log-history-lines"),
        QStringLiteral("Lines every container has when it starts (1000000 for the log benchmark)."),
        QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption ns(QStringLiteral("namespace"),
                                QStringLiteral("Namespace of the scenario and of the kubeconfig context."),
                                QStringLiteral("name"), QStringLiteral("todo-app"));
    const QCommandLineOption minor(QStringLiteral("kubernetes-minor"),
                                   QStringLiteral("Kubernetes 1.<minor> to claim (27-33)."), QStringLiteral("minor"),
                                   QStringLiteral("33"));
    const QCommandLineOption delay(
        QStringLiteral("pod-start-ms"),
        QStringLiteral("Delay of each pod step (Pending -> ContainerCreating -> Running) and of termination."),
        QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption age(QStringLiteral("age"),
                                 QStringLiteral("Seconds since the scenario was deployed (pod ages)."),
                                 QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption noMetrics(QStringLiteral("no-metrics"),
                                       QStringLiteral("Serve no metrics.k8s.io (as without metrics-server)."));
    const QCommandLineOption requestLog(
        QStringLiteral("request-log"),
        QStringLiteral("Append every answered request (method, target, status, Content-Type, Accept, body size, "
                       "user agent) to this file, to see what a client sends."),
        QStringLiteral("path"));
    const QCommandLineOption requestBodies(
        QStringLiteral("request-bodies"),
        QStringLiteral("With --request-log: also write every request body to DIR/<sequence>.body."),
        QStringLiteral("dir"));
    const QCommandLineOption imageBehaviour(
        QStringLiteral("image-behaviour"),
        QStringLiteral(
            "Pods running IMAGE behave so (repeatable): IMAGE=CrashLoop, ImagePullBackOff, ErrImageNeverPull, "
            "OOMKilled, Unschedulable, Completed or Error. E.g. pods that never become ready for helm --wait."),
        QStringLiteral("image=behaviour"));
    parser.addOptions({ port, scenario, kubeconfig, pods, eventsPerSecond, logLinesPerSecond, logHistory, ns, minor,
                        delay, age, noMetrics, requestLog, requestBodies, imageBehaviour });
    parser.process(app);

    const QString namespaceName = parser.value(ns);
    QString scenarioName = parser.isSet(pods) ? QStringLiteral("load:") + parser.value(pods) : parser.value(scenario);
    FakeApiServer::Options options;
    options.port = static_cast<quint16>(parser.value(port).toUInt());
    options.kubeconfigPath = parser.value(kubeconfig);
    options.contextNamespace = namespaceName;
    options.kubernetesMinor = parser.value(minor).toInt();
    options.scenarioAgeSeconds = parser.value(age).toInt();
    if (scenarioName == QLatin1String("todo-app")) {
        options.scenario = Scenario::todoApp(namespaceName);
    } else if (scenarioName == QLatin1String("crashloop")) {
        options.scenario = Scenario::crashLoop(namespaceName);
    } else if (scenarioName.startsWith(QLatin1String("load:"))) {
        options.scenario = Scenario::load(scenarioName.mid(5).toInt(), namespaceName);
    } else {
        bool ok = false;
        options.scenario = Scenario::named(scenarioName, &ok);
        if (!ok) {
            QTextStream(stderr) << "unknown scenario " << scenarioName << "; one of "
                                << Scenario::presetNames().join(QStringLiteral(", ")) << '\n';
            return 2;
        }
    }

    FakeApiServer server;
    FakeApiServer::LogOptions logOptions;
    logOptions.linesPerSecond = parser.value(logLinesPerSecond).toDouble();
    logOptions.historyLines = parser.value(logHistory).toLongLong();
    server.setLogOptions(logOptions);
    if (!server.start(options)) {
        QTextStream(stderr) << "cannot start: " << server.errorString() << '\n';
        return 1;
    }
    FakeApiServer::Timing timing;
    timing.scheduleMs = parser.value(delay).toInt();
    timing.startMs = parser.value(delay).toInt();
    timing.terminationMs = parser.value(delay).toInt();
    server.setTiming(timing);
    server.setMetricsEnabled(!parser.isSet(noMetrics));
    const QMap<QString, quayside::test::PodBehaviour> behaviours {
        { QStringLiteral("Normal"), quayside::test::PodBehaviour::Normal },
        { QStringLiteral("CrashLoop"), quayside::test::PodBehaviour::CrashLoop },
        { QStringLiteral("ImagePullBackOff"), quayside::test::PodBehaviour::ImagePullBackOff },
        { QStringLiteral("ErrImageNeverPull"), quayside::test::PodBehaviour::ErrImageNeverPull },
        { QStringLiteral("OOMKilled"), quayside::test::PodBehaviour::OOMKilled },
        { QStringLiteral("Unschedulable"), quayside::test::PodBehaviour::Unschedulable },
        { QStringLiteral("Completed"), quayside::test::PodBehaviour::Completed },
        { QStringLiteral("Error"), quayside::test::PodBehaviour::Error },
    };
    for (const QString& rule : parser.values(imageBehaviour)) {
        const QString image = rule.section(QLatin1Char('='), 0, -2);
        const QString name = rule.section(QLatin1Char('='), -1);
        if (image.isEmpty() || !behaviours.contains(name)) {
            QTextStream(stderr) << "--image-behaviour wants IMAGE=BEHAVIOUR, one of "
                                << behaviours.keys().join(QStringLiteral(", ")) << "; got " << rule << '\n';
            return 2;
        }
        server.setImageBehaviour(image, behaviours.value(name));
    }
    if (parser.value(eventsPerSecond).toDouble() > 0)
        server.setModifiedEventsPerSecond(parser.value(eventsPerSecond).toDouble(), namespaceName);

    QFile log(parser.value(requestLog));
    QSet<qint64> logged;
    if (parser.isSet(requestLog)) {
        if (!log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            QTextStream(stderr) << "cannot open " << log.fileName() << ": " << log.errorString() << '\n';
            return 1;
        }
        // Written once answered, so the status is known; a watch is logged when its stream starts.
        QObject::connect(&server, &FakeApiServer::requestServed, &app, [&] {
            const QList<quayside::test::RecordedRequest> requests = server.requests();
            QTextStream out(&log);
            for (const quayside::test::RecordedRequest& request : requests) {
                if (request.status == 0 || logged.contains(request.sequence))
                    continue;
                logged.insert(request.sequence);
                out << request.sequence << ' ' << request.method << ' ' << request.path
                    << (request.rawQuery.isEmpty() ? QString()
                                                   : QLatin1Char('?') + QString::fromLatin1(request.rawQuery))
                    << " -> " << request.status << " content-type=" << request.contentType
                    << " accept=" << request.accept << " body=" << request.body.size() << " agent=" << request.userAgent
                    << '\n';
                if (parser.isSet(requestBodies) && !request.body.isEmpty()) {
                    QFile body(parser.value(requestBodies) + QStringLiteral("/%1.body").arg(request.sequence));
                    if (body.open(QIODevice::WriteOnly))
                        body.write(request.body);
                }
            }
            out.flush();
        });
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        QTextStream(stderr) << "socketpair failed\n";
        return 1;
    }
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[1], &byte, 1);
        server.stop();
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);

    QTextStream out(stdout);
    out << "kubeconfig: " << server.kubeconfigPath() << '\n'
        << "server: " << server.url().toString() << '\n'
        << "ready" << Qt::endl;
    return QCoreApplication::exec();
}
