#include "support/StandInTools.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

namespace quayside::test {

namespace {
QString shellQuote(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}
} // namespace

StandInTools::StandInTools()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("bin"));
    QDir(m_dir.path()).mkpath(QStringLiteral("records"));
    QDir(m_dir.path()).mkpath(QStringLiteral("shell"));
    // The utilities the stand-in scripts themselves use, linked into a directory of their own so that
    // PATH can exclude /usr/bin (where a real kubectl lives).
    for (const char* tool : { "bash",   "sh",   "cat",   "sleep", "env",    "printf",    "echo",    "mkdir",
                              "date",   "head", "tr",    "kill",  "grep",   "sed",       "wc",      "ls",
                              "mktemp", "rm",   "touch", "sort",  "base64", "sha256sum", "dirname", "basename" }) {
        const QString real = QStandardPaths::findExecutable(QString::fromLatin1(tool));
        if (!real.isEmpty())
            QFile::link(real, m_dir.path() + QStringLiteral("/shell/") + QString::fromLatin1(tool));
    }
}

StandInTools::~StandInTools()
{
    if (!m_installed)
        return;
    qputenv("PATH", m_savedPath);
    if (m_hadExtra)
        qputenv("QUAYSIDE_EXTRA_TOOL_DIRS", m_savedExtra);
    else
        qunsetenv("QUAYSIDE_EXTRA_TOOL_DIRS");
}

QString StandInTools::binDir() const
{
    return m_dir.path() + QStringLiteral("/bin");
}

QString StandInTools::recordsDir() const
{
    return m_dir.path() + QStringLiteral("/records");
}

void StandInTools::add(const QString& name, const QString& body)
{
    const QString file = binDir() + QLatin1Char('/') + name;
    QFile script(file);
    if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write stand-in %s", qPrintable(file));
    const QString prologue = QStringLiteral("#!/bin/bash\n"
                                            "# Stand-in for %1 written by a Quayside test.\n"
                                            "records=%2\n"
                                            "n=$(date +%s%N)-$$\n"
                                            "printf '%s\\n' \"$@\" > \"$records/%1-$n.argv\"\n"
                                            "env > \"$records/%1-$n.env\"\n")
                                 .arg(name, shellQuote(recordsDir()));
    script.write(prologue.toUtf8());
    script.write(body.toUtf8());
    script.write("\n");
    script.close();
    script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                          | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
}

void StandInTools::prepend(const QString& name, const QString& body)
{
    const QString file = binDir() + QLatin1Char('/') + name;
    QFile script(file);
    if (!script.open(QIODevice::ReadOnly))
        qFatal("no stand-in %s to prepend to", qPrintable(file));
    QByteArray text = script.readAll();
    script.close();
    // The prologue (see add()) ends with the line that records the environment.
    const QByteArray endOfPrologue = QStringLiteral("env > \"$records/%1-$n.env\"\n").arg(name).toUtf8();
    const qsizetype at = text.indexOf(endOfPrologue);
    if (at < 0)
        qFatal("%s was not written by StandInTools::add", qPrintable(file));
    text.insert(at + endOfPrologue.size(), QByteArray(body.toUtf8() + '\n'));
    if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write stand-in %s", qPrintable(file));
    script.write(text);
}

void StandInTools::addPrinting(const QString& name, const QString& stdoutText, int exitCode, const QString& stderrText)
{
    QString body;
    if (!stdoutText.isEmpty())
        body += QStringLiteral("printf '%s' %1\n").arg(shellQuote(stdoutText));
    if (!stderrText.isEmpty())
        body += QStringLiteral("printf '%s' %1 >&2\n").arg(shellQuote(stderrText));
    body += QStringLiteral("exit %1\n").arg(exitCode);
    add(name, body);
}

void StandInTools::addHanging(const QString& name)
{
    add(name,
        QStringLiteral("echo $$ > \"$records/%1.pid\"\n"
                       "sleep 1000 &\n"
                       "echo $! > \"$records/%1.child.pid\"\n"
                       "wait\n")
            .arg(name));
}

void StandInTools::install()
{
    if (!m_installed) {
        m_savedPath = qgetenv("PATH");
        m_hadExtra = qEnvironmentVariableIsSet("QUAYSIDE_EXTRA_TOOL_DIRS");
        m_savedExtra = qgetenv("QUAYSIDE_EXTRA_TOOL_DIRS");
    }
    m_installed = true;
    qputenv("PATH", QString(binDir() + QLatin1Char(':') + m_dir.path() + QStringLiteral("/shell")).toLocal8Bit());
    qputenv("QUAYSIDE_EXTRA_TOOL_DIRS", QByteArray());
}

QList<StandInTools::Call> StandInTools::calls(const QString& tool) const
{
    QList<Call> result;
    QDir records(recordsDir());
    const QStringList files = records.entryList({ QStringLiteral("*.argv") }, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString name = file.section(QLatin1Char('-'), 0, -3);
        if (!tool.isEmpty() && name != tool)
            continue;
        QFile argv(records.filePath(file));
        argv.open(QIODevice::ReadOnly);
        QString text = QString::fromUtf8(argv.readAll());
        if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        QFile env(records.filePath(file.chopped(5) + QStringLiteral(".env")));
        env.open(QIODevice::ReadOnly);
        result.append({ name, text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n')), env.readAll() });
    }
    return result;
}

QByteArray StandInTools::allRecordedBytes() const
{
    QByteArray all;
    QDirIterator it(recordsDir(), QDir::Files);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace quayside::test
