#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside {

// Reads Helm templates (Go text/template) without executing them: enough to check, with no helm
// binary, which values a chart uses and the mistakes that `helm lint` / `helm template` would
// reject or that would render broken YAML.
class HelmTemplateScanner
{
public:
    struct Action
    {
        QString body; // between the delimiters and trim markers, trimmed
        bool trimLeft = false; // {{-
        bool trimRight = false; // -}}
        int line = 0; // 1-based line of "{{"
        int column = 0; // 0-based column of "{{"
        bool isComment() const { return body.startsWith(QStringLiteral("/*")); }
    };

    explicit HelmTemplateScanner(QString text);

    const QList<Action>& actions() const { return m_actions; }
    // Errors in the delimiters themselves: a "{{" never closed.
    const QStringList& syntaxErrors() const { return m_syntaxErrors; }

    // Every `.Values.a.b.c` path (as "a.b.c") that an action mentions, outside comments.
    //
    // An approximation, documented because the tests rely on it: paths are found textually, so they
    // are seen wherever `.Values.x.y` is spelt out, including inside include/with/range arguments and
    // through a dict's context (`.context.Values.x`). Not seen: keys reached after `with`/`range`
    // rebinds the dot (`with .Values.a` … `.b`), through a variable (`$v := .Values.a` … `$v.b`), or
    // with `index`. The chart's templates spell their paths out so that this scan sees them all.
    QStringList valuesPaths() const;

    QStringList definedNames() const; // {{ define "name" }}
    QStringList includedNames() const; // include "name" …
    bool usesTemplateAction() const; // {{ template "name" }} (include is preferred: it can be piped)
    bool usesLookup() const; // cluster lookups make helm template and helm install differ

    // if/with/range/define/block without their end, or an end too many.
    QStringList blockErrors() const;

    // The idiom `{{- … | nindent N }}` alone on its line renders at column N only if the action
    // itself stands at column N; anything else shifts the YAML it emits.
    QStringList nindentErrors() const;

private:
    void parse();

    QString m_text;
    QList<Action> m_actions;
    QStringList m_syntaxErrors;
};

} // namespace quayside
