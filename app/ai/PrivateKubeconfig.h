#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace quayside {
struct ClusterTarget;
}

namespace quayside::ai {

// The kubeconfig an AI tool is given. kubectl-ai and kagent take a kubeconfig but no context, and the
// user's files must never be modified, so when the workspace's context is not the one file's
// current-context (or several files are merged) Quayside writes a minimal kubeconfig holding only that
// context, its cluster and its user — mode 0600, in a private (0700) temporary directory that is
// removed with this object. Otherwise the user's own file is passed as it is.
class PrivateKubeconfig
{
public:
    PrivateKubeconfig();
    ~PrivateKubeconfig();
    PrivateKubeconfig(const PrivateKubeconfig&) = delete;
    PrivateKubeconfig& operator=(const PrivateKubeconfig&) = delete;

    // False with a sentence in `error` (the kubeconfig cannot be read, names no such context, ...).
    // `write` false only decides: a private copy is then not written and path() describes it (for a
    // command line shown before anything runs).
    bool prepare(const ClusterTarget& target, QString* error, bool write = true);
    // The file to pass (--kubeconfig and KUBECONFIG).
    QString path() const { return m_path; }
    // Whether path() is a private copy (then it disappears with this object).
    bool isPrivate() const { return m_dir != nullptr; }
    // Removes the private copy now (also done by the destructor).
    void remove();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

} // namespace quayside::ai
