#include "pipeline/ImageBuild.h"

#include "process/ToolResult.h"

#include <QtConcurrent/QtConcurrentRun>

namespace quayside {

ImageBuild::ImageBuild(Profile::Image image, BuildContextHasher::Input hashInput,
                       std::shared_ptr<ImageDelivery> delivery, Runner runner, QObject* parent)
    : QObject(parent)
    , m_image(std::move(image))
    , m_hashInput(std::move(hashInput))
    , m_delivery(std::move(delivery))
    , m_runner(std::move(runner))
{
    m_result.name = m_image.name;
    m_result.repository = m_image.repository;
    connect(&m_hashWatcher, &QFutureWatcher<BuildContextHasher::Result>::finished, this, &ImageBuild::onHashed);
}

void ImageBuild::start(const ImageResult& previous, bool skipBuild)
{
    m_previous = previous;
    m_skipBuild = skipBuild;
    m_timer.start();
    Q_EMIT statusChanged(m_image.name, tr("hashing the build context"));
    Q_EMIT progress(m_image.name, 0, 0, tr("hashing"));
    // Reading every file of the context can take a moment on a big app: never on the GUI thread.
    m_hashWatcher.setFuture(QtConcurrent::run([input = m_hashInput] { return BuildContextHasher::hash(input); }));
}

void ImageBuild::abort()
{
    m_aborted = true;
}

void ImageBuild::onHashed()
{
    if (m_aborted)
        return;
    const BuildContextHasher::Result hashed = m_hashWatcher.result();
    if (!hashed.ok())
        return failWith(tr("%1: %2").arg(m_image.name, hashed.error));
    m_result.hash = hashed.hash;
    m_result.tag = hashed.tag();
    const QString reference = m_result.reference();
    Q_EMIT statusChanged(m_image.name,
                         tr("%1 (%2 files, %3 KiB)").arg(reference).arg(hashed.files).arg(hashed.bytes / 1024));

    if (m_previous.hash == m_result.hash
        && (m_previous.outcome == ImageResult::Outcome::Built || m_previous.outcome == ImageResult::Outcome::Reused)) {
        Q_EMIT statusChanged(m_image.name, tr("%1 done in an earlier run").arg(reference));
        return complete(m_previous.outcome);
    }
    m_runner(m_delivery->existsCommand(reference), {}, [this, reference](const ToolResult& result) {
        if (result.outcome == ToolResult::Outcome::NotFound || result.outcome == ToolResult::Outcome::FailedToStart)
            return failWith(tr("%1: %2").arg(m_image.name, result.describeFailure()));
        if (m_delivery->exists(result, reference)) {
            Q_EMIT statusChanged(m_image.name, tr("%1 is already in the cluster: not rebuilt").arg(reference));
            return complete(ImageResult::Outcome::Reused);
        }
        if (m_skipBuild)
            return failWith(tr("%1: %2 is not in the cluster and --skip-build was given (its sources changed "
                               "since it was built, or it never was): deploy without --skip-build")
                                .arg(m_image.name, reference));
        build();
    });
}

void ImageBuild::build()
{
    const QString reference = m_result.reference();
    Q_EMIT statusChanged(m_image.name, tr("building %1").arg(reference));
    ImageDelivery::BuildRequest request {
        m_image.name, m_hashInput.contextDirectory, m_hashInput.dockerfile, m_image.buildArgs, reference, m_result.hash
    };
    m_parser = BuildProgressParser();
    m_runner(
        m_delivery->buildCommand(request),
        [this](const QString& line) {
            if (m_parser.feed(line))
                Q_EMIT progress(m_image.name, m_parser.current(), m_parser.total(),
                                m_parser.position() + QStringLiteral(": ") + m_parser.currentStep());
        },
        [this, reference](const ToolResult& result) {
            if (!result.ok()) {
                m_result.failingStep = m_parser.failingStep();
                QString message = tr("%1: the build of %2 failed").arg(m_image.name, reference);
                if (!m_result.failingStep.isEmpty())
                    message += tr(" at step %1").arg(m_result.failingStep);
                const QString why = m_parser.errorLine().isEmpty() ? result.describeFailure() : m_parser.errorLine();
                message += QStringLiteral(": ") + why;
                return failWith(message, m_parser.lastLines());
            }
            if (m_parser.total() > 0)
                Q_EMIT progress(m_image.name, m_parser.total(), m_parser.total(), tr("built"));
            deliver(m_delivery->deliverCommands(reference));
        });
}

void ImageBuild::deliver(QList<ToolCommand> remaining)
{
    if (remaining.isEmpty())
        return complete(ImageResult::Outcome::Built);
    const ToolCommand command = remaining.takeFirst();
    Q_EMIT statusChanged(m_image.name, tr("delivering %1 to the cluster").arg(m_result.reference()));
    m_runner(command, {}, [this, remaining](const ToolResult& result) {
        if (!result.ok())
            return failWith(tr("%1: delivering %2 to the cluster failed: %3")
                                .arg(m_image.name, m_result.reference(), result.describeFailure()));
        deliver(remaining);
    });
}

void ImageBuild::complete(ImageResult::Outcome outcome)
{
    m_result.outcome = outcome;
    m_result.elapsedMs = m_timer.elapsed();
    m_done = true;
    Q_EMIT progress(m_image.name, 1, 1, outcome == ImageResult::Outcome::Reused ? tr("up to date") : tr("built"));
    Q_EMIT finished(true);
}

void ImageBuild::failWith(const QString& message, const QStringList& detail)
{
    m_result.outcome = ImageResult::Outcome::Failed;
    m_result.elapsedMs = m_timer.elapsed();
    m_failure = message;
    m_detail = detail;
    m_done = true;
    Q_EMIT statusChanged(m_image.name, tr("failed"));
    Q_EMIT finished(false);
}

} // namespace quayside
