#include "doctor/FixAdvice.h"

namespace quayside::FixAdvice {

QString installDocker(Platform platform)
{
    switch (platform) {
    case Platform::MacOS:
        return QStringLiteral("brew install --cask docker   # Docker Desktop; then open it once");
    case Platform::Windows:
        return QStringLiteral("winget install -e --id Docker.DockerDesktop");
    case Platform::Linux:
        break;
    }
    return QStringLiteral("curl -fsSL https://get.docker.com | sudo sh");
}

QString startDockerDaemon(Platform platform)
{
    switch (platform) {
    case Platform::MacOS:
        return QStringLiteral("open -a Docker   # start Docker Desktop and wait until it says \"running\"");
    case Platform::Windows:
        return QStringLiteral("Start Docker Desktop from the Start menu and wait until it says \"running\"");
    case Platform::Linux:
        break;
    }
    return QStringLiteral("sudo systemctl enable --now docker");
}

QString dockerGroup(Platform platform)
{
    if (platform != Platform::Linux)
        return startDockerDaemon(platform);
    return QStringLiteral("sudo usermod -aG docker $USER && newgrp docker   # or log out and back in");
}

QString installMinikube(Platform platform)
{
    switch (platform) {
    case Platform::MacOS:
        return QStringLiteral("brew install minikube");
    case Platform::Windows:
        return QStringLiteral("winget install -e --id Kubernetes.minikube");
    case Platform::Linux:
        break;
    }
    return QStringLiteral("curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && "
                          "sudo install minikube-linux-amd64 /usr/local/bin/minikube");
}

QString startMinikube(const QString& profile, int cpus, int memoryMb)
{
    QString command = QStringLiteral("minikube start");
    if (!profile.isEmpty() && profile != QLatin1String("minikube"))
        command += QStringLiteral(" -p ") + profile;
    return command + QStringLiteral(" --cpus=%1 --memory=%2").arg(cpus).arg(memoryMb);
}

QString installHelm(Platform platform)
{
    switch (platform) {
    case Platform::MacOS:
        return QStringLiteral("brew install helm");
    case Platform::Windows:
        return QStringLiteral("winget install -e --id Helm.Helm");
    case Platform::Linux:
        break;
    }
    return QStringLiteral("curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 | bash");
}

QString installKubectl(Platform platform)
{
    switch (platform) {
    case Platform::MacOS:
        return QStringLiteral("brew install kubectl");
    case Platform::Windows:
        return QStringLiteral("winget install -e --id Kubernetes.kubectl");
    case Platform::Linux:
        break;
    }
    return QStringLiteral("curl -LO \"https://dl.k8s.io/release/$(curl -Ls "
                          "https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl\" && "
                          "sudo install kubectl /usr/local/bin/kubectl");
}

QString installKubectlAi(Platform platform)
{
    if (platform == Platform::MacOS)
        return QStringLiteral("brew install kubectl-ai");
    if (platform == Platform::Windows)
        return QStringLiteral("kubectl krew install ai   # or download kubectl-ai from its GitHub releases");
    return QStringLiteral(
        "curl -sSL https://raw.githubusercontent.com/GoogleCloudPlatform/kubectl-ai/main/install.sh | bash");
}

QString installKagent(Platform platform)
{
    if (platform == Platform::MacOS)
        return QStringLiteral("brew install kagent");
    if (platform == Platform::Windows)
        return QStringLiteral("Download kagent for Windows from https://github.com/kagent-dev/kagent/releases");
    return QStringLiteral(
        "curl -fsSL https://raw.githubusercontent.com/kagent-dev/kagent/refs/heads/main/scripts/get-kagent | bash");
}

QString installGordon(Platform platform)
{
    if (platform == Platform::Linux)
        return QStringLiteral(
            "Gordon (docker ai) ships with Docker Desktop 4.37+: install Docker Desktop for Linux and "
            "enable \"Docker AI\" in Settings > Beta features");
    return QStringLiteral("Update Docker Desktop to 4.37+ and enable \"Docker AI\" in Settings > Beta features");
}

QString docsUrl(const QString& checkId)
{
    if (checkId.startsWith(QLatin1String("docker")))
        return QStringLiteral("https://docs.docker.com/get-started/get-docker/");
    if (checkId.startsWith(QLatin1String("minikube")))
        return QStringLiteral("https://minikube.sigs.k8s.io/docs/start/");
    if (checkId == QLatin1String("helm"))
        return QStringLiteral("https://helm.sh/docs/intro/install/");
    if (checkId == QLatin1String("kubectl"))
        return QStringLiteral("https://kubernetes.io/docs/tasks/tools/");
    if (checkId == QLatin1String("kubectl-ai"))
        return QStringLiteral("https://github.com/GoogleCloudPlatform/kubectl-ai");
    if (checkId == QLatin1String("kagent"))
        return QStringLiteral("https://kagent.dev/docs/kagent/getting-started/quickstart");
    if (checkId == QLatin1String("gordon"))
        return QStringLiteral("https://docs.docker.com/ai/gordon/");
    if (checkId == QLatin1String("keychain"))
        return QStringLiteral("https://wiki.gnome.org/Projects/GnomeKeyring");
    return {};
}

} // namespace quayside::FixAdvice
