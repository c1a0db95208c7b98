#pragma once

#include "cli/Command.h"
#include "session/KubeSession.h"

namespace quayside::cli {

// `quayside restart deploy/NAME [--wait] [--timeout 5m]`: what `kubectl rollout restart` does (the
// restartedAt annotation; refused for a paused Deployment), and with --wait what `kubectl rollout
// status` does, printing its progress lines until the new pods are available.
class RestartCommand final : public Command
{
    Q_OBJECT
public:
    void start(const QStringList& arguments) override;

private:
    KubeSession m_session;
};

} // namespace quayside::cli
