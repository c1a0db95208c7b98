#include "secrets/SecretImportPlan.h"

#include "secrets/SecretValidator.h"

namespace quayside {

SecretImportPlan SecretImportPlan::fromDotEnv(DotEnvResult& parsed, const SecretSpecs& specs)
{
    SecretImportPlan plan;
    plan.errors = parsed.errors;
    if (!parsed.ok()) {
        parsed.wipe();
        return plan;
    }
    plan.warnings = parsed.warnings;
    for (DotEnvEntry& entry : parsed.entries) {
        const SecretSpec* spec = specs.find(entry.name);
        if (!spec) {
            plan.unknown << entry.name;
            continue;
        }
        const QString where = QStringLiteral("line %1: %2").arg(entry.line).arg(entry.name);
        // A template's "OPENAI_API_KEY=" means "not set", not "set it to nothing".
        if (entry.value.trimmed().isEmpty()) {
            plan.warnings.append({ entry.line, where + QStringLiteral(" is empty; skipped") });
            continue;
        }
        const SecretValidation validation = SecretValidator::validate(*spec, entry.value);
        if (!validation.acceptable()) {
            plan.refused.append({ entry.line, where + QStringLiteral(": ") + validation.message });
            continue;
        }
        if (validation.severity == SecretValidation::Severity::Warning)
            plan.warnings.append({ entry.line, where + QStringLiteral(": ") + validation.message });
        plan.values.insert(entry.name, entry.value.toUtf8());
    }
    parsed.wipe();
    return plan;
}

QStringList SecretImportPlan::describe() const
{
    QStringList lines;
    for (const DotEnvProblem& error : errors)
        lines << QStringLiteral("error: ") + error.message;
    if (!errors.isEmpty()) {
        lines << QStringLiteral("Nothing was imported.");
        return lines;
    }
    for (const DotEnvProblem& problem : refused)
        lines << QStringLiteral("refused: ") + problem.message;
    for (const DotEnvProblem& warning : warnings)
        lines << QStringLiteral("warning: ") + warning.message;
    if (!unknown.isEmpty()) {
        lines << QStringLiteral("not imported (not secrets of this profile): ") + unknown.join(QStringLiteral(", "));
    }
    return lines;
}

} // namespace quayside
