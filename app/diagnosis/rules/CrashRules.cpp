#include "diagnosis/rules/CrashRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"
#include "diagnosis/rules/LogAnalyzer.h"
#include "diagnosis/rules/ProbeRules.h"

namespace quayside::diagnosis {

namespace {

// A container up again after a crash counts as crash-looping until it has stayed up this long: its
// next crash may be seconds away, and a recovered one is cleared after a minute.
constexpr qint64 kRecoveredAfterSeconds = 60;

// The run that tells why the container is not up: the current one if it ended badly, else the previous.
const kube::PodSummary::Termination* failedRun(const kube::PodSummary::Container& c, const QDateTime& now)
{
    const auto bad = [](const kube::PodSummary::Termination& t) {
        return t.present
            && (t.exitCode != 0 || t.reason == QLatin1String("OOMKilled") || t.reason == QLatin1String("Error"));
    };
    if (c.state == QLatin1String("terminated") && bad(c.terminated))
        return &c.terminated;
    if (c.state == QLatin1String("waiting") && c.reason == QLatin1String("CrashLoopBackOff")
        && c.lastTermination.present)
        return &c.lastTermination;
    // Up again after a crash a moment ago: it is looping, it just happens to be running right now.
    const QDateTime up = c.runningSince.isValid() ? c.runningSince : c.lastTermination.finishedAt;
    if (c.state == QLatin1String("running") && c.restarts > 0 && bad(c.lastTermination) && up.isValid()
        && up.secsTo(now) < kRecoveredAfterSeconds)
        return &c.lastTermination;
    return nullptr;
}

QString field(const kube::PodSummary::Container& c)
{
    return QStringLiteral("spec.%1[%2]").arg(c.init ? "initContainers" : "containers", c.name);
}

// The secret key a missing variable would come from, and whether the Secrets page manages it.
struct KeySource
{
    QString key;
    QString secret;
    QString note; // for the summary: "secret key missing"
    bool profileKey = false;
};

KeySource keySourceOf(const QString& variable, const kube::PodSummary::Container& c, const DiagnosisContext& context)
{
    for (const kube::PodSummary::SecretKeyRef& ref : c.secretKeyRefs) {
        if (ref.variable == variable)
            return { ref.key, ref.secret, QStringLiteral("read from key %1 of Secret %2").arg(ref.key, ref.secret),
                     context.secretName.isEmpty() || ref.secret == context.secretName };
    }
    if (context.secretKeys.contains(variable))
        return { variable, context.secretName, QStringLiteral("secret key missing"), true };
    if (!c.envFromSecrets.isEmpty()) {
        const QString secret = c.envFromSecrets.first();
        return { variable, secret, QStringLiteral("not in Secret %1").arg(secret),
                 context.secretName.isEmpty() || c.envFromSecrets.contains(context.secretName) };
    }
    return {};
}

// The app's database URL key, for the TLS advice: the profile's secret that looks like one.
QString databaseKey(const DiagnosisContext& context, const kube::PodSummary::Container& c)
{
    QStringList candidates = context.secretKeys;
    candidates.append(c.env);
    for (const QString& key : std::as_const(candidates)) {
        if (key.contains(QLatin1String("DATABASE")) || key.contains(QLatin1String("DB_URL"))
            || key.contains(QLatin1String("POSTGRES")))
            return key;
    }
    return {};
}

} // namespace

std::int64_t CrashRules::suggestedMemoryLimit(std::int64_t limitBytes, std::int64_t peakBytes)
{
    constexpr std::int64_t mi = 1024 * 1024;
    const std::int64_t wanted = std::max(limitBytes + limitBytes / 2, peakBytes < 0 ? 0 : peakBytes + peakBytes / 4);
    // 64Mi, 96Mi, 128Mi, 192Mi, ...: values people write, and a step of at least 1.33x.
    for (std::int64_t base = 64 * mi;; base *= 2) {
        if (base >= wanted)
            return base;
        if (base + base / 2 >= wanted)
            return base + base / 2;
        if (base > (std::int64_t(1) << 50))
            return wanted;
    }
}

QString CrashRules::exitCodeMeaning(int exitCode, int signal)
{
    if (signal == 9)
        return QStringLiteral("it was killed (SIGKILL): by the kernel when out of memory, or by the kubelet after a "
                              "failed liveness probe or a stop that took too long");
    if (signal == 11)
        return QStringLiteral("it crashed with a segmentation fault (SIGSEGV)");
    if (signal == 15)
        return QStringLiteral("it was asked to stop (SIGTERM) and did");
    if (signal == 6)
        return QStringLiteral("it aborted (SIGABRT), usually after a fatal error it printed");
    if (signal != 0)
        return QStringLiteral("it was ended by signal %1").arg(signal);
    switch (exitCode) {
    case 0:
        return QStringLiteral("it finished successfully, but a Deployment's containers must keep running: a command "
                              "that finishes is restarted forever");
    case 1:
        return QStringLiteral("the program reported an error and exited");
    case 2:
        return QStringLiteral("the program rejected how it was started (a wrong argument or option)");
    case 126:
        return QStringLiteral("the command is not executable (permissions, or a script without its interpreter)");
    case 127:
        return QStringLiteral("the command was not found in the image");
    default:
        return QStringLiteral("the program exited with code %1").arg(exitCode);
    }
}

void CrashRules::check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings)
{
    const DiagnosisContext& context = snapshot.context();
    const QString& ns = snapshot.nameSpace();
    Finding crash = snapshot.podFinding(pod, QStringLiteral("crash-loop"), Finding::Severity::Error);
    Finding oom = snapshot.podFinding(pod, QStringLiteral("oom-killed"), Finding::Severity::Error);
    QStringList crashExplanation;
    QStringList oomExplanation;
    QList<Action> crashActions;
    QList<Action> oomActions;
    const bool restarting = std::any_of(pod.containers.cbegin(), pod.containers.cend(),
                                        [](const kube::PodSummary::Container& c) { return c.restarts > 0; });

    for (const kube::PodSummary::Container& c : pod.containers) {
        const kube::PodSummary::Termination* run = failedRun(c, snapshot.now());
        if (!run)
            continue;
        // Killed by its own liveness or startup probe: ProbeRules explains that restart, not this rule.
        const int runSignal = run->effectiveSignal();
        if (run->reason != QLatin1String("OOMKilled") && (runSignal == 9 || runSignal == 15)
            && !snapshot
                    .events(
                        QStringLiteral("Pod"), pod.name,
                        [&c](const kube::EventSummary& e) {
                            return ProbeRules::isProbeKill(e.reason, e.message)
                                && (e.containerName().isEmpty() || e.containerName() == c.name);
                        },
                        1)
                    .isEmpty())
            continue;
        const bool current = run == &c.terminated;
        const QString where = QStringLiteral("containerStatuses[%1].%2").arg(c.name, current ? "state" : "lastState");
        const QString when = EvidenceText::ago(run->finishedAt, snapshot.now());
        const Evidence termination {
            Evidence::Kind::Status,
            QStringLiteral("%1.terminated: %2%3%4")
                .arg(where, run->describe(), when.isEmpty() ? QString() : QStringLiteral(", ") + when,
                     run->message.isEmpty() ? QString() : QStringLiteral(": ") + run->message)
        };
        const QList<kube::EventSummary> backOff = snapshot.events(
            QStringLiteral("Pod"), pod.name,
            [&c](const kube::EventSummary& e) {
                return e.isWarning() && e.reason == QLatin1String("BackOff")
                    && (e.containerName().isEmpty() || e.containerName() == c.name)
                    && !e.message.contains(QLatin1String("pulling image"));
            },
            2);
        const QStringList log = snapshot.cache().previousLog(pod.name, c.name);

        if (run->reason == QLatin1String("OOMKilled")) {
            oom.evidence.append(termination);
            const std::int64_t peak = snapshot.peakUsage(pod.name, c.name).memoryBytes;
            if (c.memoryLimitBytes > 0) {
                oom.evidence.append(
                    { Evidence::Kind::SpecField,
                      QStringLiteral("%1.resources.limits.memory = %2").arg(field(c), c.memoryLimitText) });
                if (peak >= 0)
                    oom.evidence.append(
                        { Evidence::Kind::Number,
                          QStringLiteral("peak memory %1 of a %2 limit (metrics-server)")
                              .arg(EvidenceText::bytes(peak), EvidenceText::bytes(c.memoryLimitBytes)) });
            } else if (peak >= 0) {
                oom.evidence.append({ Evidence::Kind::Number,
                                      QStringLiteral("peak memory %1 (no limit set)").arg(EvidenceText::bytes(peak)) });
            }
            oom.evidence.append({ Evidence::Kind::Number, QStringLiteral("restarts: %1").arg(c.restarts) });
            for (const kube::EventSummary& e : backOff)
                oom.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
            if (!oom.summary.isEmpty())
                continue;
            if (c.memoryLimitBytes > 0) {
                const QString limit = EvidenceText::memoryValue(suggestedMemoryLimit(c.memoryLimitBytes, peak));
                oom.summary = QStringLiteral("%1 runs out of memory: container %2 was killed at its %3 limit%4")
                                  .arg(pod.name, c.name, c.memoryLimitText,
                                       c.restarts > 0 ? QStringLiteral(" (%1 restarts)").arg(c.restarts) : QString());
                oom.evidence.append({ Evidence::Kind::Number,
                                      QStringLiteral("suggested limit: %1 (1.5x the current one%2)")
                                          .arg(limit, peak >= 0 ? QStringLiteral(", above the peak") : QString()) });
                oomExplanation.append(
                    QStringLiteral("The container used more memory than its limit (%1), so the kernel killed it "
                                   "(OOMKilled, exit code 137) and Kubernetes restarted it. If the app simply needs "
                                   "more, raise the limit (%2 is 1.5x the current one); if its memory grows without "
                                   "end (a cache without bounds, large uploads held in memory, too many worker "
                                   "processes), a higher limit only delays the next kill.")
                        .arg(c.memoryLimitText, limit));
                const QString valuesKey = context.memoryLimitValuesKeys.value(pod.deployment);
                if (!valuesKey.isEmpty())
                    oomActions.append(
                        ActionFactory::raiseMemoryLimit(ns, pod.deployment, c.name, valuesKey, limit, context));
                else if (!pod.deployment.isEmpty())
                    oomActions.append(ActionFactory::copyCommand(
                        QStringLiteral("Raise the limit to %1").arg(limit),
                        ActionFactory::kubectl(ns,
                                               QStringLiteral("set resources deployment/%1 -c %2 --limits=memory=%3")
                                                   .arg(pod.deployment, c.name, limit))));
            } else {
                oom.summary = QStringLiteral("%1 runs out of memory: container %2 was OOMKilled").arg(pod.name, c.name);
                oomExplanation.append(QStringLiteral(
                    "The container has no memory limit, so it was the node that ran out of memory and the kernel "
                    "killed the container (OOMKilled). Give it a memory request (what the scheduler reserves) and a "
                    "limit, or give the cluster more memory."));
            }
            continue;
        }

        // A crash: what the log says, then the exit code.
        crash.evidence.append(termination);
        if (c.state == QLatin1String("waiting") && !c.message.isEmpty())
            crash.evidence.append(
                { Evidence::Kind::Status,
                  QStringLiteral("containerStatuses[%1].state.waiting: %2: %3").arg(c.name, c.reason, c.message) });
        crash.evidence.append({ Evidence::Kind::Number, QStringLiteral("restarts: %1").arg(c.restarts) });
        const QList<LogCause> causes = LogAnalyzer::analyze(log);
        QStringList shown;
        for (const LogCause& cause : causes) {
            if (!shown.contains(cause.line)) {
                crash.evidence.append({ Evidence::Kind::LogLine, cause.line });
                shown.append(cause.line);
            }
        }
        // Then the tail as the log has it, the cause in its place: a traceback reads top to bottom.
        for (qsizetype i = std::max<qsizetype>(0, log.size() - kLogLinesShown); i < log.size(); ++i)
            crash.evidence.append({ Evidence::Kind::LogLine, log.at(i) });
        for (const kube::EventSummary& e : backOff)
            crash.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
        if (!crash.summary.isEmpty())
            continue;

        const QString verb = restarting ? QStringLiteral("restarts") : QStringLiteral("failed");
        const int signal = run->effectiveSignal();
        crashExplanation.append(
            restarting ? QStringLiteral("Container %1 starts, exits and is started again by Kubernetes, with a delay "
                                        "that doubles up to five minutes (CrashLoopBackOff). It exited with code %2: "
                                        "%3.")
                             .arg(c.name)
                             .arg(run->exitCode)
                             .arg(exitCodeMeaning(run->exitCode, signal))
                       : QStringLiteral("Container %1 exited with code %2: %3.")
                             .arg(c.name)
                             .arg(run->exitCode)
                             .arg(exitCodeMeaning(run->exitCode, signal)));
        const LogCause* cause = causes.isEmpty() ? nullptr : &causes.first();
        if (!cause) {
            crash.summary
                = QStringLiteral("%1 %2: container %3 exits with code %4%5")
                      .arg(pod.name, verb, c.name)
                      .arg(run->exitCode)
                      .arg(signal != 0 ? QStringLiteral(" (%1)").arg(kube::PodSummary::Termination::signalName(signal))
                                       : QString());
            crashExplanation.append(
                !run->message.isEmpty() ? QStringLiteral("The container runtime's message (below) says why.")
                    : log.isEmpty()     ? QStringLiteral("What it printed before exiting tells why: read its previous "
                                                             "log.")
                                        : QStringLiteral("Its last lines before exiting are below."));
        } else {
            switch (cause->kind) {
            case LogCause::Kind::MissingVariable: {
                const KeySource source = keySourceOf(cause->variable, c, context);
                crash.summary = QStringLiteral("%1 %2: %3 is not set%4")
                                    .arg(pod.name, verb, cause->variable,
                                         source.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(source.note));
                crashExplanation.append(
                    QStringLiteral("The app needs the environment variable %1 and exits without it.")
                        .arg(cause->variable));
                if (!source.key.isEmpty() && source.profileKey) {
                    crashExplanation.append(QStringLiteral("It comes from the app's Secret: set %1 on the Secrets page "
                                                           "and apply it, then delete the pod so a new one reads it.")
                                                .arg(source.key));
                    crashActions.append(ActionFactory::openSecrets(source.key, source.secret));
                } else if (!source.secret.isEmpty()) {
                    crashExplanation.append(QStringLiteral("It is expected from Secret %1: add the key %2 to it.")
                                                .arg(source.secret, source.key));
                } else {
                    crashExplanation.append(QStringLiteral(
                        "Nothing in the pod's spec sets it: add it to the container's env in the chart (from a Secret "
                        "if it is sensitive)."));
                }
                break;
            }
            case LogCause::Kind::DatabaseTls: {
                crash.summary = QStringLiteral("%1 %2: the database requires an encrypted connection (sslmode=require)")
                                    .arg(pod.name, verb);
                crashExplanation.append(
                    QStringLiteral("The database server refuses connections without TLS. %1Add ?sslmode=require to the "
                                   "connection URL (postgresql://user:password@host/dbname?sslmode=require).")
                        .arg(cause->neon ? QStringLiteral("Neon only accepts encrypted connections. ") : QString()));
                const QString key = databaseKey(context, c);
                if (!key.isEmpty() && context.secretKeys.contains(key))
                    crashActions.append(ActionFactory::openSecrets(key, context.secretName));
                break;
            }
            case LogCause::Kind::DatabaseConnection: {
                crash.summary = QStringLiteral("%1 %2: it cannot connect to its database").arg(pod.name, verb);
                crashExplanation.append(
                    QStringLiteral(
                        "The app exits because its database does not answer or refuses it. Check the host, port, user "
                        "and password in the connection URL; inside a pod, localhost is the pod itself, not your "
                        "machine.%1")
                        .arg(cause->neon ? QStringLiteral(" Neon also needs ?sslmode=require in the "
                                                          "URL.")
                                         : QString()));
                const QString key = databaseKey(context, c);
                if (!key.isEmpty() && context.secretKeys.contains(key))
                    crashActions.append(ActionFactory::openSecrets(key, context.secretName));
                break;
            }
            case LogCause::Kind::AddressInUse: {
                crash.summary = cause->port > 0
                    ? QStringLiteral("%1 %2: port %3 is already in use").arg(pod.name, verb).arg(cause->port)
                    : QStringLiteral("%1 %2: the address it listens on is already in use").arg(pod.name, verb);
                QStringList ports;
                for (const kube::PodSummary::Container& other : pod.containers) {
                    for (const kube::PodSummary::Port& p : other.ports)
                        ports.append(QStringLiteral("%1:%2").arg(other.name).arg(p.containerPort));
                }
                if (!ports.isEmpty())
                    crash.evidence.append(
                        { Evidence::Kind::SpecField,
                          QStringLiteral("containerPort: %1").arg(ports.join(QStringLiteral(", "))) });
                crashExplanation.append(QStringLiteral(
                    "Another process already listens on that port. The containers of a pod share one network, so "
                    "two containers (or two processes started by one command, such as a server started twice) "
                    "cannot bind the same port."));
                break;
            }
            case LogCause::Kind::PythonException:
                crash.summary = QStringLiteral("%1 %2: %3").arg(pod.name, verb, cause->line.left(160));
                crashExplanation.append(
                    QStringLiteral("The Python program stopped on an exception; the last line of its traceback says "
                                   "which and why."));
                break;
            }
        }
    }

    if (!crash.evidence.isEmpty()) {
        crash.explanation = crashExplanation.join(QLatin1Char(' '));
        crash.actions = crashActions;
        if (!pod.ownerKind.isEmpty())
            crash.actions.append(ActionFactory::deletePod(ns, pod.name));
        if (!pod.deployment.isEmpty())
            crash.actions.append(ActionFactory::restartDeployment(ns, pod.deployment));
        for (const kube::PodSummary::Container& c : pod.containers) {
            if (c.restarts > 0 && failedRun(c, snapshot.now())) {
                crash.actions.append(ActionFactory::copyCommand(
                    QStringLiteral("Show the previous log of %1").arg(c.name),
                    ActionFactory::kubectl(ns, QStringLiteral("logs %1 -c %2 --previous").arg(pod.name, c.name))));
                break;
            }
        }
        findings->append(crash);
    }
    if (!oom.evidence.isEmpty()) {
        oom.explanation = oomExplanation.join(QLatin1Char(' '));
        oom.actions = oomActions;
        findings->append(oom);
    }
}

} // namespace quayside::diagnosis
