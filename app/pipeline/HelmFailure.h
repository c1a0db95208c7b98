#pragma once

#include <QString>

namespace quayside {

// What a failed helm command said on stderr, for Helm 3 and Helm 4 alike (the real messages of both are
// in tests/pipeline/fixtures/helm{3,4}-*.stderr). Helm prints one "Error: ..." that may run over several
// lines (Helm 4 lists every resource that was not ready, a schema error lists each value), after
// warnings and, on Helm 4, `level=WARN msg=...` log lines; the last line alone is often just "context
// deadline exceeded".
struct HelmFailure
{
    enum class Kind {
        Other,
        // The upgrade failed and --atomic / --rollback-on-failure rolled the release back.
        RolledBack,
        // The first install failed and --atomic / --rollback-on-failure uninstalled it.
        Uninstalled,
        // ...and that rollback or uninstall failed too.
        RollbackFailed,
        UninstallFailed,
        ClusterUnreachable,
        ReleaseNotFound,
        RevisionNotFound,
        // values.schema.json refused the values.
        InvalidValues,
        // A template failed: `required`, `fail`, a parse error, YAML that does not parse.
        TemplateError,
    };

    Kind kind = Kind::Other;
    // Helm's error on one line: without "Error: ", "UPGRADE FAILED: " / "INSTALLATION FAILED: ", its
    // lines joined with "; ". Empty when helm printed no error (it crashed, or was killed).
    QString error;
    // For the rollback kinds: what failed in the first place (Helm's "original ... error").
    QString cause;
    // The flag that made Helm roll back or uninstall, as Helm names it: "--atomic" (Helm 3) or
    // "--rollback-on-failure" (Helm 4).
    QString rollbackFlag;

    static HelmFailure parse(const QString& standardError);

    // What Helm did about the failure, as a sentence ("Helm rolled the release back to the previous
    // revision (--rollback-on-failure)"); empty when it did nothing.
    QString recovery() const;
    // The failure in a few words: the cause when Helm recovered, else the error.
    QString summary() const;
};

} // namespace quayside
