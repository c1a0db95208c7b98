#include "cli/LogsCommand.h"

#include "cli/CommonOptions.h"
#include "workspace/Workspace.h"
#include "kube/Durations.h"
#include "kube/LogFollower.h"

#include <cmath>
#include <cstdio>

namespace quayside::cli {

namespace {

const QString kUsage = QStringLiteral(
    "Usage: quayside logs (POD | deploy/NAME) [-c NAME] [-f] [--tail N] [--since 5m] [--timestamps] [--previous]\n"
    "                     [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]");

// Past this the batch is written out even mid-drain, so memory stays flat on huge logs.
constexpr qsizetype kFlushBytes = 256 * 1024;

} // namespace

LogsCommand::LogsCommand() = default;
LogsCommand::~LogsCommand() = default;

void LogsCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the logs of a pod or of every pod of a Deployment."));
    CommonOptions::addGlobalOptions(parser, false);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("POD, pod/NAME or deploy/NAME"));
    parser.addOption({ { QStringLiteral("c"), QStringLiteral("container") },
                       QStringLiteral("The container."),
                       QStringLiteral("name") });
    parser.addOption(
        { { QStringLiteral("f"), QStringLiteral("follow") }, QStringLiteral("Keep streaming new lines.") });
    parser.addOption({ QStringLiteral("tail"), QStringLiteral("Only the last N lines (-1: all)."), QStringLiteral("N"),
                       QStringLiteral("-1") });
    parser.addOption({ QStringLiteral("since"), QStringLiteral("Only lines newer than a duration (5s, 2m, 3h)."),
                       QStringLiteral("duration") });
    parser.addOption({ QStringLiteral("timestamps"), QStringLiteral("Prefix each line with its RFC 3339 timestamp.") });
    parser.addOption({ { QStringLiteral("p"), QStringLiteral("previous") },
                       QStringLiteral("The previous, terminated container instance.") });
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, kUsage);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(positional.isEmpty() ? QStringLiteral("logs needs a pod or deploy/NAME")
                                               : QStringLiteral("logs takes one target, got %1").arg(positional.size()),
                          kUsage);
    QString kind;
    QString name;
    if (!KubeSession::parseTarget(positional.first(), &kind, &name, &error))
        return usageError(error, kUsage);

    kube::LogOptions options;
    options.container = parser.value(QStringLiteral("container"));
    options.follow = parser.isSet(QStringLiteral("follow"));
    options.timestamps = parser.isSet(QStringLiteral("timestamps"));
    options.previous = parser.isSet(QStringLiteral("previous"));
    bool ok = false;
    options.tailLines = parser.value(QStringLiteral("tail")).toLongLong(&ok);
    if (!ok || options.tailLines < -1)
        return usageError(QStringLiteral("--tail needs a number of lines (or -1 for all)"), kUsage);
    if (parser.isSet(QStringLiteral("since"))) {
        const auto since = kube::Durations::parseGo(parser.value(QStringLiteral("since")));
        if (!since || since->count() <= 0)
            return usageError(QStringLiteral("--since needs a duration such as 30s, 5m or 2h, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("since"))),
                              kUsage);
        // kubectl rounds up to whole seconds.
        options.sinceSeconds = static_cast<qint64>(std::ceil(static_cast<double>(since->count()) / 1000.0));
    }
    if (!m_session.open(workspace()->target(), this, &error))
        return fail(error);

    kube::LogFollower::Target target;
    if (kind == QLatin1String("deployment"))
        target.deployment = name;
    else
        target.pod = name;
    m_follower = new kube::LogFollower(m_session.client(), m_session.nameSpace(), target, options, this);
    connect(m_follower, &kube::LogFollower::readyRead, this, &LogsCommand::drain);
    connect(m_follower, &kube::LogFollower::finished, this, &LogsCommand::onFinished);
    connect(m_follower, &kube::LogFollower::warning, this, [this](const QString& message) {
        drain(); // keep stderr notes in order with the lines around them
        err() << message << Qt::endl;
    });
    m_follower->start();
}

void LogsCommand::drain()
{
    const bool prefix = m_follower->isMultiStream();
    const QList<kube::LogLine> lines = m_follower->read();
    if (lines.isEmpty())
        return;
    for (const kube::LogLine& line : lines) {
        if (prefix) {
            m_buffer += '[';
            m_buffer += line.pod.toUtf8();
            m_buffer += '/';
            m_buffer += line.container.toUtf8();
            m_buffer += "] ";
        }
        m_buffer += line.text;
        m_buffer += '\n';
        if (m_buffer.size() >= kFlushBytes) {
            std::fwrite(m_buffer.constData(), 1, static_cast<std::size_t>(m_buffer.size()), stdout);
            m_buffer.clear();
        }
    }
    // Straight to stdio: the lines are bytes and QTextStream would decode and re-encode every one.
    std::fwrite(m_buffer.constData(), 1, static_cast<std::size_t>(m_buffer.size()), stdout);
    std::fflush(stdout);
    m_buffer.clear();
}

void LogsCommand::onFinished()
{
    while (m_follower->available() > 0)
        drain();
    if (m_follower->error().isError())
        return fail(m_follower->error().message());
    finish(ExitOk);
}

} // namespace quayside::cli
