#include "ai/PrivateKubeconfig.h"

#include "core/SecureMemory.h"
#include "kube/KubeconfigExport.h"
#include "kube/KubeconfigLoader.h"
#include "workspace/ClusterTarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace quayside::ai {

PrivateKubeconfig::PrivateKubeconfig() = default;

PrivateKubeconfig::~PrivateKubeconfig()
{
    remove();
}

void PrivateKubeconfig::remove()
{
    if (m_dir) {
        m_dir->remove();
        m_dir.reset();
        m_path.clear();
    }
}

bool PrivateKubeconfig::prepare(const ClusterTarget& target, QString* error, bool write)
{
    remove();
    const kube::KubeconfigLoader::Options options = target.loaderOptions();
    QString loadError;
    const std::optional<kube::Kubeconfig> config = kube::KubeconfigLoader::loadMerged(options, &loadError);
    if (!config) {
        if (error)
            *error = loadError;
        return false;
    }
    // One file whose current-context is ours: the tool reads it as kubectl would, nothing is copied.
    if (config->files.size() == 1 && config->currentContext == target.context) {
        m_path = config->files.constFirst();
        return true;
    }
    QString exportError;
    if (!write) {
        m_path = QStringLiteral("<private kubeconfig for context %1>").arg(target.context);
        return true;
    }
    std::optional<QByteArray> yaml = kube::KubeconfigExport::minimal(*config, target.context, &exportError);
    if (!yaml) {
        if (error)
            *error = exportError;
        return false;
    }
    // QTemporaryDir creates the directory with mode 0700: nobody else can even list it.
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/quayside-ai-XXXXXX"));
    if (!dir->isValid()) {
        if (error)
            *error
                = QStringLiteral("could not create a private directory for the kubeconfig: %1").arg(dir->errorString());
        return false;
    }
    const QString path = dir->filePath(QStringLiteral("kubeconfig"));
    QSaveFile file(path);
    // Owner read/write only, set before a byte is written (QSaveFile writes a temporary file first).
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(*yaml) != yaml->size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    secureWipe(*yaml); // it may hold a token
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_dir = std::move(dir);
    m_path = path;
    return true;
}

} // namespace quayside::ai
