#include "pipeline/HelmFailure.h"

#include <QRegularExpression>
#include <QStringList>

namespace quayside {

namespace {

// Helm's error across its lines, as one line. A line ending in ':' introduces what follows (Helm 3's
// "2 errors occurred:", a schema error's "todo-chatbot:"), so it is joined with a space; list bullets
// ("* " from Helm 3's multierror, "- " from the schema check) go.
QString oneLine(const QStringList& lines)
{
    QString out;
    for (QString line : lines) {
        line = line.trimmed();
        if (line.startsWith(QLatin1String("* ")) || line.startsWith(QLatin1String("- ")))
            line = line.mid(2).trimmed();
        if (line.isEmpty())
            continue;
        if (!out.isEmpty())
            out += out.endsWith(QLatin1Char(':')) ? QStringLiteral(" ") : QStringLiteral("; ");
        out += line;
    }
    return out;
}

// The "Error: ..." Helm printed (cobra prints it once, last), to the end of stderr.
QString errorText(const QString& standardError)
{
    const QStringList lines = standardError.split(QLatin1Char('\n'));
    qsizetype start = -1;
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (lines.at(i).startsWith(QLatin1String("Error: "))) {
            start = i;
            break;
        }
    }
    if (start < 0)
        return {};
    QStringList rest = lines.mid(start);
    rest[0] = rest[0].mid(7);
    // helm template's hint after a template error, not part of the error.
    rest.removeAll(QStringLiteral("Use --debug flag to render out invalid YAML"));
    QString text = oneLine(rest);
    for (const char* prefix : { "UPGRADE FAILED: ", "INSTALLATION FAILED: " }) {
        if (text.startsWith(QLatin1String(prefix)))
            text = text.mid(qstrlen(prefix));
    }
    return text;
}

} // namespace

HelmFailure HelmFailure::parse(const QString& standardError)
{
    HelmFailure f;
    f.error = errorText(standardError);
    if (f.error.isEmpty())
        return f;

    // Helm 3: "release %s failed, and has been rolled back due to atomic being set: %s"
    // Helm 4: "... due to rollback-on-failure being set: %w" (pkg/action/upgrade.go, install.go).
    static const QRegularExpression recovered(QStringLiteral(
        "^release \\S+ failed, and has been (rolled back|uninstalled) due to (atomic|rollback-on-failure) being set: "
        "(.*)$"));
    // Both: "an error occurred while rolling back the release. original upgrade error: %s: <rollback error>"
    // and "an error occurred while uninstalling the release. original install error: ...".
    static const QRegularExpression recoveryFailed(
        QStringLiteral("^an error occurred while (rolling back|uninstalling) the release\\. original "
                       "(?:upgrade|install) error: (.*)$"));
    static const QRegularExpression noRevision(QStringLiteral("release has no \\d+ version"));
    static const QRegularExpression templateError(
        QStringLiteral("execution error at \\(|parse error at \\(|YAML parse error on |^template: "));

    if (const auto done = recovered.match(f.error); done.hasMatch()) {
        f.kind = done.captured(1) == QLatin1String("rolled back") ? Kind::RolledBack : Kind::Uninstalled;
        f.rollbackFlag = QStringLiteral("--") + done.captured(2);
        f.cause = done.captured(3);
    } else if (const auto failed = recoveryFailed.match(f.error); failed.hasMatch()) {
        f.kind = failed.captured(1) == QLatin1String("rolling back") ? Kind::RollbackFailed : Kind::UninstallFailed;
        f.cause = failed.captured(2);
    } else if (f.error.contains(QLatin1String("cluster unreachable"), Qt::CaseInsensitive)) {
        // Helm 3 says "Kubernetes cluster unreachable", Helm 4 "kubernetes cluster unreachable".
        f.kind = Kind::ClusterUnreachable;
    } else if (f.error.contains(QLatin1String("release: not found"))) {
        f.kind = Kind::ReleaseNotFound;
    } else if (noRevision.match(f.error).hasMatch()) {
        f.kind = Kind::RevisionNotFound;
    } else if (f.error.contains(QLatin1String("values don't meet the specifications of the schema"))) {
        f.kind = Kind::InvalidValues;
    } else if (templateError.match(f.error).hasMatch()) {
        f.kind = Kind::TemplateError;
    }
    return f;
}

QString HelmFailure::recovery() const
{
    switch (kind) {
    case Kind::RolledBack:
        return QStringLiteral("Helm rolled the release back to the previous revision (%1)").arg(rollbackFlag);
    case Kind::Uninstalled:
        return QStringLiteral("Helm uninstalled the failed first release (%1)").arg(rollbackFlag);
    case Kind::RollbackFailed:
        return QStringLiteral("Helm's automatic rollback failed too");
    case Kind::UninstallFailed:
        return QStringLiteral("Helm's automatic uninstall of the failed first release failed too");
    default:
        return {};
    }
}

QString HelmFailure::summary() const
{
    return cause.isEmpty() ? error : cause;
}

} // namespace quayside
