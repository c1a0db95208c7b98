#pragma once

#include "cli/Command.h"

#include <memory>

namespace quayside {
class Keychain;
class SecretStore;
} // namespace quayside

namespace quayside::mcp {
class McpServer;
class McpToolbox;
} // namespace quayside::mcp

namespace quayside::cli {

// `quayside mcp [--allow-changes]`: Quayside as a Model Context Protocol server on stdin/stdout, for
// AI assistants (kubectl-ai --mcp-client, desktop assistants): the tools status, logs, events and
// diagnose on the workspace's cluster target, and with --allow-changes scale and restart.
//
// stdout carries MCP messages only; warnings go to stderr. Before tool calls run, the profile's stored
// secrets are read from the keychain so that the Redactor writes *** for them in every result (a
// keychain that cannot be read is a warning, not a failure). Ends with exit 0 when stdin closes and the
// calls in flight have been answered.
class McpCommand final : public Command
{
    Q_OBJECT
public:
    McpCommand();
    ~McpCommand() override;
    void start(const QStringList& arguments) override;

    static QString usage();

private:
    void primeRedactor();
    QString instructions(bool allowChanges) const;

    std::unique_ptr<mcp::McpToolbox> m_toolbox;
    mcp::McpServer* m_server = nullptr;
    std::unique_ptr<Keychain> m_keychain;
    SecretStore* m_store = nullptr;
};

} // namespace quayside::cli
