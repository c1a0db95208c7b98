#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace quayside::test {

// A directory of stand-in executables put first on PATH. Each is a bash script that first records how
// it was called (argv one per line in records/<name>-<n>.argv, its environment in .env) and then does
// what the test wrote for it: typically print exactly what the real tool prints (fixtures taken from
// the tools' real output), exit with the real exit code, or hang.
//
// install() makes PATH hold only the stand-ins and a few shell utilities, and clears Quayside's extra
// tool directories, so a real docker or kubectl on the machine cannot answer in a stand-in's place.
class StandInTools
{
public:
    StandInTools();
    ~StandInTools();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString binDir() const;
    QString recordsDir() const;

    // Writes bin/<name> with the recording prologue followed by `body` (bash).
    void add(const QString& name, const QString& body);
    // Puts `body` between the recording prologue and what bin/<name> already does: a test answers a
    // few calls its own way (and exits) and leaves every other call to the stand-in someone else wrote.
    void prepend(const QString& name, const QString& body);
    // Convenience: prints `stdoutText` to stdout and `stderrText` to stderr, exits with `exitCode`.
    void addPrinting(const QString& name, const QString& stdoutText, int exitCode = 0, const QString& stderrText = {});
    // A tool that prints nothing and never ends; it also starts a child that would outlive a careless
    // kill (its pid goes to <records>/<name>.child.pid, its own to <name>.pid).
    void addHanging(const QString& name);

    // Sets PATH and QUAYSIDE_EXTRA_TOOL_DIRS for this process (and so its children); restored by the
    // destructor.
    void install();

    struct Call
    {
        QString tool;
        QStringList arguments;
        QByteArray environment; // `env` output
    };
    QList<Call> calls(const QString& tool = {}) const;
    // Every byte the stand-ins recorded (argv and environments), for leak checks.
    QByteArray allRecordedBytes() const;

private:
    QTemporaryDir m_dir;
    QByteArray m_savedPath;
    QByteArray m_savedExtra;
    bool m_hadExtra = false;
    bool m_installed = false;
};

} // namespace quayside::test
