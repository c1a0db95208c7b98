#include "core/Log.h"

#include "core/Redactor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

// The permission bits as stat(2) reports them, -1 when the path does not exist.
int modeOf(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

} // namespace

using namespace quayside;

class LogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesRotatingFileWithRedaction()
    {
        QTemporaryDir dir;
        log::initialize({ .directory = dir.path(), .verbose = false, .toStderr = false });
        QCOMPARE(log::logFilePath(), dir.filePath(QStringLiteral("quayside.log")));
        Redactor::instance().registerSecret(QStringLiteral("jwt-super-secret-value"));
        spdlog::info("token is {}", "jwt-super-secret-value");
        qWarning("qt says jwt-super-secret-value too");
        spdlog::debug("debug lines reach the file");
        log::flush();
        QFile file(log::logFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(!text.contains("jwt-super-secret-value"), text.constData());
        QVERIFY(text.contains("token is ***"));
        QVERIFY(text.contains("qt says *** too"));
        QVERIFY(text.contains("debug lines reach the file"));
        Redactor::instance().forgetAll();
    }

    // Under the usual umask 022 spdlog would create 0644 files: the log is the user's alone, the
    // directory 0700 and every file 0600, the ones rotation creates included.
    void filesAreOwnerOnly()
    {
        const mode_t previous = ::umask(022);
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("logs"));
        QVERIFY(QDir().mkpath(dir));
        QFile::setPermissions(dir,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                  | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
        log::initialize({ .directory = dir, .verbose = false, .toStderr = false, .maxFileBytes = 4096, .maxFiles = 3 });
        const std::string line(200, 'x');
        for (int i = 0; i < 100; ++i) // about 20 KiB: rotates past 4 KiB several times
            spdlog::info("line {} {}", i, line);
        log::flush();
        ::umask(previous);
        QCOMPARE(modeOf(dir), 0700);
        QStringList names = QDir(dir).entryList(QDir::Files, QDir::Name);
        QCOMPARE(names, QStringList({ "quayside.1.log", "quayside.2.log", "quayside.3.log", "quayside.log" }));
        for (const QString& name : names)
            QVERIFY2(modeOf(QDir(dir).filePath(name)) == 0600,
                     qPrintable(name + QStringLiteral(" is 0") + QString::number(modeOf(QDir(dir).filePath(name)), 8)));
    }

    void unwritableDirectoryDoesNotThrow()
    {
        log::initialize(
            { .directory = QStringLiteral("/proc/quayside-cannot-write-here"), .verbose = false, .toStderr = false });
        QVERIFY(log::logFilePath().isEmpty());
        spdlog::info("still fine");
    }
};

QTEST_GUILESS_MAIN(LogTest)
#include "LogTest.moc"
