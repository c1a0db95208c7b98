#include "process/ToolJob.h"

namespace quayside {

void ToolJob::finish(const ToolResult& result)
{
    Q_EMIT finished(result);
    if (m_autoDelete)
        deleteLater();
}

} // namespace quayside
