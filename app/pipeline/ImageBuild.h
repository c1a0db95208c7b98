#pragma once

#include "pipeline/BuildContextHasher.h"
#include "pipeline/BuildProgressParser.h"
#include "pipeline/ImageDelivery.h"
#include "pipeline/ImageResult.h"
#include "profile/Profile.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace quayside {

class ToolJob;
struct ToolResult;

// One image through the Images step: content hash (on a worker thread) -> already in the cluster? ->
// `docker build` with progress parsed from its output -> delivery (image load / nothing). The step
// runs several at once and owns the tools they start (so Cancel reaches them).
class ImageBuild : public QObject
{
    Q_OBJECT
public:
    // How a build starts tools: the Images step's runTool (tracked, cancellable, logged).
    using LineHandler = std::function<void(const QString&)>;
    using Done = std::function<void(const ToolResult&)>;
    using Runner = std::function<void(const ToolCommand&, LineHandler, Done)>;

    ImageBuild(Profile::Image image, BuildContextHasher::Input hashInput, std::shared_ptr<ImageDelivery> delivery,
               Runner runner, QObject* parent = nullptr);

    // `previous`: this image's result from an earlier run; when its hash is unchanged and it was built
    // or reused, nothing is asked of docker again (retry keeps what was done).
    void start(const ImageResult& previous, bool skipBuild);
    void abort();

    const ImageResult& result() const { return m_result; }
    const QString& name() const { return m_image.name; }
    QString failureMessage() const { return m_failure; }
    QStringList failureDetail() const { return m_detail; }
    bool isDone() const { return m_done; }

Q_SIGNALS:
    void progress(const QString& image, int current, int total, const QString& text);
    void statusChanged(const QString& image, const QString& status);
    void finished(bool ok);

private:
    void onHashed();
    void build();
    void deliver(QList<ToolCommand> remaining);
    void complete(ImageResult::Outcome outcome);
    void failWith(const QString& message, const QStringList& detail = {});

    Profile::Image m_image;
    BuildContextHasher::Input m_hashInput;
    std::shared_ptr<ImageDelivery> m_delivery;
    Runner m_runner;
    ImageResult m_result;
    ImageResult m_previous;
    bool m_skipBuild = false;
    bool m_aborted = false;
    bool m_done = false;
    QFutureWatcher<BuildContextHasher::Result> m_hashWatcher;
    BuildProgressParser m_parser;
    QElapsedTimer m_timer;
    QString m_failure;
    QStringList m_detail;
};

} // namespace quayside
