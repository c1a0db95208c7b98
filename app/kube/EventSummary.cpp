#include "kube/EventSummary.h"

#include "kube/PodSummary.h"

#include <algorithm>

namespace quayside::kube {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QDateTime timeAt(const QJsonObject& o, const char* key)
{
    return PodSummary::parseTime(str(o, key));
}

} // namespace

// A transcription of printEvent() in kubernetes/pkg/printers/internalversion/printers.go: core/v1
// events recorded by the old recorder fill firstTimestamp/lastTimestamp/count; those written through
// events.k8s.io/v1 (the scheduler, newer controllers) fill only eventTime, and when they repeat,
// series.lastObservedTime and series.count. Events with no time at all fall back to their creation.
QDateTime EventSummary::firstTimeOf(const QJsonObject& event)
{
    QDateTime first = timeAt(event, "firstTimestamp");
    if (!first.isValid())
        first = timeAt(event, "eventTime");
    if (!first.isValid())
        first = timeAt(event.value(QLatin1String("metadata")).toObject(), "creationTimestamp");
    return first;
}

QDateTime EventSummary::timeOf(const QJsonObject& event)
{
    const QJsonObject series = event.value(QLatin1String("series")).toObject();
    if (!series.isEmpty()) {
        const QDateTime observed = timeAt(series, "lastObservedTime");
        if (observed.isValid())
            return observed;
    }
    const QDateTime last = timeAt(event, "lastTimestamp");
    return last.isValid() ? last : firstTimeOf(event);
}

int EventSummary::countOf(const QJsonObject& event)
{
    const QJsonObject series = event.value(QLatin1String("series")).toObject();
    if (!series.isEmpty())
        return std::max(1, series.value(QLatin1String("count")).toInt());
    // Singleton events of the new API have no count.
    return std::max(1, event.value(QLatin1String("count")).toInt());
}

EventSummary EventSummary::fromJson(const QJsonObject& event)
{
    EventSummary e;
    const QJsonObject metadata = event.value(QLatin1String("metadata")).toObject();
    e.uid = str(metadata, "uid");
    e.name = str(metadata, "name");
    e.nameSpace = str(metadata, "namespace");
    e.type = event.value(QLatin1String("type")).toString(QStringLiteral("Normal"));
    e.reason = str(event, "reason");
    e.message = str(event, "message").trimmed();
    e.count = countOf(event);
    e.firstTime = firstTimeOf(event);
    e.time = timeOf(event);
    const QJsonObject involved = event.value(QLatin1String("involvedObject")).toObject();
    e.involvedKind = str(involved, "kind");
    e.involvedName = str(involved, "name");
    e.involvedNamespace = str(involved, "namespace");
    e.involvedUid = str(involved, "uid");
    e.involvedFieldPath = str(involved, "fieldPath");
    e.sourceComponent = str(event.value(QLatin1String("source")).toObject(), "component");
    if (e.sourceComponent.isEmpty())
        e.sourceComponent = str(event, "reportingComponent");
    return e;
}

QString EventSummary::containerName() const
{
    // The kubelet's fieldPath for a container: spec.containers{NAME} or spec.initContainers{NAME}.
    const qsizetype open = involvedFieldPath.indexOf(QLatin1Char('{'));
    if (open < 0 || !involvedFieldPath.endsWith(QLatin1Char('}')))
        return {};
    return involvedFieldPath.mid(open + 1, involvedFieldPath.size() - open - 2);
}

} // namespace quayside::kube
