// quayside-test-apiserver: the fake Kubernetes API server as a standalone process, for manual runs,
// screenshots and benchmarks. Prints the kubeconfig path and "ready" once it listens; stops cleanly
// on SIGTERM/SIGINT.
#include "FakeApiServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
    parser.addOptions({ port, scenario, kubeconfig, pods, eventsPerSecond, logLinesPerSecond, logHistory, ns, minor,
                        delay, age, noMetrics });
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
    if (parser.value(eventsPerSecond).toDouble() > 0)
        server.setModifiedEventsPerSecond(parser.value(eventsPerSecond).toDouble(), namespaceName);

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
