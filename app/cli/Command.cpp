#include "cli/Command.h"

#include <QTimer>

#include <cstdio>

namespace quayside::cli {

Command::Command(QObject* parent)
    : QObject(parent)
    , m_out(stdout)
    , m_err(stderr)
{ }

void Command::fail(const QString& message)
{
    m_err << "error: " << message << Qt::endl;
    finish(ExitError);
}

void Command::usageError(const QString& message, const QString& usage)
{
    m_err << "error: " << message << Qt::endl;
    if (!usage.isEmpty())
        m_err << usage << Qt::endl;
    finish(ExitUsage);
}

void Command::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    QTimer::singleShot(0, this, [this, exitCode] { Q_EMIT finished(exitCode); });
}

void Command::writeLine(const QString& line)
{
    m_out << line << Qt::endl;
}

} // namespace quayside::cli
