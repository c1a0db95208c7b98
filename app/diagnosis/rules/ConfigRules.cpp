#include "diagnosis/rules/ConfigRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"

#include <QRegularExpression>

namespace quayside::diagnosis {

namespace {

struct Missing
{
    QString kind; // "Secret", "ConfigMap", or empty when the message names neither
    QString name;
    QString key; // empty: the whole object is missing
};

// The kubelet's wording (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, and the NotFound
// error of its secret and configmap managers).
Missing parse(const QString& message)
{
    static const QRegularExpression key(
        QStringLiteral("couldn't find key (\\S+) in (Secret|ConfigMap) (?:[^/\\s]+/)?([^\\s,;]+)"));
    static const QRegularExpression object(QStringLiteral("(secret|configmap)s? \"([^\"]+)\" not found"));
    if (const QRegularExpressionMatch m = key.match(message); m.hasMatch())
        return { m.captured(2), m.captured(3), m.captured(1) };
    if (const QRegularExpressionMatch m = object.match(message); m.hasMatch())
        return { m.captured(1) == QLatin1String("secret") ? QStringLiteral("Secret") : QStringLiteral("ConfigMap"),
                 m.captured(2), QString() };
    return {};
}

} // namespace

void ConfigRules::check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings)
{
    const DiagnosisContext& context = snapshot.context();
    Finding f = snapshot.podFinding(pod, QStringLiteral("container-config-error"), Finding::Severity::Error);
    QString secretKey;
    QString secretName;
    bool secretExists = false; // only a key is missing
    bool profileSecret = false;
    for (const kube::PodSummary::Container& c : pod.containers) {
        if (c.state != QLatin1String("waiting")
            || (c.reason != QLatin1String("CreateContainerConfigError")
                && c.reason != QLatin1String("CreateContainerError")))
            continue;
        const QList<kube::EventSummary> events
            = snapshot.events(QStringLiteral("Pod"), pod.name, [&c](const kube::EventSummary& e) {
                  return e.isWarning() && e.reason == QLatin1String("Failed")
                      && (e.containerName().isEmpty() || e.containerName() == c.name);
              });
        QString message = c.message;
        if (message.isEmpty() && !events.isEmpty())
            message = events.first().message;
        const Missing missing = parse(message);
        f.evidence.append(
            { Evidence::Kind::Status,
              QStringLiteral("containerStatuses[%1].state.waiting: %2%3")
                  .arg(c.name, c.reason, message.isEmpty() ? QString() : QStringLiteral(": ") + message) });
        // The spec lines that read the missing object.
        QStringList keysOfSecret;
        if (missing.kind == QLatin1String("Secret")) {
            for (const kube::PodSummary::SecretKeyRef& ref : c.secretKeyRefs) {
                if (ref.secret != missing.name || (!missing.key.isEmpty() && ref.key != missing.key))
                    continue;
                keysOfSecret.append(ref.key);
                f.evidence.append({ Evidence::Kind::SpecField,
                                    QStringLiteral("spec.containers[%1].env[%2].valueFrom.secretKeyRef = %3/%4")
                                        .arg(c.name, ref.variable, ref.secret, ref.key) });
            }
            if (c.envFromSecrets.contains(missing.name))
                f.evidence.append(
                    { Evidence::Kind::SpecField,
                      QStringLiteral("spec.containers[%1].envFrom.secretRef = %2").arg(c.name, missing.name) });
        }
        for (const kube::EventSummary& e : events)
            f.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
        if (!f.summary.isEmpty())
            continue;
        if (missing.kind.isEmpty()) {
            f.summary = QStringLiteral("%1 cannot start container %2: %3").arg(pod.name, c.name, message);
            f.explanation
                = QStringLiteral(
                      "The kubelet could not create the container from its spec (%1). The message above says what it "
                      "rejected; fix that field in the chart and upgrade.")
                      .arg(c.reason);
            continue;
        }
        f.summary = missing.key.isEmpty()
            ? QStringLiteral("%1 cannot start: %2 %3 does not exist").arg(pod.name, missing.kind, missing.name)
            : QStringLiteral("%1 cannot start: %2 %3 has no key %4")
                  .arg(pod.name, missing.kind, missing.name, missing.key);
        if (missing.kind == QLatin1String("Secret")) {
            secretName = missing.name;
            secretExists = !missing.key.isEmpty();
            secretKey = !missing.key.isEmpty() ? missing.key : keysOfSecret.value(0);
            profileSecret = context.secretName.isEmpty() ? context.secretKeys.contains(secretKey)
                                                         : context.secretName == missing.name;
        }
        f.explanation
            = QStringLiteral("Kubernetes builds a container's environment before it starts it. The container reads %1 "
                             "from the %2 %3, and %4, so the container is never created (%5). It starts by itself "
                             "once the %2 %6.")
                  .arg(missing.key.isEmpty() ? QStringLiteral("variables")
                                             : QStringLiteral("the key %1").arg(missing.key),
                       missing.kind, missing.name,
                       missing.key.isEmpty() ? QStringLiteral("that %1 does not exist in namespace %2")
                                                   .arg(missing.kind, snapshot.nameSpace())
                                             : QStringLiteral("the %1 has no such key").arg(missing.kind),
                       c.reason, missing.key.isEmpty() ? QStringLiteral("exists") : QStringLiteral("has the key"));
        if (profileSecret)
            f.explanation += QStringLiteral(" It is one of the app's secrets: set it on the Secrets page and apply.");
    }
    if (f.evidence.isEmpty())
        return;
    if (!secretName.isEmpty() && profileSecret) {
        f.actions.append(ActionFactory::openSecrets(secretKey, secretName));
    } else if (!secretName.isEmpty()) {
        const QString literal = secretKey.isEmpty() ? QStringLiteral("KEY") : secretKey;
        if (secretExists)
            f.actions.append(ActionFactory::copyCommand(
                QStringLiteral("Add the key to the Secret"),
                ActionFactory::kubectl(
                    snapshot.nameSpace(),
                    QStringLiteral("patch secret %1 --type merge -p %2")
                        .arg(ActionFactory::quote(secretName),
                             ActionFactory::quote(
                                 QStringLiteral("{\"stringData\":{\"%1\":\"VALUE\"}}").arg(literal))))));
        else
            f.actions.append(ActionFactory::copyCommand(
                QStringLiteral("Create the Secret"),
                ActionFactory::kubectl(snapshot.nameSpace(),
                                       QStringLiteral("create secret generic %1 --from-literal=%2=VALUE")
                                           .arg(ActionFactory::quote(secretName), literal))));
    }
    f.actions.append(ActionFactory::copyCommand(
        QStringLiteral("Describe the pod"),
        ActionFactory::kubectl(snapshot.nameSpace(), QStringLiteral("describe pod ") + pod.name)));
    findings->append(f);
}

} // namespace quayside::diagnosis
