#include "diagnosis/rules/ServiceRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/rules/RolloutRules.h"

namespace quayside::diagnosis {

namespace {

Finding serviceFinding(const kube::ServiceSummary& service, const QString& rule, Finding::Severity severity)
{
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.objectKind = QStringLiteral("Service");
    f.objectName = service.name;
    return f;
}

QString labelsText(const QMap<QString, QString>& labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.isEmpty() ? QStringLiteral("(no labels)") : parts.join(QLatin1Char(','));
}

} // namespace

void ServiceRules::check(const DiagnosisSnapshot& snapshot, const kube::ServiceSummary& service,
                         QList<Finding>* findings)
{
    // No selector: endpoints are managed by hand (or ExternalName), nothing to compare with.
    if (service.selector.isEmpty() || service.type == QLatin1String("ExternalName"))
        return;
    const QString& ns = snapshot.nameSpace();
    const QList<int> pods = snapshot.podsSelectedBy(service);
    const Evidence selector { Evidence::Kind::SpecField,
                              QStringLiteral("spec.selector = %1").arg(service.selectorString()) };
    const Action listEndpoints
        = ActionFactory::copyCommand(QStringLiteral("Show the Service's endpoints"),
                                     ActionFactory::kubectl(ns, QStringLiteral("get endpoints ") + service.name));

    if (pods.isEmpty()) {
        // Deployments whose pods would match, and near misses (a shared label key, another value).
        const kube::DeploymentSummary* matching = nullptr;
        QList<Evidence> nearMisses;
        for (const kube::DeploymentSummary& d : snapshot.deployments()) {
            if (service.selects(d.templateLabels)) {
                matching = &d;
                continue;
            }
            bool sharesKey = false;
            for (auto it = service.selector.cbegin(); it != service.selector.cend(); ++it)
                sharesKey = sharesKey || d.templateLabels.contains(it.key());
            if (sharesKey && nearMisses.size() < 3)
                nearMisses.append({ Evidence::Kind::SpecField,
                                    QStringLiteral("deployment %1: spec.template.metadata.labels = %2")
                                        .arg(d.name, labelsText(d.templateLabels)) });
        }
        Finding f = serviceFinding(service, QStringLiteral("service-no-pods"),
                                   matching ? Finding::Severity::Warning : Finding::Severity::Error);
        f.evidence.append(selector);
        f.evidence.append({ Evidence::Kind::Status,
                            QStringLiteral("no pod in %1 has the labels %2").arg(ns, service.selectorString()) });
        f.evidence.append(nearMisses);
        if (matching) {
            f.deployment = matching->name;
            f.summary = QStringLiteral("Service %1 sends traffic nowhere: deployment %2 has no pods (%3 desired)")
                            .arg(service.name, matching->name)
                            .arg(matching->desired);
            f.explanation = QStringLiteral("A Service forwards to the pods its selector matches. Deployment %1 makes "
                                           "such pods, but none exists "
                                           "right now%2, so connections to the Service fail.")
                                .arg(matching->name,
                                     matching->desired == 0 ? QStringLiteral(" (it is scaled to zero)") : QString());
            if (matching->desired == 0)
                f.actions.append(ActionFactory::scaleDeployment(ns, matching->name, 1));
        } else {
            f.summary
                = QStringLiteral("Service %1 matches no pod (selector %2)").arg(service.name, service.selectorString());
            f.explanation
                = QStringLiteral(
                      "A Service forwards to the pods whose labels match its selector, and no pod in %1 has the labels "
                      "%2. "
                      "Usually the selector and the Deployment's pod labels differ by a letter or a key: compare them "
                      "below and make them equal in the chart.")
                      .arg(ns, service.selectorString());
        }
        f.actions.append(
            ActionFactory::copyCommand(QStringLiteral("Show the pods' labels"),
                                       ActionFactory::kubectl(ns, QStringLiteral("get pods --show-labels"))));
        f.actions.append(listEndpoints);
        findings->append(f);
        return;
    }

    // Pods match. Are any of them ready to take traffic? The endpoints controller says so; without an
    // Endpoints object (not written yet), the pods' readiness says the same.
    const kube::EndpointsSummary* endpoints = snapshot.endpoints(service.name);
    if (endpoints && endpoints->hasReadyAddresses())
        return;
    QStringList ready;
    QStringList notReady;
    for (int index : pods) {
        const kube::PodSummary& pod = snapshot.pod(index);
        (pod.isReady() ? ready : notReady).append(pod.name);
    }
    const bool hasEndpoints = endpoints ? endpoints->hasReadyAddresses() : !ready.isEmpty();
    if (hasEndpoints)
        return;
    Finding f = serviceFinding(service, QStringLiteral("service-no-endpoints"), Finding::Severity::Error);
    f.deployment = snapshot.pod(pods.first()).deployment;
    f.evidence.append(selector);
    if (endpoints)
        f.evidence.append({ Evidence::Kind::Status,
                            QStringLiteral("endpoints %1: %2 ready, %3 not ready")
                                .arg(service.name)
                                .arg(endpoints->ready.size())
                                .arg(endpoints->notReady.size()) });
    for (int index : pods) {
        const kube::PodSummary& pod = snapshot.pod(index);
        const QList<Finding>& podFindings = snapshot.podFindings(index);
        f.evidence.append({ Evidence::Kind::Status,
                            QStringLiteral("pod %1: %2, ready %3%4")
                                .arg(pod.name, pod.status, pod.readyText(),
                                     podFindings.isEmpty() ? QString()
                                                           : QStringLiteral(" — ")
                                             + RolloutRules::withoutName(podFindings.first().summary, pod.name)) });
    }
    if (!notReady.isEmpty()) {
        f.summary
            = QStringLiteral("Service %1 has no ready endpoints: %2")
                  .arg(service.name,
                       notReady.size() == 1 ? QStringLiteral("its pod %1 is not ready").arg(notReady.first())
                                            : QStringLiteral("none of its %1 pods is ready").arg(notReady.size()));
        f.explanation = QStringLiteral(
            "A Service sends traffic only to pods that are ready (their readiness probe passes). Its pods exist but "
            "none is ready, so connections to the Service are refused until one is: see what holds the pods up.");
    } else {
        // Ready pods and still no address: the endpoints controller could not map the targetPort.
        QStringList named;
        for (const kube::ServiceSummary::Port& p : service.ports) {
            bool numeric = false;
            p.targetPort.toInt(&numeric);
            if (!numeric)
                named.append(p.targetPort);
        }
        f.summary = QStringLiteral("Service %1 has no endpoints although its pods are ready").arg(service.name);
        f.explanation
            = QStringLiteral(
                  "The pods are ready but the Service lists none of them. A targetPort given by name (%1) must name a "
                  "containerPort of the pods; when it names none, the pods are left out.")
                  .arg(named.isEmpty() ? QStringLiteral("none here") : named.join(QStringLiteral(", ")));
        for (const kube::ServiceSummary::Port& p : service.ports)
            f.evidence.append({ Evidence::Kind::SpecField,
                                QStringLiteral("spec.ports[%1].targetPort = %2")
                                    .arg(p.name.isEmpty() ? QString::number(p.port) : p.name, p.targetPort) });
    }
    f.actions.append(listEndpoints);
    f.actions.append(
        ActionFactory::copyCommand(QStringLiteral("Describe the Service"),
                                   ActionFactory::kubectl(ns, QStringLiteral("describe service ") + service.name)));
    findings->append(f);
}

} // namespace quayside::diagnosis
