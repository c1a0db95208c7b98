#include "cli/Command.h"
#include "core/Redactor.h"

#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <unistd.h>

using namespace quayside;
using namespace quayside::cli;

namespace {

// Writes the secret through every way a command prints: out(), err(), writeLine() and fail().
class LeakyCommand final : public Command
{
public:
    void start(const QStringList&) override
    {
        out() << "out: " << QStringLiteral("cli-secret-value-42") << Qt::endl;
        err() << "err: " << QStringLiteral("cli-secret-value-42") << Qt::endl;
        writeLine(QStringLiteral("line: cli-secret-value-42"));
        out() << "partial cli-secret-value-42";
        fail(QStringLiteral("could not use cli-secret-value-42"));
    }
};

// Points a stdio stream's descriptor at a file for the duration.
class Capture
{
public:
    Capture(std::FILE* stream, const QString& path)
        : m_stream(stream)
        , m_fd(::fileno(stream))
        , m_saved(::dup(m_fd))
    {
        std::fflush(m_stream);
        std::FILE* file = std::fopen(QFile::encodeName(path).constData(), "w");
        ::dup2(::fileno(file), m_fd);
        std::fclose(file);
    }
    ~Capture()
    {
        std::fflush(m_stream);
        ::dup2(m_saved, m_fd);
        ::close(m_saved);
    }

private:
    std::FILE* m_stream;
    int m_fd;
    int m_saved;
};

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The command line's own stdout and stderr pass through the Redactor like the log does.
class CommandOutputTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outputIsRedacted()
    {
        QTemporaryDir dir;
        const QString outPath = dir.filePath(QStringLiteral("out"));
        const QString errPath = dir.filePath(QStringLiteral("err"));
        Redactor::instance().registerSecret(QStringLiteral("cli-secret-value-42"));
        int exitCode = -1;
        {
            Capture outCapture(stdout, outPath);
            Capture errCapture(stderr, errPath);
            LeakyCommand command;
            QEventLoop loop;
            connect(&command, &Command::finished, &loop, [&](int code) {
                exitCode = code;
                loop.quit();
            });
            command.start({});
            loop.exec();
        }
        Redactor::instance().forgetAll();
        QCOMPARE(exitCode, int(ExitError));
        const QByteArray out = readAll(outPath);
        const QByteArray err = readAll(errPath);
        QCOMPARE(out, QByteArray("out: ***\nline: ***\npartial ***"));
        QCOMPARE(err, QByteArray("err: ***\nerror: could not use ***\n"));
    }
};

QTEST_GUILESS_MAIN(CommandOutputTest)
#include "CommandOutputTest.moc"
