#include "diagnosis/LiveDiagnosis.h"

#include "core/Clock.h"
#include "diagnosis/Diagnoser.h"
#include "diagnosis/InformerCache.h"
#include "diagnosis/PreviousLogFetcher.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/MetricsPoller.h"
#include "kube/PodView.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace quayside::diagnosis {

class LiveDiagnosis::Private
{
public:
    LiveDiagnosis* q;
    QPointer<kube::InformerSet> informers;
    QPointer<kube::MetricsPoller> metrics;
    const Clock* clock = &Clock::instance();
    DiagnosisContext context;
    InformerCache* cache;
    PreviousLogFetcher* logs;
    QList<Finding> findings;
    QTimer timer;
    QTimer refresh;
    QStringList dirty; // "Kind/name", in arrival order
    QSet<QString> dirtySet;
    bool full = true;
    bool evaluated = false;
    int evaluations = 0;
    QStringList lastScope;
    // informer -> uid -> "Kind/name" it stands for: a removed object is no longer in the store to ask.
    QHash<const kube::Informer*, QHash<QString, QString>> keys;
    QHash<QString, QString> podDeployments; // pod uid -> its Deployment, for pods that go away
    QHash<QString, int> logsFetchedAt; // "pod/container" -> the restart count whose previous log was asked for

    Private(LiveDiagnosis* owner, kube::InformerSet* set, kube::MetricsPoller* poller, kube::KubeClient* client,
            DiagnosisContext diagnosisContext)
        : q(owner)
        , informers(set)
        , metrics(poller)
        , context(std::move(diagnosisContext))
        , cache(new InformerCache(set, poller, owner))
        , logs(new PreviousLogFetcher(client, owner))
    {
        timer.setSingleShot(true);
        timer.setInterval(std::chrono::milliseconds(250));
        refresh.setInterval(std::chrono::seconds(30));
    }

    void mark(const QString& key)
    {
        if (!dirtySet.contains(key)) {
            dirtySet.insert(key);
            dirty.append(key);
        }
        schedule();
    }

    void schedule()
    {
        if (informers && informers->hasSynced() && !timer.isActive())
            timer.start();
    }

    // The object an informer's object stands for in the diagnosis.
    static QString keyOf(const kube::Informer* informer, const QJsonObject& object)
    {
        const QString name = object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const QString& kind = informer->resource().kind;
        if (kind == QLatin1String("Event")) {
            // An event changes the evidence of the object it is about.
            const QJsonObject involved = object.value(QLatin1String("involvedObject")).toObject();
            return involved.value(QLatin1String("kind")).toString() + QLatin1Char('/')
                + involved.value(QLatin1String("name")).toString();
        }
        return kind + QLatin1Char('/') + name;
    }

    void onChanged(const kube::Informer* informer, const QStringList& added, const QStringList& modified,
                   const QStringList& removed)
    {
        QHash<QString, QString>& known = keys[informer];
        const bool pods = informers && informer == informers->pods();
        for (const QStringList* list : { &added, &modified }) {
            for (const QString& uid : *list) {
                const QString key = keyOf(informer, informer->store().object(uid));
                known.insert(uid, key);
                if (pods && informers->podView()) {
                    if (const auto summary = informers->podView()->summary(uid))
                        podDeployments.insert(uid, summary->deployment);
                }
                mark(key);
            }
        }
        for (const QString& uid : removed) {
            const QString key = known.take(uid);
            if (key.isEmpty()) {
                full = true;
                schedule();
                continue;
            }
            mark(key);
            if (pods) {
                const QString name = key.section(QLatin1Char('/'), 1);
                cache->forgetPod(name);
                for (auto it = logsFetchedAt.begin(); it != logsFetchedAt.end();) {
                    if (it.key().startsWith(name + QLatin1Char('/')))
                        it = logsFetchedAt.erase(it);
                    else
                        ++it;
                }
                const QString deployment = podDeployments.take(uid);
                if (!deployment.isEmpty())
                    mark(QStringLiteral("Deployment/") + deployment);
            }
        }
    }

    void evaluate()
    {
        if (!informers || !informers->hasSynced())
            return;
        const QDateTime now = clock->now();
        QList<Finding> next;
        QStringList scope;
        if (full || !evaluated) {
            next = Diagnoser::diagnose(*cache, context, now);
        } else if (!dirty.isEmpty()) {
            scope = Diagnoser::objectsAffectedBy(*cache, dirty);
            const QSet<QString> replaced(scope.cbegin(), scope.cend());
            for (const Finding& f : std::as_const(findings)) {
                if (!replaced.contains(f.objectKind + QLatin1Char('/') + f.objectName))
                    next.append(f);
            }
            next.append(Diagnoser::diagnoseObjects(*cache, context, now, dirty));
            Diagnoser::sort(&next);
        } else {
            return;
        }
        const bool wasFull = full || !evaluated;
        full = false;
        dirty.clear();
        dirtySet.clear();
        lastScope = scope;
        ++evaluations;

        // The difference, by key.
        QHash<QString, const Finding*> before;
        for (const Finding& f : std::as_const(findings))
            before.insert(f.key(), &f);
        QStringList added;
        QStringList changed;
        QSet<QString> seen;
        for (const Finding& f : std::as_const(next)) {
            const QString key = f.key();
            seen.insert(key);
            const Finding* old = before.value(key);
            if (!old)
                added.append(key);
            else if (!(*old == f))
                changed.append(key);
        }
        QStringList removed;
        for (const Finding& f : std::as_const(findings)) {
            if (!seen.contains(f.key()))
                removed.append(f.key());
        }
        findings = std::move(next);
        const bool first = !evaluated;
        evaluated = true;
        requestLogs(wasFull, scope);
        if (first || !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty())
            Q_EMIT q->findingsChanged(added, changed, removed);
    }

