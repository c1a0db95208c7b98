#include "cli/DiagnoseCommand.h"

#include "cli/CommonOptions.h"
#include "core/Clock.h"
#include "diagnosis/DiagnosisReport.h"
#include "diagnosis/ProfileContext.h"
#include "diagnosis/SnapshotLoader.h"
#include "workspace/Workspace.h"

#include <QJsonDocument>

namespace quayside::cli {

using diagnosis::Finding;

namespace {

QString mark(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error:
        return QStringLiteral("✘");
    case Finding::Severity::Warning:
        return QStringLiteral("!");
    case Finding::Severity::Info:
        break;
    }
    return QStringLiteral("i");
}

} // namespace

DiagnoseCommand::DiagnoseCommand() = default;
DiagnoseCommand::~DiagnoseCommand() = default;

QString DiagnoseCommand::usage()
{
    return QStringLiteral("Usage: quayside [global options] diagnose [deploy/NAME | POD] [-o table|json]");
}

void DiagnoseCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Say why pods and deployments are unhealthy, with the evidence and what to do.\n"
                       "Exit codes: 0 healthy, 1 problems found, 2 usage error, 3 the cluster could not be asked."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("deploy/NAME or a pod (default: the namespace)"),
                                 QStringLiteral("[deploy/NAME | POD]"));
    CommonOptions::addOutputOption(parser, { QStringLiteral("table"), QStringLiteral("json") });
    CommonOptions::addGlobalOptions(parser);
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    m_format = CommonOptions::outputFormat(parser, { QStringLiteral("table"), QStringLiteral("json") }, &error);
    if (m_format.isEmpty())
        return usageError(error, usage());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(QStringLiteral("diagnose takes at most one deploy/NAME or pod"), usage());
    if (positional.size() == 1 && !KubeSession::parseTarget(positional.first(), &m_kind, &m_name, &error))
        return usageError(error, usage());
    if (!m_session.open(workspace()->target(), this, &error)) {
        err() << "error: " << error << Qt::endl;
        return finish(ExitCluster);
    }
    m_loader = new diagnosis::SnapshotLoader(m_session.client(), this);
    connect(m_loader, &diagnosis::SnapshotLoader::finished, this, &DiagnoseCommand::onLoaded);
    m_loader->load(m_session.nameSpace());
}

void DiagnoseCommand::onLoaded(bool ok, const QString& error)
{
    if (!ok) {
        err() << "error: " << error << Qt::endl;
        return finish(ExitCluster);
    }
    const diagnosis::ObjectCache& cache = m_loader->cache();
    const QString missing = diagnosis::DiagnosisReport::missingTarget(cache, m_kind, m_name);
    if (!missing.isEmpty()) {
        err() << "error: " << missing << Qt::endl;
        return finish(ExitCluster);
    }
    const Profile* profile = workspace()->hasProfile() ? &workspace()->profile() : nullptr;
    const diagnosis::DiagnosisContext context = diagnosis::ProfileContext::build(profile, workspace()->target());
    diagnosis::DiagnosisReport report
        = diagnosis::DiagnosisReport::build(cache, context, Clock::instance().now(), m_kind, m_name);
    report.context = m_session.contextName();
    const QList<Finding>& findings = report.findings;
    const bool problems = !report.healthy();

    if (m_format == QLatin1String("json")) {
        writeLine(QString::fromUtf8(QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented)).trimmed());
        return finish(problems ? ExitProblems : int(ExitOk));
    }
    const QString scope = m_kind.isEmpty() ? QStringLiteral("namespace %1").arg(m_session.nameSpace())
                                           : QStringLiteral("%1/%2").arg(m_kind, m_name);
    if (findings.isEmpty()) {
        writeLine(QStringLiteral("✔ All healthy: nothing in %1 needs attention.").arg(scope));
        return finish(ExitOk);
    }
    QStringList lines;
    for (const Finding& f : std::as_const(findings)) {
        lines << QStringLiteral("%1 %2/%3: %4").arg(mark(f.severity), f.objectKind.toLower(), f.objectName, f.summary);
        if (!f.explanation.isEmpty())
            lines << QStringLiteral("    %1").arg(f.explanation);
        for (const diagnosis::Evidence& e : f.evidence)
            lines << QStringLiteral("    | %1").arg(e.text);
        for (const diagnosis::Action& a : f.actions)
            lines << QStringLiteral("    → %1: %2").arg(a.title, a.command);
        lines << QString();
    }
    const auto count = report.problemCount();
    lines << (problems ? QStringLiteral("%1 problem%2 in %3.").arg(count).arg(count == 1 ? "" : "s").arg(scope)
                       : QStringLiteral("No problems in %1 (informational notes above).").arg(scope));
    writeLine(lines.join(QLatin1Char('\n')));
    finish(problems ? ExitProblems : int(ExitOk));
}

} // namespace quayside::cli
