#pragma once

#include "process/ToolCommand.h"

#include <QString>
#include <QStringList>

#include <chrono>

namespace quayside {

struct PipelineContext;

// The helm invocations Quayside makes, built in one place so the steps, `quayside rollback`, the page
// and "show commands" all run and show the same argv.
class HelmCommands
{
public:
    static constexpr std::chrono::seconds kQueryTimeout { 60 };

    // helm upgrade --install REL CHART -n NS --create-namespace -f V... -f OVERRIDE [--atomic --wait]
    //      --timeout T --kube-context C
    static ToolCommand upgrade(const PipelineContext& context, const QString& overrideFile);
    static ToolCommand history(const PipelineContext& context);
    static ToolCommand rollback(const PipelineContext& context, int revision);
    // Helm's --timeout value for a duration: "5m", "90s", "1h2m3s".
    static QString duration(std::chrono::seconds seconds);
};

} // namespace quayside
