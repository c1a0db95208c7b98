#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>

namespace quayside {

// One invocation of an external tool. Always an argv, never a shell string: nothing is ever
// interpreted by a shell, so no quoting bugs and no injection through paths or names.
struct ToolCommand
{
    QString program; // a name looked up with ExecutableFinder, or a path
    QStringList arguments;
    QMap<QString, QString> environment; // set on top of the inherited environment
    QStringList unsetEnvironment; // removed from the inherited environment
    QString workingDirectory;
    std::chrono::milliseconds timeout { 0 }; // 0: no timeout
    // Written to the child's stdin, which is then closed. The only way a secret may reach a tool.
    QByteArray standardInput;
    // Keep stdout/stderr in the result (bounded by maxCapturedBytes) in addition to line signals.
    bool captureOutput = true;
    qsizetype maxCapturedBytes = 8 * 1024 * 1024;

    QString displayString() const; // for logs and "show commands": program and quoted arguments
};

} // namespace quayside
