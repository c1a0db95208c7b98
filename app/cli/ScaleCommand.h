#pragma once

#include "cli/Command.h"
#include "session/KubeSession.h"

namespace quayside::cli {

// `quayside scale deploy/NAME --replicas N`: PATCH the scale subresource, as `kubectl scale` does,
// and print kubectl's "deployment.apps/NAME scaled".
class ScaleCommand final : public Command
{
    Q_OBJECT
public:
    void start(const QStringList& arguments) override;

private:
    KubeSession m_session;
};

} // namespace quayside::cli
