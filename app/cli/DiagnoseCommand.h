#pragma once

#include "cli/Command.h"
#include "session/KubeSession.h"

namespace quayside::diagnosis {
class SnapshotLoader;
}

namespace quayside::cli {

// `quayside diagnose [deploy/NAME | POD] [-o table|json]`: why the namespace's pods and deployments are
// unhealthy, with the evidence and what to do — the same rules as the window's Problems tab, over one
// snapshot of list requests (and the previous logs of crash-looping containers).
//
// Exit codes (scripts rely on them): 0 healthy (at most informational findings), 1 problems found,
// 2 usage error, 3 the cluster could not be asked (unreachable, forbidden, no such object).
class DiagnoseCommand final : public Command
{
    Q_OBJECT
public:
    static constexpr int ExitProblems = 1;
    static constexpr int ExitCluster = 3;

    DiagnoseCommand();
    ~DiagnoseCommand() override;
    void start(const QStringList& arguments) override;

    static QString usage();

private:
    void onLoaded(bool ok, const QString& error);

    KubeSession m_session;
    diagnosis::SnapshotLoader* m_loader = nullptr;
    QString m_format;
    QString m_kind; // "pod", "deployment" or empty (everything)
    QString m_name;
};

} // namespace quayside::cli
