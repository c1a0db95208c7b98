#include "process/ProcessToolRunner.h"

#include "process/ProcessToolJob.h"

#include <QTimer>

namespace quayside {

ToolJob* ProcessToolRunner::start(const ToolCommand& command, QObject* parent)
{
    auto* job = new ProcessToolJob(command, parent);
    // Deferred so the caller can connect before anything (even "not found") is reported.
    QTimer::singleShot(0, job, &ProcessToolJob::begin);
    return job;
}

} // namespace quayside
