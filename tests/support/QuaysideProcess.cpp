#include "support/QuaysideProcess.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>

namespace quayside::test {

QuaysideProcess::QuaysideProcess()
{
    m_valid = m_home.isValid();
    for (const char* dir : { "config", "data", "cache", "no-tools" })
        m_valid = m_valid && QDir().mkpath(m_home.filePath(QLatin1String(dir)));
}

QString QuaysideProcess::binary()
{
    return QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside");
}

QString QuaysideProcess::home(const QString& relative) const
{
    return relative.isEmpty() ? m_home.path() : m_home.filePath(relative);
}

QString QuaysideProcess::workingDirectory() const
{
    return m_workingDirectory.isEmpty() ? m_home.path() : m_workingDirectory;
}

QProcessEnvironment QuaysideProcess::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "KUBECONFIG", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "GEMINI_API_KEY" })
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("HOME"), home());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home(QStringLiteral("cache")));
    env.insert(QStringLiteral("QUAYSIDE_EXTRA_TOOL_DIRS"), home(QStringLiteral("no-tools")));
    env.insert(m_variables);
    return env;
}

QuaysideProcess::Run QuaysideProcess::run(const QStringList& arguments, const QByteArray& input, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(workingDirectory());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(binary(), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        qWarning("quayside %s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
        process.kill();
        process.waitForFinished(5000);
        return { -1, process.readAllStandardOutput(), process.readAllStandardError() };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
             process.readAllStandardError() };
}

} // namespace quayside::test
