#include "diagnosis/rules/ImageRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"
#include "kube/ImageReference.h"

namespace quayside::diagnosis {

namespace {

bool isPullFailure(const QString& reason)
{
    return reason == QLatin1String("ErrImageNeverPull") || reason == QLatin1String("ErrImagePull")
        || reason == QLatin1String("ImagePullBackOff") || reason == QLatin1String("InvalidImageName");
}

// The registry's answer for a repository nobody ever pushed: Docker's "pull access denied for X,
// repository does not exist or may require 'docker login'", containerd's "pull access denied,
// repository does not exist or may require authorization". (A wrong tag of a real repository says
// "not found" or "manifest unknown" instead.)
bool soundsUnpublished(const QString& text)
{
    return text.contains(QLatin1String("pull access denied"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("repository does not exist"), Qt::CaseInsensitive);
}

bool isLocal(const kube::ImageReference& ref, const QStringList& localRepositories)
{
    for (const QString& local : localRepositories) {
        const kube::ImageReference localRef = kube::ImageReference::parse(local);
        if (local == ref.name() || localRef.name() == ref.name() || localRef.repository == ref.repository)
            return true;
    }
    return false;
}

} // namespace

void ImageRules::check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings)
{
    const DiagnosisContext& context = snapshot.context();
    Finding local = snapshot.podFinding(pod, QStringLiteral("image-not-present"), Finding::Severity::Error);
    Finding remote = snapshot.podFinding(pod, QStringLiteral("image-pull-failed"), Finding::Severity::Error);
    QStringList localImages;
    QStringList explanations;
    for (const kube::PodSummary::Container& c : pod.containers) {
        if (c.state != QLatin1String("waiting") || !isPullFailure(c.reason))
            continue;
        const kube::ImageReference ref = kube::ImageReference::parse(c.image);
        const QString field = QStringLiteral("spec.%1[%2]").arg(c.init ? "initContainers" : "containers", c.name);
        const QList<kube::EventSummary> events
            = snapshot.events(QStringLiteral("Pod"), pod.name, [&c](const kube::EventSummary& e) {
                  return (e.containerName().isEmpty() || e.containerName() == c.name)
                      && (e.reason == QLatin1String("Failed") || e.reason == QLatin1String("BackOff")
                          || e.reason == QLatin1String("ErrImageNeverPull")
                          || e.reason == QLatin1String("InspectFailed"));
              });
        QString pullText = c.message;
        for (const kube::EventSummary& e : events)
            pullText += QLatin1Char('\n') + e.message;
        const bool never
            = c.reason == QLatin1String("ErrImageNeverPull") || c.imagePullPolicy == QLatin1String("Never");
        bool isLocalImage = never || isLocal(ref, context.localRepositories);
        // Without a profile to say which images are ours: a short name no registry has ever heard of.
        if (!isLocalImage && context.localRepositories.isEmpty() && ref.registry.isEmpty())
            isLocalImage = soundsUnpublished(pullText);
        Finding& f = isLocalImage ? local : remote;
        f.evidence.append(
            { Evidence::Kind::Status,
              QStringLiteral("containerStatuses[%1].state.waiting: %2%3")
                  .arg(c.name, c.reason, c.message.isEmpty() ? QString() : QStringLiteral(": ") + c.message) });
        f.evidence.append({ Evidence::Kind::SpecField, QStringLiteral("%1.image = %2").arg(field, c.image) });
        f.evidence.append(
            { Evidence::Kind::SpecField, QStringLiteral("%1.imagePullPolicy = %2").arg(field, c.imagePullPolicy) });
        for (const kube::EventSummary& e : events)
            f.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
        if (&f == &remote) {
            if (f.summary.isEmpty())
                f.summary = QStringLiteral("%1: image %2 cannot be pulled (%3)").arg(pod.name, c.image, c.reason);
            continue;
        }
        if (!localImages.contains(c.image))
            localImages.append(c.image);
        if (f.summary.isEmpty())
            f.summary = QStringLiteral("%1: image %2 is not in the cluster (%3)").arg(pod.name, c.image, c.reason);
        // Why the node did not use a copy it may well have: the pull policy.
        if (ref.isLatest() && c.imagePullPolicy == QLatin1String("Always"))
            explanations.append(
                QStringLiteral("The tag %1 (or no tag) makes Kubernetes default imagePullPolicy to Always: the node "
                               "asks a registry for the image on every start, even when the image was loaded into "
                               "the cluster. Give the image a versioned tag, or set imagePullPolicy: IfNotPresent.")
                    .arg(ref.tag.isEmpty() ? QStringLiteral(":latest") : QLatin1Char(':') + ref.tag));
        else if (ref.isLatest() && c.imagePullPolicy == QLatin1String("IfNotPresent"))
            explanations.append(
                QStringLiteral(
                    "With imagePullPolicy IfNotPresent the node uses its own copy of %1 when it has one, so this pull "
                    "failing means the node has none. Note that after a rebuild the node keeps running its old :latest "
                    "copy until the new one is loaded: a versioned tag avoids the confusion.")
                    .arg(c.image));
        else if (never)
            explanations.append(QStringLiteral("imagePullPolicy is Never: the node only ever uses an image it already "
                                               "has, and it does not have %1.")
                                    .arg(c.image));
    }
    if (!local.evidence.isEmpty()) {
        local.explanation
            = QStringLiteral("The image was built on your machine, but the cluster's container runtime does not "
                             "have it, and no registry has it either. Kubernetes cannot start a container without "
                             "its image. Build the image and load it into the cluster: the Images step does both "
                             "(building against minikube's Docker or with `minikube image load`).");
        if (!explanations.isEmpty())
            local.explanation += QLatin1Char(' ') + explanations.join(QLatin1Char(' '));
        local.actions.append(ActionFactory::rebuildImages(localImages));
        for (const QString& image : std::as_const(localImages))
            local.actions.append(ActionFactory::copyCommand(
                QStringLiteral("Load %1 into minikube (an image built by hand)").arg(image),
                ActionFactory::minikube(context.minikubeProfile,
                                        QStringLiteral("image load ") + ActionFactory::quote(image))));
        findings->append(local);
    }
    if (!remote.evidence.isEmpty()) {
        remote.explanation = QStringLiteral(
            "The node asked the registry for the image and did not get it. Usually the name or tag is wrong (the "
            "registry's answer in the events says \"not found\" or \"manifest unknown\"), the registry needs "
            "credentials (an imagePullSecret), or the cluster cannot reach the registry. Kubernetes keeps retrying "
            "with a growing delay (ImagePullBackOff).");
        remote.actions.append(ActionFactory::copyCommand(
            QStringLiteral("Describe the pod"),
            ActionFactory::kubectl(snapshot.nameSpace(), QStringLiteral("describe pod ") + pod.name)));
        findings->append(remote);
    }
}

} // namespace quayside::diagnosis
