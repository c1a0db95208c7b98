#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside {
struct ClusterTarget;
struct Profile;
} // namespace quayside

namespace quayside::diagnosis {
struct Finding;
}

namespace quayside::kube {
struct PodSummary;
}

class QDateTime;

namespace quayside::ai {

struct Prompt;

// The values a prompt's {{variables}} are filled with, gathered in layers (see prompts.yaml): the
// workspace, the prompt's defaults, the object or finding at hand, what the user typed. Every value
// passes through the Redactor when a prompt is filled, so a secret value Quayside has seen (the
// keychain's, a token) comes out as *** — whatever log line or event it arrived in.
class PromptVariables
{
public:
    // namespace, context, minikube_profile from the target; release, deployment (the chart's first),
    // deployments, service, node_port, secret, secret_keys (names), images, dockerfiles from the profile.
    static PromptVariables fromWorkspace(const Profile* profile, const ClusterTarget& target);

    // deployment, pod (a Pod finding), object ("pod backend-7d9c"), status and finding (the summary),
    // explanation, evidence (every line), events and logs (those kinds of evidence).
    void addFinding(const diagnosis::Finding& finding);
    // A pod picked on the dashboard: pod, deployment, object, status (kubectl's STATUS, readiness and
    // restarts), its recent events (newest first) and the last lines of its log that the view holds.
    void addPod(const kube::PodSummary& pod, const QStringList& events, const QStringList& logLines,
                const QDateTime& now);

    void set(const QString& name, const QString& value);
    // NAME=VALUE assignments (`--var`); false with `error` naming the first one without a name.
    bool setAssignments(const QStringList& assignments, QString* error);
    QString value(const QString& name) const { return m_values.value(name); }
    bool contains(const QString& name) const { return m_values.contains(name); }
    const QMap<QString, QString>& values() const { return m_values; }
    // `other`'s values win.
    void merge(const PromptVariables& other);

    struct Filled
    {
        QString text;
        QStringList missing; // variables nothing gave a value; left in the text as <name>
    };
    // The prompt's text with the variables filled: `this` over the prompt's defaults, except the
    // workspace layer (`base`), which the defaults override.
    static Filled fill(const Prompt& prompt, const PromptVariables& base, const PromptVariables& specific);
    // Any template text (the library's intro and safety notes).
    Filled fill(const QString& text) const;

    // A bound for one value in a prompt (a long log): the last lines that fit.
    static constexpr qsizetype kMaxValueChars = 6000;

private:
    QMap<QString, QString> m_values;
};

} // namespace quayside::ai
