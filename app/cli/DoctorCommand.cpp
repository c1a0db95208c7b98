#include "cli/DoctorCommand.h"

#include "cli/CommonOptions.h"
#include "cli/TextTable.h"
#include "doctor/Doctor.h"
#include "keychain/Keychain.h"
#include "process/ProcessToolRunner.h"

#include <QJsonDocument>

namespace quayside::cli {

DoctorCommand::DoctorCommand()
    : m_runner(std::make_unique<ProcessToolRunner>())
{ }

DoctorCommand::~DoctorCommand() = default;

QString DoctorCommand::formatTable(const DoctorReport& report)
{
    TextTable table(
        { QStringLiteral("  CHECK"), QStringLiteral("STATUS"), QStringLiteral("VERSION"), QStringLiteral("DETAILS") });
    for (const CheckResult& check : report.checks) {
        QString mark;
        if (check.status == CheckStatus::Ok && !check.warning)
            mark = QStringLiteral("✔");
        else if (check.status == CheckStatus::Skipped)
            mark = QStringLiteral("-");
        else if (!check.required || check.warning)
            mark = QStringLiteral("!");
        else
            mark = QStringLiteral("✘");
        table.addRow({ mark + QLatin1Char(' ') + check.id, toString(check.status),
                       check.version.isEmpty() ? QStringLiteral("-") : check.version, check.message });
        if (!check.fix.isEmpty() && (check.status != CheckStatus::Ok || check.warning))
            table.addNote(QStringLiteral("    fix: ") + check.fix);
    }
    QString text = table.toString();
    text += report.ok() ? QStringLiteral("\n\nReady: every required prerequisite is in place.")
                        : QStringLiteral("\n\nNot ready: fix the lines marked ✘ and run `quayside doctor` again.");
    return text;
}

void DoctorCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check the prerequisites Quayside needs and say how to fix what is missing."));
    CommonOptions::addOutputOption(parser, { QStringLiteral("table"), QStringLiteral("json") });
    CommonOptions::addGlobalOptions(parser);
    parser.addOption({ QStringLiteral("timeout"), QStringLiteral("Seconds each tool may take before it is stopped."),
                       QStringLiteral("seconds"), QStringLiteral("15") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error,
                          QStringLiteral("Usage: quayside doctor [-o table|json] [--timeout SECONDS]"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("doctor takes no arguments"),
                          QStringLiteral("Usage: quayside doctor [-o table|json]"));
    const QString format
        = CommonOptions::outputFormat(parser, { QStringLiteral("table"), QStringLiteral("json") }, &error);
    if (format.isEmpty())
        return usageError(error, {});
    bool ok = false;
    const int timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeoutSeconds <= 0)
        return usageError(QStringLiteral("--timeout needs a positive number of seconds"), {});

    CheckContext context;
    context.runner = m_runner.get();
    context.target = Doctor::targetFor(*workspace());
    context.toolTimeout = std::chrono::seconds(timeoutSeconds);
    m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside"), std::chrono::seconds(timeoutSeconds));
    m_doctor = new Doctor(this);
    m_doctor->addStandardChecks(context, m_keychain.get());
    connect(m_doctor, &Doctor::finished, this, [this, format](const DoctorReport& report) {
        if (format == QLatin1String("json"))
            out() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        else
            out() << formatTable(report) << '\n';
        finish(report.ok() ? ExitOk : ExitError);
    });
    m_doctor->run();
}

} // namespace quayside::cli
