#include "core/Log.h"
#include "core/Redactor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

class LogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesRotatingFileWithRedaction()
    {
        QTemporaryDir dir;
        log::initialize({.directory = dir.path(), .verbose = false, .toStderr = false});
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

    void unwritableDirectoryDoesNotThrow()
    {
        log::initialize({.directory = QStringLiteral("/proc/quayside-cannot-write-here"), .verbose = false, .toStderr = false});
        QVERIFY(log::logFilePath().isEmpty());
        spdlog::info("still fine");
    }
};

QTEST_GUILESS_MAIN(LogTest)
#include "LogTest.moc"
