#pragma once

#include "ai/mcp/McpToolResult.h"

#include <QObject>

namespace quayside::mcp {

// One running tools/call. The server starts it, connects finished() and deletes it afterwards, or
// deletes it to cancel (notifications/cancelled, the client gone): a call's destructor aborts whatever
// it still has in flight, so nothing more reaches the cluster.
class McpToolCall : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~McpToolCall() override = default;

    virtual void start() = 0;

Q_SIGNALS:
    // Exactly once, unless deleted first.
    void finished(const McpToolResult& result);

protected:
    // Emits finished() once; later calls are ignored.
    void complete(const McpToolResult& result);

private:
    bool m_completed = false;
};

} // namespace quayside::mcp
