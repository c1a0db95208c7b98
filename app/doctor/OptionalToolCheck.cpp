#include "doctor/OptionalToolCheck.h"

#include "doctor/FixAdvice.h"
#include "doctor/ToolOutputParser.h"

namespace quayside {

OptionalToolCheck::OptionalToolCheck(Tool tool, CheckContext context, QObject* parent)
    : Check(std::move(context), parent)
    , m_tool(tool)
{ }

QList<CheckResult> OptionalToolCheck::pending() const
{
    CheckResult r;
    r.required = false;
    switch (m_tool) {
    case Tool::KubectlAi:
        r.id = QStringLiteral("kubectl-ai");
        r.title = QStringLiteral("kubectl-ai (optional)");
        break;
    case Tool::Kagent:
        r.id = QStringLiteral("kagent");
        r.title = QStringLiteral("kagent (optional)");
        break;
    case Tool::Gordon:
        r.id = QStringLiteral("gordon");
        r.title = QStringLiteral("Docker AI agent Gordon (optional)");
        break;
    }
    return { r };
}

void OptionalToolCheck::start()
{
    QString program;
    QStringList arguments;
    QString fix;
    QString purpose;
    switch (m_tool) {
    case Tool::KubectlAi:
        program = QStringLiteral("kubectl-ai");
        arguments = { QStringLiteral("version") };
        fix = FixAdvice::installKubectlAi(m_context.platform);
        purpose = QStringLiteral("operate the cluster in plain English");
        break;
    case Tool::Kagent:
        program = QStringLiteral("kagent");
        arguments = { QStringLiteral("version") };
        fix = FixAdvice::installKagent(m_context.platform);
        purpose = QStringLiteral("run AI agents that diagnose the cluster");
        break;
    case Tool::Gordon:
        // Gordon is a Docker CLI plugin that only Docker Desktop installs. `docker ai --help` is no test:
        // without the plugin the CLI prints its general help and exits 0. `docker ai version` fails with
        // "unknown command: docker ai" instead.
        program = QStringLiteral("docker");
        arguments = { QStringLiteral("ai"), QStringLiteral("version") };
        fix = FixAdvice::installGordon(m_context.platform);
        purpose = QStringLiteral("ask Docker's AI agent about images and containers");
        break;
    }
    runTool(program, arguments, [this, fix, purpose, program](const ToolResult& result) {
        CheckResult r = pending().constFirst();
        const bool notInstalled = result.outcome == ToolResult::Outcome::NotFound
            || (m_tool == Tool::Gordon && result.finished()
                && (result.exitCode != 0 || result.stderrText().contains(QLatin1String("unknown command"))));
        if (notInstalled) {
            r.status = CheckStatus::Missing;
            r.message = QStringLiteral("Not installed (optional): it lets you %1.").arg(purpose);
            r.fix = fix;
        } else if (!result.finished()) {
            r = toolFailure(r, result, program);
        } else {
            r.status = CheckStatus::Ok;
            const QVersionNumber version = ToolOutputParser::firstVersion(result.stdoutText() + result.stderrText());
            if (m_tool != Tool::Gordon && !version.isNull())
                r.version = version.toString();
            r.message = r.version.isEmpty() ? QStringLiteral("Installed.")
                                            : QStringLiteral("Version %1 installed.").arg(r.version);
        }
        report(r);
        finishWhenIdle();
    });
}

} // namespace quayside
