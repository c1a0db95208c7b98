#include "cli/Command.h"

#include "core/Redactor.h"

#include <QIODevice>
#include <QTimer>

#include <cstdio>

namespace quayside::cli {

namespace {

// What a QTextStream hands over on each flush (everything written since the last one) is redacted
// and written to the stdio stream at once, so the order with other writers of stdout/stderr holds.
class RedactingStdioDevice final : public QIODevice
{
public:
    explicit RedactingStdioDevice(std::FILE* file)
        : m_file(file)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override
    {
        const std::string clean = Redactor::instance().redact(std::string_view(data, static_cast<std::size_t>(size)));
        if (!clean.empty() && std::fwrite(clean.data(), 1, clean.size(), m_file) != clean.size())
            return -1;
        std::fflush(m_file);
        return size;
    }

private:
    std::FILE* m_file;
};

} // namespace

Command::Command(QObject* parent)
    : QObject(parent)
    , m_outDevice(std::make_unique<RedactingStdioDevice>(stdout))
    , m_errDevice(std::make_unique<RedactingStdioDevice>(stderr))
    , m_out(m_outDevice.get())
    , m_err(m_errDevice.get())
{ }

Command::~Command()
{
    m_out.flush();
    m_err.flush();
}

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
