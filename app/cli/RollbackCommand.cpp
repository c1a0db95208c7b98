#include "cli/RollbackCommand.h"

#include "cli/CommonOptions.h"
#include "cli/TextTable.h"
#include "pipeline/HelmOperations.h"
#include "process/ProcessToolRunner.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::cli {

RollbackCommand::RollbackCommand()
    : m_runner(std::make_unique<ProcessToolRunner>())
{ }

RollbackCommand::~RollbackCommand()
{
    delete m_helm;
}

QString RollbackCommand::usage()
{
    return QStringLiteral("Usage: quayside rollback [REVISION] [--profile FILE] [-o text|json] [--kubeconfig FILE] "
                          "[--context NAME]");
}

void RollbackCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show the release's revisions, or roll it back to one of them (helm rollback)."));
    parser.addPositionalArgument(QStringLiteral("revision"), QStringLiteral("The revision to roll back to."),
                                 QStringLiteral("[REVISION]"));
    CommonOptions::addGlobalOptions(parser);
    CommonOptions::addOutputOption(parser, { QStringLiteral("text"), QStringLiteral("json") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    const QString format
        = CommonOptions::outputFormat(parser, { QStringLiteral("text"), QStringLiteral("json") }, &error);
    if (format.isEmpty())
        return usageError(error, usage());
    m_json = format == QLatin1String("json");
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(QStringLiteral("rollback takes at most one revision"), usage());
    if (positional.size() == 1) {
        bool ok = false;
        m_revision = positional.first().toInt(&ok);
        if (!ok || m_revision <= 0)
            return usageError(QStringLiteral("the revision must be a positive number (see `quayside rollback`)"),
                              usage());
    }
    if (!workspace()->hasProfile()) {
        err() << ProfileError::join(workspace()->profileErrors()) << Qt::endl;
        return fail(QStringLiteral("cannot read the profile %1").arg(workspace()->profileFile()));
    }
    PipelineOptions options;
    options.target = workspace()->target();
    m_helm = new HelmOperations(workspace()->profile(), options, m_runner.get());
    if (m_revision == 0)
        return printHistory(true, ExitOk);

    connect(m_helm, &HelmOperations::outputLine, this, [this](const QString& line) {
        if (!m_json)
            writeLine(line);
    });
    connect(m_helm, &HelmOperations::rollbackFinished, this, [this](bool ok, const QString& message) {
        if (!ok)
            return fail(message);
        if (!m_json)
            writeLine(message);
        printHistory(true, ExitOk);
    });
    m_helm->rollback(m_revision);
}

void RollbackCommand::printHistory(bool thenFinish, int exitCode)
{
    connect(m_helm, &HelmOperations::historyReady, this,
            [this, thenFinish, exitCode](const QList<HelmHistory::Revision>& history, const QString& error) {
                if (!error.isEmpty())
                    return fail(error);
                if (m_json) {
                    QJsonArray array;
                    for (const HelmHistory::Revision& r : history)
                        array.append(r.toJson());
                    writeLine(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
                } else if (history.isEmpty()) {
                    writeLine(QStringLiteral("The release has no history yet: deploy it first."));
                } else {
                    TextTable table({ QStringLiteral("REVISION"), QStringLiteral("UPDATED"), QStringLiteral("STATUS"),
                                      QStringLiteral("CHART"), QStringLiteral("DESCRIPTION") });
                    for (const HelmHistory::Revision& r : history) {
                        table.addRow({ QString::number(r.revision),
                                       r.updated.isValid()
                                           ? r.updated.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                           : r.updatedText,
                                       r.status, r.chart, r.description });
                    }
                    writeLine(table.toString());
                }
                if (thenFinish)
                    finish(exitCode);
            });
    m_helm->fetchHistory();
}

} // namespace quayside::cli
