#pragma once

#include "process/ToolCommand.h"
#include "process/ToolJob.h"

namespace quayside {

// Starts tools. The doctor, the pipeline and the cluster controls only ever see this interface, so
// tests can hand them a runner that records argv and plays back canned output, and the real one can
// later run tools elsewhere (a remote host, a container) without touching callers.
class ToolRunner
{
public:
    virtual ~ToolRunner() = default;
    // The job is started asynchronously; connect to its signals right away (they are emitted from the
    // event loop, never from inside start()). The job is a child of `parent` when one is given.
    virtual ToolJob* start(const ToolCommand& command, QObject* parent = nullptr) = 0;
};

} // namespace quayside
