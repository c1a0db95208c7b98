#include "pipeline/HelmCommands.h"

#include "pipeline/PipelineContext.h"

namespace quayside {

QString HelmCommands::duration(std::chrono::seconds seconds)
{
    qint64 s = seconds.count();
    QString out;
    if (s >= 3600) {
        out += QString::number(s / 3600) + QLatin1Char('h');
        s %= 3600;
    }
    if (s >= 60) {
        out += QString::number(s / 60) + QLatin1Char('m');
        s %= 60;
    }
    if (s > 0 || out.isEmpty())
        out += QString::number(s) + QLatin1Char('s');
    return out;
}

QStringList HelmCommands::waitAndRollBackArguments(const QVersionNumber& helm)
{
    // `--wait=watcher` in one argument: Helm 4's --wait has an optional value, so `--wait watcher`
    // would leave "watcher" as a positional argument.
    if (takesHelm4Flags(helm))
        return { QStringLiteral("--rollback-on-failure"), QStringLiteral("--wait=watcher") };
    return { QStringLiteral("--atomic"), QStringLiteral("--wait") };
}

QStringList HelmCommands::waitArguments(const QVersionNumber& helm)
{
    return { takesHelm4Flags(helm) ? QStringLiteral("--wait=watcher") : QStringLiteral("--wait") };
}

ToolCommand HelmCommands::version(const PipelineContext& context)
{
    ToolCommand command;
    command.program = QStringLiteral("helm");
    // helm ignores the cluster flags here; they are passed anyway so that every helm invocation names
    // the cluster it is for, as tests/ui/AppControllerTest checks.
    command.arguments << QStringLiteral("version") << QStringLiteral("--short") << context.helmClusterArguments();
    command.environment.insert(context.clusterEnvironment());
    command.timeout = kQueryTimeout;
    return command;
}

ToolCommand HelmCommands::upgrade(const PipelineContext& context, const QString& overrideFile)
{
    const Profile& p = context.profile;
    ToolCommand command;
    command.program = QStringLiteral("helm");
    command.arguments << QStringLiteral("upgrade") << QStringLiteral("--install") << p.chart.release << p.chartPath()
                      << QStringLiteral("-n") << p.nameSpace << QStringLiteral("--create-namespace");
    for (const QString& file : p.valuesFilePaths())
        command.arguments << QStringLiteral("-f") << file;
    command.arguments << QStringLiteral("-f") << overrideFile;
    if (!context.options.noWait)
        command.arguments << waitAndRollBackArguments(context.helmVersion);
    command.arguments << QStringLiteral("--timeout") << duration(p.chart.timeout);
    command.arguments << context.helmClusterArguments();
    command.environment.insert(context.clusterEnvironment());
    // helm enforces --timeout itself; this guard is for a helm that hangs anyway (an unreachable API
    // server during discovery, a stuck plugin).
    command.timeout
        = std::chrono::duration_cast<std::chrono::milliseconds>(p.chart.timeout) + context.options.helmGuardExtra;
    return command;
}

ToolCommand HelmCommands::history(const PipelineContext& context)
{
    ToolCommand command;
    command.program = QStringLiteral("helm");
    command.arguments << QStringLiteral("history") << context.profile.chart.release << QStringLiteral("-n")
                      << context.profile.nameSpace << QStringLiteral("-o") << QStringLiteral("json")
                      << QStringLiteral("--max") << QStringLiteral("20") << context.helmClusterArguments();
    command.environment.insert(context.clusterEnvironment());
    command.timeout = kQueryTimeout;
    return command;
}

ToolCommand HelmCommands::setValue(const PipelineContext& context, const QString& key, const QString& value)
{
    const Profile& p = context.profile;
    ToolCommand command;
    command.program = QStringLiteral("helm");
    // --set parses commas and dots in the value; a quantity like 768Mi has neither, and the key is the
    // chart's dotted path on purpose. --reuse-values keeps Quayside's image tags and Secret checksum.
    command.arguments << QStringLiteral("upgrade") << p.chart.release << p.chartPath() << QStringLiteral("-n")
                      << p.nameSpace << QStringLiteral("--reuse-values") << QStringLiteral("--set")
                      << key + QLatin1Char('=') + value << waitArguments(context.helmVersion) << QStringLiteral("--timeout")
                      << duration(p.chart.timeout) << context.helmClusterArguments();
    command.environment.insert(context.clusterEnvironment());
    command.timeout
        = std::chrono::duration_cast<std::chrono::milliseconds>(p.chart.timeout) + context.options.helmGuardExtra;
    return command;
}

ToolCommand HelmCommands::rollback(const PipelineContext& context, int revision)
{
    const Profile& p = context.profile;
    ToolCommand command;
    command.program = QStringLiteral("helm");
    command.arguments << QStringLiteral("rollback") << p.chart.release << QString::number(revision)
                      << QStringLiteral("-n") << p.nameSpace << waitArguments(context.helmVersion)
                      << QStringLiteral("--timeout") << duration(p.chart.timeout) << context.helmClusterArguments();
    command.environment.insert(context.clusterEnvironment());
    command.timeout
        = std::chrono::duration_cast<std::chrono::milliseconds>(p.chart.timeout) + context.options.helmGuardExtra;
    return command;
}

} // namespace quayside
