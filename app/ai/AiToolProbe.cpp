#include "ai/AiToolProbe.h"

#include "doctor/ToolOutputParser.h"
#include "process/ToolRunner.h"

namespace quayside::ai {

namespace {

constexpr std::chrono::seconds kProbeTimeout { 15 };

QString outputOf(const ToolResult& result)
{
    return result.stdoutText() + result.stderrText();
}

} // namespace

AiToolProbe::AiToolProbe(ToolRunner* runner, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
{ }

void AiToolProbe::probeAll()
{
    for (const AiTool& tool : AiTool::all())
        probe(tool.kind);
}

void AiToolProbe::run(const QString& program, const QStringList& arguments, std::function<void(const ToolResult&)> done)
{
    ToolCommand command;
    command.program = program;
    command.arguments = arguments;
    command.timeout = kProbeTimeout;
    command.maxCapturedBytes = 256 * 1024; // a help text; a tool printing more is not one we know
    ++m_pending;
    ToolJob* job = m_runner->start(command, this);
    connect(job, &ToolJob::finished, this, [this, done = std::move(done)](const ToolResult& result) {
        --m_pending;
        done(result);
    });
}

void AiToolProbe::probe(AiToolKind kind)
{
    const AiTool& tool = AiTool::get(kind);
    auto common = [](const ToolResult& result, const AiTool& t, Status* status) {
        status->probed = true;
        if (result.outcome == ToolResult::Outcome::NotFound)
            return false;
        status->installed = true;
        if (!result.finished()) {
            status->problem = QStringLiteral("`%1` %2").arg(t.program, result.describeFailure());
            return false;
        }
        return true;
    };
    switch (kind) {
    case AiToolKind::KubectlAi:
        run(tool.program, { QStringLiteral("version") }, [this, kind, common](const ToolResult& result) {
            Status status;
            if (common(result, AiTool::get(kind), &status)) {
                const QVersionNumber version = ToolOutputParser::firstVersion(outputOf(result));
                if (!version.isNull())
                    status.version = version.toString();
                if (result.exitCode != 0)
                    status.problem = QStringLiteral("`kubectl-ai version` failed: ") + result.describeFailure();
            }
            done(kind, status);
        });
        break;
    case AiToolKind::Gordon:
        // The doctor's test: `docker ai --help` exits 0 even without the plugin.
        run(tool.program, { QStringLiteral("ai"), QStringLiteral("version") },
            [this, kind, common](const ToolResult& result) {
                Status status;
                if (common(result, AiTool::get(kind), &status)) {
                    if (result.exitCode != 0 || result.stderrText().contains(QLatin1String("unknown command"))) {
                        status.installed = false; // docker is there, Gordon is not
                    } else {
                        const QVersionNumber version = ToolOutputParser::firstVersion(outputOf(result));
                        if (!version.isNull())
                            status.version = version.toString();
                    }
                }
                done(kind, status);
            });
        break;
    case AiToolKind::Kagent:
        // `kagent version` talks to the kagent server (and may port-forward to it), so only the help
        // texts are read here: they also say which of kagent's command-line shapes is installed.
        run(tool.program, { QStringLiteral("--help") }, [this, kind, common](const ToolResult& result) {
            Status status;
            if (!common(result, AiTool::get(kind), &status)) {
                done(kind, status);
                return;
            }
            status.kagent.shape = KagentCli::shapeFromRootHelp(outputOf(result));
            if (status.kagent.shape == KagentCli::Shape::Unknown) {
                status.problem
                    = QStringLiteral("`kagent --help` lists neither `invoke` nor `agent invoke`; this kagent "
                                     "is not one Quayside knows how to ask.");
                done(kind, status);
                return;
            }
            const QStringList invokeHelp = status.kagent.shape == KagentCli::Shape::AgentInvoke
                ? QStringList { QStringLiteral("agent"), QStringLiteral("invoke"), QStringLiteral("--help") }
                : QStringList { QStringLiteral("invoke"), QStringLiteral("--help") };
            run(AiTool::get(kind).program, invokeHelp, [this, kind, status](const ToolResult& help) mutable {
                if (!help.finished() || help.exitCode != 0)
                    status.problem
                        = QStringLiteral("`kagent %1 --help` failed: %2")
                              .arg(status.kagent.shape == KagentCli::Shape::AgentInvoke ? QStringLiteral("agent invoke")
                                                                                        : QStringLiteral("invoke"),
                                   help.describeFailure());
                else
                    status.kagent.readInvokeHelp(outputOf(help));
                done(kind, status);
            });
        });
        break;
    }
}

void AiToolProbe::done(AiToolKind kind, const Status& status)
{
    m_status.insert(kind, status);
    Q_EMIT statusChanged(kind);
    if (m_pending == 0)
        Q_EMIT finished();
}

} // namespace quayside::ai
