#include "kube/NodeSummary.h"

#include "kube/Quantity.h"

#include <QJsonArray>

namespace quayside::kube {

namespace {

std::int64_t quantity(const QJsonObject& resources, const char* name, bool milli)
{
    const QJsonValue value = resources.value(QLatin1String(name));
    if (!value.isString())
        return -1;
    const auto q = Quantity::parse(value.toString());
    if (!q)
        return -1;
    return milli ? q->milliValue() : q->value();
}

} // namespace

NodeSummary NodeSummary::fromJson(const QJsonObject& node)
{
    NodeSummary n;
    n.name = node.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    const QJsonObject spec = node.value(QLatin1String("spec")).toObject();
    const QJsonObject status = node.value(QLatin1String("status")).toObject();
    n.unschedulable = spec.value(QLatin1String("unschedulable")).toBool();
    const QJsonObject capacity = status.value(QLatin1String("capacity")).toObject();
    const QJsonObject allocatable = status.value(QLatin1String("allocatable")).toObject();
    n.cpuCapacityMillicores = quantity(capacity, "cpu", true);
    n.memoryCapacityBytes = quantity(capacity, "memory", false);
    n.cpuAllocatableMillicores = quantity(allocatable, "cpu", true);
    n.memoryAllocatableBytes = quantity(allocatable, "memory", false);
    for (const QJsonValue& v : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            n.ready = c.value(QLatin1String("status")).toString() == QLatin1String("True");
    }
    for (const QJsonValue& v : spec.value(QLatin1String("taints")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString value = t.value(QLatin1String("value")).toString();
        n.taints.append(t.value(QLatin1String("key")).toString()
                        + (value.isEmpty() ? QString() : QString(QLatin1Char('=') + value)) + QLatin1Char(':')
                        + t.value(QLatin1String("effect")).toString());
    }
    return n;
}

} // namespace quayside::kube
