#pragma once

#include "doctor/Check.h"

#include <QVersionNumber>

namespace quayside {

// "docker": the CLI and its version; "docker-daemon": whether the engine answers, telling apart a
// stopped daemon from a user who is not allowed to reach it (the docker group on Linux).
class DockerCheck final : public Check
{
    Q_OBJECT
public:
    using Check::Check;
    static inline const QVersionNumber kMinimum { 24, 0 };

    QList<CheckResult> pending() const override;
    void start() override;

private:
    void checkDaemon();
};

} // namespace quayside