    // Previous logs of crash-looping containers: once per restart count (a new restart is a new
    // previous run to read).
    void requestLogs(bool all, const QStringList& scope)
    {
        QList<QPair<QString, QString>> wanted;
        if (all) {
            wanted = Diagnoser::logsWanted(*cache);
        } else {
            QStringList podNames;
            for (const QString& key : scope) {
                if (key.startsWith(QLatin1String("Pod/")))
                    podNames.append(key.mid(4));
            }
            if (podNames.isEmpty())
                return;
            wanted = Diagnoser::logsWanted(*cache, podNames);
        }
        const kube::Informer* pods = informers ? informers->pods() : nullptr;
        if (!pods || !informers->podView())
            return;
        const QString ns = cache->nameSpace();
        for (const auto& [pod, container] : wanted) {
            const auto summary = informers->podView()->summary(pods->store().uidOf(ns, pod));
            if (!summary)
                continue;
            int restarts = 0;
            for (const kube::PodSummary::Container& c : summary->containers) {
                if (c.name == container)
                    restarts = c.restarts;
            }
            const QString key = pod + QLatin1Char('/') + container;
            if (logsFetchedAt.value(key, -1) == restarts)
                continue;
            logsFetchedAt.insert(key, restarts);
            logs->fetch(ns, pod, container);
        }
    }
};

LiveDiagnosis::LiveDiagnosis(kube::InformerSet* informers, kube::MetricsPoller* metrics, kube::KubeClient* client,
                             DiagnosisContext context, QObject* parent)
    : QObject(parent)
    , d(new Private(this, informers, metrics, client, std::move(context)))
{
    connect(&d->timer, &QTimer::timeout, this, [this] { d->evaluate(); });
    connect(&d->refresh, &QTimer::timeout, this, [this] {
        for (const Finding& f : std::as_const(d->findings))
            d->mark(f.objectKind + QLatin1Char('/') + f.objectName);
    });
    d->refresh.start();
    if (informers) {
        for (const kube::Informer* informer : informers->informers()) {
            connect(informer, &kube::Informer::objectsChanged, this,
                    [this, informer](const QStringList& added, const QStringList& modified,
                                     const QStringList& removed) { d->onChanged(informer, added, modified, removed); });
        }
        connect(informers, &kube::InformerSet::synced, this, [this] {
            d->full = true;
            d->schedule();
        });
        if (informers->hasSynced()) {
            // Made after the first lists: learn the uids the stores hold, then evaluate everything.
            for (const kube::Informer* informer : informers->informers()) {
                QHash<QString, QString>& known = d->keys[informer];
                for (const QString& uid : informer->store().uids())
                    known.insert(uid, Private::keyOf(informer, informer->store().object(uid)));
            }
            d->schedule();
        }
    }
    if (metrics) {
        const auto metricsChanged = [this] {
            d->mark(QStringLiteral("Namespace/") + d->cache->nameSpace());
            // An OOM kill's evidence shows the peak: look again when a new sample may have raised it.
            for (const Finding& f : std::as_const(d->findings)) {
                if (f.rule == QLatin1String("oom-killed"))
                    d->mark(QStringLiteral("Pod/") + f.objectName);
            }
        };
        connect(metrics, &kube::MetricsPoller::updated, this, metricsChanged);
        connect(metrics, &kube::MetricsPoller::unavailable, this, metricsChanged);
    }
    connect(d->logs, &PreviousLogFetcher::fetched, this,
            [this](const QString& pod, const QString& container, const QStringList& lines, const QString&) {
                if (lines.isEmpty())
                    return;
                d->cache->setPreviousLog(pod, container, lines);
                d->mark(QStringLiteral("Pod/") + pod);
            });
}

LiveDiagnosis::~LiveDiagnosis()
{
    d->logs->abortAll();
    delete d;
}

void LiveDiagnosis::setContext(const DiagnosisContext& context)
{
    d->context = context;
    d->full = true;
    d->schedule();
}

const QList<Finding>& LiveDiagnosis::findings() const
{
    return d->findings;
}

QList<Finding> LiveDiagnosis::findingsFor(const QString& objectKind, const QString& objectName) const
{
    QList<Finding> result;
    for (const Finding& f : std::as_const(d->findings)) {
        if (f.objectKind == objectKind && f.objectName == objectName)
            result.append(f);
    }
    return result;
}

bool LiveDiagnosis::hasSynced() const
{
    return d->evaluated;
}

const QStringList& LiveDiagnosis::lastScope() const
{
    return d->lastScope;
}

int LiveDiagnosis::evaluations() const
{
    return d->evaluations;
}

void LiveDiagnosis::setCoalesceInterval(std::chrono::milliseconds interval)
{
    d->timer.setInterval(interval);
}

void LiveDiagnosis::setRefreshInterval(std::chrono::milliseconds interval)
{
    d->refresh.start(interval);
}

void LiveDiagnosis::setClock(const Clock* clock)
{
    d->clock = clock ? clock : &Clock::instance();
}

} // namespace quayside::diagnosis
