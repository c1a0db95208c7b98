#pragma once

#include "profile/Profile.h"
#include "profile/ProfileError.h"
#include "workspace/ClusterTarget.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace quayside {

class Preferences;

// What the command line asked for; an empty field was not given.
struct WorkspaceOverrides
{
    QStringList kubeconfigFiles; // --kubeconfig (a list separated like $KUBECONFIG is accepted)
    QString context; // --context
    QString nameSpace; // -n/--namespace
    QString profileFile; // -p/--profile
    QString sourceDirectory; // --source
};

// One object says what Quayside acts on (Qt Creator's Kit; see ../shared/STYLE.md §15): the deployment
// profile in use, the cluster target and the user's preferences. Built once from the command line,
// the saved settings and the profile, in that order of precedence:
//
//   kubeconfig files  --kubeconfig > Settings' kubeconfig paths > $KUBECONFIG > ~/.kube/config
//   context           --context > the one last chosen for these files > Settings' default context
//                     > the profile's minikube profile (these three when the files have that context)
//                     > the files' current-context > the minikube profile (no kubeconfig yet)
//   namespace         -n > the one last chosen for that context > Settings' default namespace
//                     > the profile's namespace > the context's namespace > "default"
//   profile           -p > Settings' profile file > ./quayside.yaml > the shipped todo-chatbot
//
// The dashboard, the Build & Deploy page, the Secrets page, the doctor and every CLI command read
// target() and profile() from here; switching context or namespace in the window changes them all
// (targetChanged()). The context and namespace are always resolved to concrete names, so a
// `kubectl config use-context` elsewhere cannot move what Quayside acts on.
class Workspace : public QObject
{
    Q_OBJECT
public:
    Workspace(Preferences* preferences, WorkspaceOverrides overrides, QObject* parent = nullptr);
    ~Workspace() override;

    // Reads the profile and the kubeconfig files and resolves the target. Problems are kept
    // (profileProblem(), kubeconfigProblem()), never fatal: a window still opens and says what is wrong.
    void load();

    Preferences* preferences() const { return m_preferences; }
    const WorkspaceOverrides& overrides() const { return m_overrides; }

    // The profile, with the target's namespace (and the Secret's) applied.
    bool hasProfile() const { return m_profile.has_value(); }
    const Profile& profile() const;
    QString profileFile() const { return m_profileFile; }
    QList<ProfileError> profileErrors() const { return m_profileErrors; }
    // One readable paragraph: the file and its problems, or that no profile exists.
    QString profileProblem() const;
    // A new source directory for the profile's ${source} (remembered for this profile file).
    bool setSourceDirectory(const QString& directory, QString* error);
    // The profile file read again, as the workspace would use it (the target's namespace applied), with
    // another source directory and, for a real deploy, its paths checked.
    std::optional<Profile> loadProfile(const QString& sourceDirectory, bool checkPaths,
                                       QList<ProfileError>* errors) const;
    QString sourceDirectory() const;

    const ClusterTarget& target() const { return m_target; }
    // The merged kubeconfig's contexts (sorted) and its current-context.
    QStringList contexts() const { return m_contexts; }
    QString currentContext() const { return m_currentContext; }
    // The files that were (or would be) read, in order.
    QStringList kubeconfigFiles() const;
    // Why the kubeconfig files cannot be used (a YAML error, an unreadable file); empty when they can,
    // or when none exists yet (then hasKubeconfig() is false).
    QString kubeconfigProblem() const { return m_kubeconfigProblem; }
    bool hasKubeconfig() const { return m_hasKubeconfig; }

    // Switching in the window: remembered for these kubeconfig files, and everything follows.
    void setContext(const QString& context);
    void setNamespace(const QString& nameSpace);
    // Reads the kubeconfig files again (a deploy that started minikube wrote them) and re-resolves.
    void reloadKubeconfig();

    // ExecutableFinder's per-tool overrides from the preferences (also applied on every change).
    void applyToolOverrides() const;

Q_SIGNALS:
    // The context, namespace or kubeconfig files changed.
    void targetChanged();
    void profileChanged();

private:
    void loadProfile();
    void readKubeconfig();
    void resolveTarget(bool keepChoice);
    void applyTarget(Profile& profile) const;
    QString resolveNamespace(const QString& context) const;
    void onPreferencesChanged();
    void emitIfChanged(const ClusterTarget& before);

    Preferences* m_preferences;
    WorkspaceOverrides m_overrides;
    std::optional<Profile> m_profile;
    Profile m_effective;
    QString m_profileFile;
    QList<ProfileError> m_profileErrors;
    ClusterTarget m_target;
    QStringList m_contexts;
    QString m_currentContext;
    QMap<QString, QString> m_contextNamespaces;
    QString m_kubeconfigProblem;
    bool m_hasKubeconfig = false;
    // Switcher choices made in this run (win over the defaults even when not remembered).
    QString m_chosenContext;
    QString m_chosenNamespace;
    // The Settings defaults as last seen, to tell a new default from an unrelated preference change.
    QString m_lastDefaultContext;
    QString m_lastDefaultNamespace;
};

} // namespace quayside
