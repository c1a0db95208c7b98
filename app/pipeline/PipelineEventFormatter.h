#pragma once

#include "pipeline/StepState.h"

#include <QJsonObject>
#include <QString>

namespace quayside {

class Pipeline;

// The line `quayside deploy` prints for each step change:
//   text  "[  12.4s] images     running    backend: building todo-backend:3f2a9c1d0b7e"
//   json  {"step":"images","title":"Images","state":"running","elapsedMs":12400,"stepElapsedMs":3100,
//          "message":"..."} (one object per line, for scripts)
class PipelineEventFormatter
{
public:
    static QString text(const Pipeline& pipeline, int index);
    static QJsonObject json(const Pipeline& pipeline, int index);
    // The final summary object of `-o json` (ok, elapsed, images, url, failure, rollout diagnosis).
    static QJsonObject summary(const Pipeline& pipeline, bool ok);
};

} // namespace quayside
