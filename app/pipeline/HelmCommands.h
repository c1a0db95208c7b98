#pragma once

#include "process/ToolCommand.h"

#include <QString>
#include <QStringList>
#include <QVersionNumber>

#include <chrono>

namespace quayside {

struct PipelineContext;

// The helm invocations Quayside makes, built in one place so the steps, `quayside rollback`, the page
// and "show commands" all run and show the same argv.
//
// Helm 3 and Helm 4 take different flags for the same thing (context.helmVersion says which runs; not
// known: Helm 3's). Helm 4 deprecated --atomic for --rollback-on-failure and prints a warning for it,
// and its --wait takes a strategy: `watcher` (kstatus, what a bare --wait means there) or `legacy`
// (Helm 3's checks). https://helm.sh/docs/overview/#whats-new and `helm upgrade --help` of each.
class HelmCommands
{
public:
    static constexpr std::chrono::seconds kQueryTimeout { 60 };

    // Helm 4 and anything newer take Helm 4's flags.
    static bool takesHelm4Flags(const QVersionNumber& helm) { return helm.majorVersion() >= 4; }
    // What makes helm wait for the release to be ready and roll it back when it is not:
    // Helm 3 `--atomic --wait`, Helm 4 `--rollback-on-failure --wait=watcher`.
    static QStringList waitAndRollBackArguments(const QVersionNumber& helm);
    // What makes `helm rollback` wait: Helm 3 `--wait`, Helm 4 `--wait=watcher`.
    static QStringList waitArguments(const QVersionNumber& helm);

    // helm version --short: which Helm runs, and so which flags it takes.
    static ToolCommand version(const PipelineContext& context);
    // helm upgrade --install REL CHART -n NS --create-namespace -f V... -f OVERRIDE
    //      [--atomic --wait | --rollback-on-failure --wait=watcher] --timeout T --kube-context C
    static ToolCommand upgrade(const PipelineContext& context, const QString& overrideFile);
    static ToolCommand history(const PipelineContext& context);
    // helm rollback REL N -n NS [--wait | --wait=watcher] --timeout T --kube-context C
    static ToolCommand rollback(const PipelineContext& context, int revision);
    // `helm upgrade REL CHART --reuse-values --set KEY=VALUE` with the deploy's wait flags: one value
    // changed (the diagnosis's "raise the memory limit"), a new revision that can be rolled back.
    static ToolCommand setValue(const PipelineContext& context, const QString& key, const QString& value);
    // Helm's --timeout value for a duration: "5m", "90s", "1h2m3s".
    static QString duration(std::chrono::seconds seconds);
};

} // namespace quayside
