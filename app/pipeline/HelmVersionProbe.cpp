#include "pipeline/HelmVersionProbe.h"

#include "core/ExecutableFinder.h"
#include "doctor/ToolOutputParser.h"
#include "pipeline/HelmCommands.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolJob.h"
#include "process/ToolResult.h"
#include "process/ToolRunner.h"


namespace quayside {

ToolJob* HelmVersionProbe::start(const PipelineContext& context, QObject* parent, Done done)
{
    ToolJob* job = context.runner->start(HelmCommands::version(context), parent);
    QObject::connect(job, &ToolJob::finished, parent, [done = std::move(done)](const ToolResult& result) {
        QString error;
        const QVersionNumber version = parse(result, &error);
        done(version, error);
    });
    return job;
}

QVersionNumber HelmVersionProbe::parse(const ToolResult& result, QString* error)
{
    const QVersionNumber version = result.ok() ? ToolOutputParser::helmVersion(result.stdoutText()) : QVersionNumber();
    if (error) {
        if (!result.ok())
            *error = QStringLiteral("helm version failed: %1").arg(result.describeFailure());
        else if (version.isNull())
            *error = QStringLiteral("helm version printed no version: %1").arg(result.stdoutText().trimmed());
        else
            error->clear();
    }
    return version;
}

} // namespace quayside
