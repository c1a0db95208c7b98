#pragma once

#include "kube/KubeError.h"
#include "kube/LogLine.h"
#include "kube/LogOptions.h"
#include "kube/Reflector.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <deque>
#include <limits>

namespace quayside::kube {

class Informer;
class KubeClient;
class LogStream;

// `quayside logs` and the dashboard's log pane: the log of one pod, or of every pod of a Deployment.
//
// For a Deployment it does what stern does: it watches the Deployment's pods (its label selector)
// and opens one LogStream per container as containers start, including pods that appear later
// (a rollout, a scale-up) and containers that restart; each line carries its pod and container.
// Pods present at the start honour --tail/--since; pods that appear later are shown from their
// first line. Without follow, it reads the current pods' logs once and finishes.
//
// Buffering policy: the same as LogStream's, one level up. At most capacity() lines wait here; the
// follower only pulls from its streams while there is room (round robin, so a chatty pod cannot
// starve a quiet one), the streams' own bounded queues fill and pause their network reads. Memory is
// bounded by capacity + per stream (its capacity + 1 MiB); nothing is dropped.
class LogFollower : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 10'000;

    struct Target
    {
        QString pod; // one pod, or
        QString deployment; // every pod of a Deployment
    };

    LogFollower(KubeClient* client, QString nameSpace, Target target, LogOptions options, QObject* parent = nullptr);
    ~LogFollower() override;

    // For the pod watch of a followed Deployment (tests shorten the backoff).
    void setReflectorOptions(const Reflector::Options& options) { m_reflectorOptions = options; }
    void setCapacity(int lines) { m_capacity = std::max(1, lines); }

    void start();
    void stop();

    QList<LogLine> read(int maxLines = std::numeric_limits<int>::max());
    int available() const { return static_cast<int>(m_queue.size()); }
    // Every stream ended and every line was read. A followed Deployment never ends by itself.
    bool atEnd() const { return m_finished && m_queue.empty(); }
    bool isFinished() const { return m_finished; }
    const KubeError& error() const { return m_error; }
    // Lines come from several pods/containers (a Deployment): show them tagged [pod/container].
    bool isMultiStream() const { return !m_target.deployment.isEmpty(); }
    int openStreams() const;

    // matchLabels and matchExpressions as a labelSelector query string.
    static QString labelSelector(const QJsonObject& selector);

Q_SIGNALS:
    void readyRead();
    // Not fatal: a defaulted container, a pod whose stream failed while others go on.
    void warning(const QString& message);
    void streamStarted(const QString& pod, const QString& container);
    // Every stream has ended (atEnd() once the last lines are read) or a fatal error().
    void finished();

private:
    struct Source
    {
        QPointer<LogStream> stream;
        QString podUid;
        int restartCount = 0;
        bool ended = false;
    };

    void startPod();
    void startDeployment();
    void onDeploymentPodsListed(const QList<QJsonObject>& pods);
    void onPodsChanged(const QStringList& added, const QStringList& modified);
    void openStream(const QString& pod, const QString& podUid, const QString& container, int restartCount,
                    const LogOptions& options);
    void schedulePump();
    void pump();
    void checkFinished();
    void fail(const KubeError& error);

    KubeClient* m_client;
    QString m_nameSpace;
    Target m_target;
    LogOptions m_options;
    Reflector::Options m_reflectorOptions;
    Informer* m_pods = nullptr;
    QHash<QString, Source> m_sources; // "podUid/container" -> its current stream
    QList<QPointer<LogStream>> m_order; // round-robin order of live streams
    std::deque<LogLine> m_queue;
    int m_capacity = kDefaultCapacity;
    int m_next = 0;
    KubeError m_error;
    bool m_started = false;
    bool m_finished = false;
    bool m_pumpScheduled = false;
    bool m_podsSynced = false; // the pod watch's first list has been handled
    bool m_listing = false; // a non-follow Deployment: the pod list is on its way
};

} // namespace quayside::kube
