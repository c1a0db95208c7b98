#pragma once

#include "cli/Command.h"
#include "session/KubeSession.h"

#include <QByteArray>

namespace quayside::kube {
class LogFollower;
}

namespace quayside::cli {

// `quayside logs (POD | deploy/NAME) [-c NAME] [-f] [--tail N] [--since 5m] [--timestamps] [--previous]`.
// One pod prints its lines as they are; a Deployment prints every container of every pod (and, with
// -f, of pods that appear later), each line prefixed "[pod/container] ". Lines are written as the
// container wrote them (bytes, not re-encoded), in batches, with stdout flushed after each batch.
class LogsCommand final : public Command
{
    Q_OBJECT
public:
    LogsCommand();
    ~LogsCommand() override;
    void start(const QStringList& arguments) override;

private:
    void drain();
    void onFinished();

    KubeSession m_session;
    kube::LogFollower* m_follower = nullptr;
    QByteArray m_buffer;
};

} // namespace quayside::cli
