#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace quayside::test {

// The built `quayside` binary run as a child, end to end, with a throw-away HOME: HOME, the XDG
// directories and Quayside's extra tool directory point into an empty temporary directory, and the
// variables through which the machine's own cluster, display or AI key would reach the child are
// removed. Waits with the event loop running, so a hung child is killed rather than hanging the test.
class QuaysideProcess
{
public:
    struct Run
    {
        int exitCode = -1; // -1: crashed or timed out
        QByteArray out;
        QByteArray err;
    };

    // Makes the home with config/, data/, cache/ and no-tools/ in it.
    QuaysideProcess();

    static QString binary();

    bool isValid() const { return m_valid; }
    // The home directory, or `relative` inside it.
    QString home(const QString& relative = {}) const;

    // Set on top of the defaults (e.g. a PATH holding only stand-in tools).
    void setVariable(const QString& name, const QString& value) { m_variables.insert(name, value); }
    // Where the children run (default: the home).
    void setWorkingDirectory(const QString& directory) { m_workingDirectory = directory; }
    QString workingDirectory() const;

    // This process's environment as it is now (StandInTools::install() changes PATH) with the changes
    // above, for children started some other way.
    QProcessEnvironment environment() const;

    // `quayside arguments...` with `input` on its stdin, which is then closed.
    Run run(const QStringList& arguments, const QByteArray& input = {}, int timeoutMs = 60'000) const;

private:
    QTemporaryDir m_home;
    bool m_valid = false;
    QProcessEnvironment m_variables;
    QString m_workingDirectory;
};

} // namespace quayside::test
