#include "KubeconfigWriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace quayside::test {

namespace {

QByteArray fileAsBase64(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toBase64() : QByteArray();
}

QByteArray extension(const char* indent, const char* name, const QByteArray& lastUpdate)
{
    const QByteArray i(indent);
    return i + "extensions:\n" + i + "- extension:\n" + i + "    last-update: " + lastUpdate + "\n" + i
        + "    provider: minikube.sigs.k8s.io\n" + i + "    version: v1.36.0\n" + i + "  name: " + name + "\n";
}

} // namespace

bool KubeconfigWriter::write(const QString& path, const Content& content, QString* error)
{
    const QByteArray lastUpdate
        = QDateTime::currentDateTimeUtc().toString(QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'UTC'")).toLatin1();
    QByteArray yaml = "apiVersion: v1\nclusters:\n- cluster:\n";
    if (content.embedData)
        yaml += "    certificate-authority-data: " + fileAsBase64(content.certificateAuthorityPath) + "\n";
    else
        yaml += "    certificate-authority: " + content.certificateAuthorityPath.toUtf8() + "\n";
    yaml += extension("    ", "cluster_info", lastUpdate);
    yaml += "    server: " + content.server.toUtf8() + "\n  name: minikube\n";
    yaml += "contexts:\n- context:\n    cluster: minikube\n";
    yaml += extension("    ", "context_info", lastUpdate);
    yaml += "    namespace: " + content.contextNamespace.toUtf8() + "\n    user: minikube\n  name: minikube\n";
    yaml += "current-context: minikube\nkind: Config\npreferences: {}\nusers:\n- name: minikube\n  user:\n";
    bool anyCredential = false;
    if (!content.clientCertificatePath.isEmpty()) {
        anyCredential = true;
        if (content.embedData) {
            yaml += "    client-certificate-data: " + fileAsBase64(content.clientCertificatePath) + "\n";
            yaml += "    client-key-data: " + fileAsBase64(content.clientKeyPath) + "\n";
        } else {
            yaml += "    client-certificate: " + content.clientCertificatePath.toUtf8() + "\n";
            yaml += "    client-key: " + content.clientKeyPath.toUtf8() + "\n";
        }
    }
    if (!content.token.isEmpty()) {
        anyCredential = true;
        yaml += "    token: " + content.token.toUtf8() + "\n";
    }
    if (!anyCredential) {
        yaml.chop(1); // "user:\n" becomes "user: {}\n"
        yaml += " {}\n";
    }

    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace quayside::test
