#include "cli/McpCommand.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpServer.h"
#include "ai/mcp/McpStdioTransport.h"
#include "ai/mcp/McpToolbox.h"
#include "cli/CommonOptions.h"
#include "core/Log.h"
#include "keychain/Keychain.h"
#include "secrets/SecretStore.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>

#include <chrono>

namespace quayside::cli {

namespace {

// A keychain waiting on an unlock prompt nobody answers must not hold the tool calls for long.
constexpr std::chrono::seconds kKeychainTimeout { 5 };

} // namespace

McpCommand::McpCommand() = default;
McpCommand::~McpCommand() = default;

QString McpCommand::usage()
{
    return QStringLiteral("Usage: quayside [global options] mcp [--allow-changes]");
}

void McpCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serve Quayside's status, logs, events and diagnosis to AI assistants: a Model Context Protocol server on\n"
        "stdin/stdout (one JSON-RPC message per line). The tools act on the context and namespace the global\n"
        "options choose. Read-only unless started with --allow-changes."));
    parser.addOption({ QStringLiteral("allow-changes"),
                       QStringLiteral("Also offer the scale and restart tools, which change the cluster.") });
    CommonOptions::addGlobalOptions(parser);
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("mcp takes no arguments"), usage());
    const bool allowChanges = parser.isSet(QStringLiteral("allow-changes"));

    // stdout belongs to the protocol: every log line goes to stderr (warnings and up, everything with -v).
    log::initialize({ .directory = {}, .verbose = verbose(), .toStderr = true, .stderrLevel = spdlog::level::warn });

    const Profile* profile = workspace()->hasProfile() ? &workspace()->profile() : nullptr;
    auto* cluster = new mcp::McpCluster(workspace()->target(), profile, this);
    m_toolbox = mcp::McpToolbox::clusterTools(cluster);
    auto* transport = new mcp::McpStdioTransport(this);
    m_server = new mcp::McpServer(transport, m_toolbox.get(),
                                  { .allowChanges = allowChanges,
                                    .version = QCoreApplication::applicationVersion(),
                                    .instructions = instructions(allowChanges) },
                                  this);
    connect(m_server, &mcp::McpServer::finished, this, [this] { finish(ExitOk); });
    m_server->setToolsReady(false);
    m_server->start();
    primeRedactor();
}

void McpCommand::primeRedactor()
{
    if (!workspace()->hasProfile() || workspace()->profile().secrets.specs.isEmpty())
        return m_server->setToolsReady(true);
    m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside"), kKeychainTimeout);
    m_store = new SecretStore(m_keychain.get(), workspace()->profile().secrets, this);
    connect(m_store, &SecretStore::refreshed, this, [this] {
        const KeychainError keychainError = m_store->keychainError();
        if (!keychainError.ok())
            err() << "warning: the keychain could not be read (" << keychainError.message
                  << "): secret values in logs and events are not hidden from the assistant" << Qt::endl;
        m_server->setToolsReady(true);
    });
    m_store->refresh();
}

QString McpCommand::instructions(bool allowChanges) const
{
    const ClusterTarget& target = workspace()->target();
    QString text
        = QStringLiteral("Quayside deploys a web app to Kubernetes and diagnoses it. The tools act on context %1, "
                         "namespace %2, unless a namespace argument says otherwise. When something is unhealthy, "
                         "call diagnose first: it names each problem with its evidence and the fix. status lists "
                         "the Deployments and Pods; logs reads a pod's or a Deployment's recent lines (previous: "
                         "the crashed run); events lists recent events, newest first.")
              .arg(target.context.isEmpty() ? QStringLiteral("(none yet)") : target.context,
                   target.nameSpace.isEmpty() ? QStringLiteral("default") : target.nameSpace);
    text += allowChanges ? QStringLiteral(" scale and restart change the cluster: ask the user before calling them.")
                         : QStringLiteral(" This server is read-only: it cannot scale or restart anything; suggest the "
                                          "`quayside scale` or `quayside restart` command to the user instead.");
    return text;
}

} // namespace quayside::cli
