#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace quayside {

// A fingerprint of a Secret's data for the pod template, so that changing (rotating) a secret changes
// the template and Kubernetes rolls the pods. Never the data itself: a checksum of it is safe to put
// in Helm values and annotations, which are not secret.
//
// Format (stable; the pipeline computes nothing itself, it asks this class): SHA-256, lower-case hex, of
// the keys in byte order, each as `<key>=<base64(value)>\n`. Base64 keeps a value containing "=" or a
// newline from producing the same input as another set of keys.
class SecretChecksum
{
public:
    static QString compute(const QMap<QString, QByteArray>& data);

    // Where the checksum and the Secret's name go.
    static QString annotationKey() { return QStringLiteral("checksum/secret"); } // pod template annotation
    static QString helmChecksumKey() { return QStringLiteral("secrets.checksum"); } // Helm values key
    static QString helmExistingSecretKey() { return QStringLiteral("secrets.existingSecret"); } // Helm values key
};

} // namespace quayside
