#include "pipeline/RolloutDiagnosis.h"

#include <QJsonArray>

#include <algorithm>

namespace quayside {

QString RolloutDiagnosis::summary() const
{
    QStringList parts;
    for (const Pod& pod : blockingPods) {
        QString text = pod.name + QStringLiteral(": ") + pod.status;
        if (pod.restarts > 0)
            text += QStringLiteral(" (%1 restart%2)").arg(pod.restarts).arg(pod.restarts == 1 ? "" : "s");
        parts << text;
    }
    return parts.join(QStringLiteral("; "));
}

QStringList RolloutDiagnosis::describe() const
{
    QStringList lines;
    for (const Deployment& d : deployments) {
        if (!d.found)
            lines << QStringLiteral("deployment %1: not found").arg(d.name);
        else
            lines << QStringLiteral("deployment %1: %2/%3 available, %4 updated%5")
                         .arg(d.name)
                         .arg(d.available)
                         .arg(d.desired)
                         .arg(d.updated)
                         .arg(d.complete ? QStringLiteral(" (rolled out)") : QString());
    }
    for (const Pod& pod : blockingPods) {
        lines << QStringLiteral("pod %1 (%2): %3, ready %4, restarts %5")
                     .arg(pod.name, pod.deployment, pod.status, pod.ready)
                     .arg(pod.restarts);
        for (const Container& c : pod.containers) {
            QString text
                = QStringLiteral("  container %1: %2").arg(c.name, c.state.isEmpty() ? QStringLiteral("-") : c.state);
            if (!c.reason.isEmpty())
                text += QLatin1Char(' ') + c.reason;
            if (!c.message.isEmpty())
                text += QStringLiteral(": ") + c.message;
            if (!c.lastTerminationReason.isEmpty())
                text
                    += QStringLiteral(" (last run: %1, exit code %2)").arg(c.lastTerminationReason).arg(c.lastExitCode);
            lines << text;
        }
        for (const Event& e : pod.events) {
            lines << QStringLiteral("  event %1 %2%3: %4")
                         .arg(e.type, e.reason, e.count > 1 ? QStringLiteral(" (x%1)").arg(e.count) : QString(),
                              e.message);
        }
        if (!pod.problem.isEmpty())
            lines << QStringLiteral("  why: ") + pod.problem;
    }
    // What to do, from the findings: the commands to copy (one-click ones are the GUI's).
    QStringList commands;
    for (const diagnosis::Finding& f : findings) {
        for (const diagnosis::Action& a : f.actions) {
            if (!a.command.isEmpty() && !commands.contains(a.command))
                commands << a.command;
        }
    }
    for (qsizetype i = 0; i < std::min<qsizetype>(commands.size(), 3); ++i)
        lines << QStringLiteral("try: ") + commands.at(i);
    if (!error.isEmpty())
        lines << QStringLiteral("could not ask the cluster: %1").arg(error);
    return lines;
}

QJsonObject RolloutDiagnosis::toJson() const
{
    QJsonArray deps;
    for (const Deployment& d : deployments) {
        deps.append(QJsonObject { { QStringLiteral("name"), d.name },
                                  { QStringLiteral("found"), d.found },
                                  { QStringLiteral("desired"), d.desired },
                                  { QStringLiteral("updated"), d.updated },
                                  { QStringLiteral("available"), d.available },
                                  { QStringLiteral("complete"), d.complete },
                                  { QStringLiteral("message"), d.message } });
    }
    QJsonArray pods;
    for (const Pod& pod : blockingPods) {
        QJsonArray containers;
        for (const Container& c : pod.containers) {
            containers.append(QJsonObject { { QStringLiteral("name"), c.name },
                                            { QStringLiteral("state"), c.state },
                                            { QStringLiteral("reason"), c.reason },
                                            { QStringLiteral("message"), c.message },
                                            { QStringLiteral("ready"), c.ready },
                                            { QStringLiteral("restarts"), c.restarts },
                                            { QStringLiteral("lastTerminationReason"), c.lastTerminationReason },
                                            { QStringLiteral("lastExitCode"), c.lastExitCode } });
        }
        QJsonArray events;
        for (const Event& e : pod.events) {
            events.append(QJsonObject { { QStringLiteral("type"), e.type },
                                        { QStringLiteral("reason"), e.reason },
                                        { QStringLiteral("message"), e.message },
                                        { QStringLiteral("count"), e.count },
                                        { QStringLiteral("last"), e.last.toString(Qt::ISODate) } });
        }
        pods.append(QJsonObject { { QStringLiteral("name"), pod.name },
                                  { QStringLiteral("deployment"), pod.deployment },
                                  { QStringLiteral("problem"), pod.problem },
                                  { QStringLiteral("phase"), pod.phase },
                                  { QStringLiteral("status"), pod.status },
                                  { QStringLiteral("ready"), pod.ready },
                                  { QStringLiteral("restarts"), pod.restarts },
                                  { QStringLiteral("containers"), containers },
                                  { QStringLiteral("events"), events } });
    }
    QJsonArray findingArray;
    for (const diagnosis::Finding& f : findings)
        findingArray.append(f.toJson());
    QJsonObject o { { QStringLiteral("namespace"), nameSpace },
                    { QStringLiteral("deployments"), deps },
                    { QStringLiteral("blockingPods"), pods },
                    { QStringLiteral("findings"), findingArray } };
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

} // namespace quayside
