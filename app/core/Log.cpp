#include "core/Log.h"

#include "core/Redactor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <sys/stat.h>
#include <unistd.h>

namespace quayside::log {

namespace {

QString g_logFilePath;

// Redacts the formatted payload before handing the message on; every sink sits behind one of these.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit RedactingSink(spdlog::sink_ptr inner)
        : m_inner(std::move(inner))
    { }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        const std::string clean = Redactor::instance().redact(std::string_view(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg copy(msg);
        copy.payload = clean;
        if (m_inner->should_log(copy.level))
            m_inner->log(copy);
    }
    void flush_() override { m_inner->flush(); }

private:
    spdlog::sink_ptr m_inner;
};

// The log can hold hostnames, namespaces and anything the redactor did not know about: owner only.
// The directory is 0700; every file spdlog opens, the first and each one rotation starts, is created
// 0600 before spdlog opens it (so there is no moment it is readable) and fchmod-ed once open.
void restrictDirectory(const QString& dir)
{
    const QFileInfo info(dir);
    if (info.isDir() && info.ownerId() == ::getuid())
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // Files an older version left readable.
    const QStringList old = QDir(dir).entryList({ QStringLiteral("quayside*.log") }, QDir::Files);
    for (const QString& name : old)
        QFile::setPermissions(QDir(dir).filePath(name), QFile::ReadOwner | QFile::WriteOwner);
}

spdlog::file_event_handlers ownerOnlyFiles()
{
    spdlog::file_event_handlers handlers;
    handlers.before_open = [](const spdlog::filename_t& filename) {
        const int fd = ::open(filename.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, S_IRUSR | S_IWUSR);
        if (fd >= 0)
            ::close(fd);
    };
    handlers.after_open = [](const spdlog::filename_t&, std::FILE* file) {
        if (file)
            ::fchmod(::fileno(file), S_IRUSR | S_IWUSR);
    };
    return handlers;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    auto logger = spdlog::default_logger();
    const std::string text = message.toStdString();
    const char* category = context.category ? context.category : "qt";
    switch (type) {
    case QtDebugMsg:
        logger->debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        logger->info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        logger->warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        logger->error("[{}] {}", category, text);
        break;
    }
}

} // namespace

void initialize(const Options& options)
{
    std::vector<spdlog::sink_ptr> sinks;
    QString dir = options.directory;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    g_logFilePath.clear();
    if (!dir.isEmpty() && QDir().mkpath(dir)) {
        restrictDirectory(dir);
        const QString path = QDir(dir).filePath(QStringLiteral("quayside.log"));
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                path.toStdString(), options.maxFileBytes, options.maxFiles, false, ownerOnlyFiles());
            file->set_level(spdlog::level::debug);
            sinks.push_back(std::make_shared<RedactingSink>(file));
            g_logFilePath = path;
        } catch (const spdlog::spdlog_ex&) {
            // An unwritable log directory must not stop the program; stderr still works.
        }
    }
    if (options.toStderr) {
        auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
        err->set_level(options.verbose ? spdlog::level::debug : options.stderrLevel);
        sinks.push_back(std::make_shared<RedactingSink>(err));
    }
    auto logger = std::make_shared<spdlog::logger>("quayside", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    qInstallMessageHandler(qtMessageHandler);
}

QString logFilePath()
{
    return g_logFilePath;
}

void flush()
{
    spdlog::default_logger()->flush();
}

} // namespace quayside::log
