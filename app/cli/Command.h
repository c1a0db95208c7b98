#pragma once

#include <QObject>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace quayside {
class Workspace;
}

namespace quayside::cli {

// Exit codes are part of the command line contract that scripts and tests rely on.
enum ExitCode : int { ExitOk = 0, ExitError = 1, ExitUsage = 2 };

// One subcommand (`quayside doctor`, `quayside status`, ...). Commands are asynchronous: start() kicks
// off the work and returns; finished(exitCode) ends the event loop. Output goes to out() (stdout) and
// failures as one `error: ...` line to err() (stderr), flushed as they are written so pipes see them.
// Both pass through the Redactor on their way out: a registered secret is printed as ***.
class Command : public QObject
{
    Q_OBJECT
public:
    explicit Command(QObject* parent = nullptr);
    ~Command() override;

    // `arguments` starts with the program name followed by the subcommand name, like QCoreApplication.
    virtual void start(const QStringList& arguments) = 0;

    // What the command acts on: the profile and cluster target built from the global options, the
    // settings and the profile. Set before start(); owned by the caller.
    void setWorkspace(Workspace* workspace) { m_workspace = workspace; }
    // -v/--verbose (a global option).
    void setVerbose(bool verbose) { m_verbose = verbose; }

Q_SIGNALS:
    void finished(int exitCode);

protected:
    Workspace* workspace() const { return m_workspace; }
    bool verbose() const { return m_verbose; }
    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    // Prints `error: message` to stderr and finishes with ExitError.
    void fail(const QString& message);
    // Prints `error: message` and the usage text to stderr and finishes with ExitUsage.
    void usageError(const QString& message, const QString& usage);
    // Finishes on the next event loop turn, so callers can finish from inside start().
    void finish(int exitCode);
    void writeLine(const QString& line); // stdout, flushed

private:
    // Redacting devices over stdout and stderr; declared before the streams that write to them.
    std::unique_ptr<QIODevice> m_outDevice;
    std::unique_ptr<QIODevice> m_errDevice;
    QTextStream m_out;
    QTextStream m_err;
    bool m_finished = false;
    Workspace* m_workspace = nullptr;
    bool m_verbose = false;
};

} // namespace quayside::cli
