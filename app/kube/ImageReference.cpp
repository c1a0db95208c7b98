#include "kube/ImageReference.h"

namespace quayside::kube {

ImageReference ImageReference::parse(const QString& image)
{
    ImageReference ref;
    QString rest = image;
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        ref.digest = rest.mid(at + 1);
        rest = rest.left(at);
    }
    // The first component is a registry when it looks like a host: a dot, a port or "localhost"
    // (distribution/reference's splitDockerDomain).
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash > 0) {
        const QString first = rest.left(slash);
        if (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':'))
            || first == QLatin1String("localhost")) {
            ref.registry = first;
            rest = rest.mid(slash + 1);
        }
    }
    // A colon after the last slash starts the tag (a colon before it belongs to the registry's port).
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon > rest.lastIndexOf(QLatin1Char('/'))) {
        ref.tag = rest.mid(colon + 1);
        rest = rest.left(colon);
    }
    ref.repository = rest;
    return ref;
}

QString ImageReference::defaultPullPolicy(const QString& image)
{
    const ImageReference ref = parse(image);
    // A digest pins the image: the tag alone decides, as in defaults.go (which looks at the tag only).
    const bool latest = ref.tag.isEmpty() ? ref.digest.isEmpty() : ref.tag == QLatin1String("latest");
    return latest ? QStringLiteral("Always") : QStringLiteral("IfNotPresent");
}

} // namespace quayside::kube
