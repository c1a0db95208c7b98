#pragma once

#include <QString>

namespace quayside::test {

// Writes a kubeconfig shaped exactly like the one `minikube start` writes: cluster, context and user
// all named "minikube", the cluster_info/context_info extensions, file paths for the certificates
// (or *-data fields, or a token), mode 0600.
class KubeconfigWriter
{
public:
    struct Content
    {
        QString server; // https://127.0.0.1:<port>
        QString certificateAuthorityPath;
        QString clientCertificatePath; // empty = none
        QString clientKeyPath;
        QString token; // empty = none
        QString contextNamespace = QStringLiteral("default");
        bool embedData = false;
    };

    static bool write(const QString& path, const Content& content, QString* error = nullptr);
};

} // namespace quayside::test
