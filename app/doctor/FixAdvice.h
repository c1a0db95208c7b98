#pragma once

#include "doctor/Platform.h"

#include <QString>

namespace quayside {

// The install and repair commands we suggest, per tool and OS. Commands follow each project's own
// install documentation (linked by docsUrl) so a newcomer can paste them as they are.
namespace FixAdvice {

QString installDocker(Platform platform);
QString startDockerDaemon(Platform platform);
QString dockerGroup(Platform platform);
QString installMinikube(Platform platform);
QString startMinikube(const QString& profile, int cpus = 2, int memoryMb = 4096);
QString installHelm(Platform platform);
QString installKubectl(Platform platform);
QString installKubectlAi(Platform platform);
QString installKagent(Platform platform);
QString installGordon(Platform platform);

QString docsUrl(const QString& checkId);

} // namespace FixAdvice

} // namespace quayside
