#pragma once

#include <QString>
#include <QVersionNumber>

#include <functional>

class QObject;

namespace quayside {

struct PipelineContext;
struct ToolResult;
class ToolJob;

// Which Helm runs, so that HelmCommands passes the flags it takes: `helm version --short`
// (HelmCommands::version) read by the doctor's parser (ToolOutputParser::helmVersion), so that
// `quayside doctor` and a deploy never disagree about the version.
class HelmVersionProbe
{
public:
    using Done = std::function<void(const QVersionNumber& version, const QString& error)>;

    // Runs it on context.runner; `done` is called once from the event loop, unless `parent` is gone.
    static ToolJob* start(const PipelineContext& context, QObject* parent, Done done);

    // Null, with `error` saying why, when helm is missing, failed or printed no version.
    static QVersionNumber parse(const ToolResult& result, QString* error = nullptr);
};

} // namespace quayside
