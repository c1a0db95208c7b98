#include "MachineScenario.h"

namespace quayside::test {

namespace {
QString fx(const char* name)
{
    return QStringLiteral("'" QUAYSIDE_TESTS_DIR "/doctor/fixtures/") + QString::fromLatin1(name) + QLatin1Char('\'');
}
QString catOut(const char* name)
{
    return QStringLiteral("cat ") + fx(name);
}
QString catErr(const char* name)
{
    return QStringLiteral("cat ") + fx(name) + QStringLiteral(" >&2");
}
} // namespace

void MachineScenario::install(StandInTools& tools) const
{
    // docker: `--version` (client) and `version --format json` (engine).
    QString dockerVersion = catOut("docker-version.txt");
    QString dockerEngine;
    switch (docker) {
    case Docker::Missing:
        break;
    case Docker::DaemonDown:
        dockerEngine = catOut("docker-version-daemon-down.json") + QLatin1Char('\n') + catErr("docker-daemon-down.stderr")
            + QStringLiteral("\nexit 1");
        break;
    case Docker::PermissionDenied:
        dockerEngine = catOut("docker-version-daemon-down.json") + QLatin1Char('\n')
            + catErr("docker-permission-denied.stderr") + QStringLiteral("\nexit 1");
        break;
    case Docker::Running:
        dockerEngine = catOut("docker-version-running.json");
        break;
    case Docker::Old:
        dockerVersion = catOut("docker-version-old.txt");
        dockerEngine = catOut("docker-version-running.json");
        break;
    case Docker::Hangs:
        dockerVersion = QStringLiteral("echo $$ > \"$records/docker.pid\"; sleep 1000 & echo $! > \"$records/docker.child.pid\"; wait");
        break;
    case Docker::Garbage:
        dockerVersion = QStringLiteral("printf '\\x01\\x02 segmentation fault?\\n'");
        dockerEngine = QStringLiteral("printf '{not json'");
        break;
    }
    if (docker != Docker::Missing) {
        tools.add(QStringLiteral("docker"),
            QStringLiteral("case \"$1\" in\n"
                           "  --version) %1 ;;\n"
                           "  version) %2 ;;\n"
                           "  ai) echo 'docker: unknown command: docker ai' >&2; echo >&2; "
                           "echo \"Run 'docker --help' for more information\" >&2; exit 1 ;;\n"
                           "  *) echo \"unexpected: $*\" >&2; exit 64 ;;\n"
                           "esac")
                .arg(dockerVersion, dockerEngine.isEmpty() ? QStringLiteral("exit 1") : dockerEngine));
    }

    if (minikube != Minikube::Missing) {
        QString version = catOut(minikube == Minikube::Old ? "minikube-version-old.txt" : "minikube-version-short.txt");
        QString status;
        switch (minikube) {
        case Minikube::Running:
        case Minikube::Old:
            status = catOut("minikube-status-running.json");
            break;
        case Minikube::Stopped:
            status = catOut("minikube-status-stopped.json") + QStringLiteral("; exit 7");
            break;
        case Minikube::NoProfile:
            status = catOut("minikube-status-no-profile.txt") + QStringLiteral("; exit 85");
            break;
        case Minikube::MultiNode:
            status = catOut("minikube-status-multinode.json");
            break;
        case Minikube::MultiNodeDegraded:
            status = catOut("minikube-status-multinode-degraded.json") + QStringLiteral("; exit 7");
            break;
        case Minikube::Missing:
            break;
        }
        tools.add(QStringLiteral("minikube"),
            QStringLiteral("case \"$1\" in\n"
                           "  version) %1 ;;\n"
                           "  status) %2 ;;\n"
                           "  profile) %3 ;;\n"
                           "  *) echo \"unexpected: $*\" >&2; exit 64 ;;\n"
                           "esac")
                .arg(version, status, catOut("minikube-profile-list.json")));
    }

    switch (helm) {
    case Helm::Missing:
        break;
    case Helm::Ok:
        tools.add(QStringLiteral("helm"), catOut("helm-version-short.txt"));
        break;
    case Helm::Old:
        tools.add(QStringLiteral("helm"), catOut("helm-version-old.txt"));
        break;
    case Helm::Helm2:
        tools.add(QStringLiteral("helm"), catOut("helm2-version-short.txt") + QLatin1Char('\n') + catErr("helm2-version.stderr")
                + QStringLiteral("\nexit 1"));
        break;
    case Helm::Helm3:
        tools.add(QStringLiteral("helm"), catOut("helm3-version-short.txt"));
        break;
    case Helm::Helm4:
        tools.add(QStringLiteral("helm"), catOut("helm4-version-short.txt"));
        break;
    case Helm::NewerMajor:
        tools.add(QStringLiteral("helm"), QStringLiteral("echo v5.0.0+g0123456"));
        break;
    }

    switch (kubectl) {
    case Kubectl::Missing:
        break;
    case Kubectl::ClientOnly:
        tools.add(QStringLiteral("kubectl"), catOut("kubectl-version-client-only.json") + QLatin1Char('\n')
                + catErr("kubectl-no-server.stderr") + QStringLiteral("\nexit 1"));
        break;
    case Kubectl::Matching:
        tools.add(QStringLiteral("kubectl"), catOut("kubectl-version-with-server.json"));
        break;
    case Kubectl::Skewed:
        tools.add(QStringLiteral("kubectl"), catOut("kubectl-version-skewed.json"));
        break;
    }
}

} // namespace quayside::test
