#include "MetricsGenerator.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>

namespace quayside::test {

namespace {

quint32 hashOf(const QString& text)
{
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1);
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(digest.at(i));
    return value;
}

qint64 window(const QDateTime& now)
{
    return now.toSecsSinceEpoch() / MetricsGenerator::windowSeconds;
}

QString windowStart(const QDateTime& now)
{
    return QDateTime::fromSecsSinceEpoch(window(now) * MetricsGenerator::windowSeconds, Qt::UTC).toString(Qt::ISODate);
}

// A container the kernel OOM-killed was at its memory limit when metrics-server last saw it: 94-99% of
// spec...limits.memory (binary suffixes only, what charts write), or -1.
qint64 nearLimitBytes(const QJsonObject& pod, const QJsonObject& container, const QDateTime& now)
{
    const QString name = container.value(QStringLiteral("name")).toString();
    bool oomKilled = false;
    for (const QJsonValue& status :
         pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("containerStatuses")).toArray()) {
        const QJsonObject s = status.toObject();
        if (s.value(QStringLiteral("name")).toString() == name)
            oomKilled = s.value(QStringLiteral("lastState"))
                            .toObject()
                            .value(QStringLiteral("terminated"))
                            .toObject()
                            .value(QStringLiteral("reason"))
                == QLatin1String("OOMKilled");
    }
    const QString limit = container.value(QStringLiteral("resources"))
                              .toObject()
                              .value(QStringLiteral("limits"))
                              .toObject()
                              .value(QStringLiteral("memory"))
                              .toString();
    static const QHash<QString, qint64> factors { { QStringLiteral("Ki"), 1LL << 10 },
                                                  { QStringLiteral("Mi"), 1LL << 20 },
                                                  { QStringLiteral("Gi"), 1LL << 30 } };
    const qint64 factor = factors.value(limit.right(2));
    if (!oomKilled || factor == 0)
        return -1;
    const qint64 bytes = limit.chopped(2).toLongLong() * factor;
    const quint32 wobble = hashOf(QStringLiteral("oom:") + name + QLatin1Char('@') + QString::number(window(now)));
    return bytes / 100 * (94 + wobble % 6) / 4096 * 4096;
}

} // namespace

qint64 MetricsGenerator::cpuNanoCores(const QString& pod, const QString& container, const QDateTime& now)
{
    // A base of 1-40 millicores per container, varying by up to +/-50% per window.
    const quint32 base = hashOf(pod + QLatin1Char('/') + container);
    const quint32 wobble = hashOf(pod + QLatin1Char('/') + container + QLatin1Char('@') + QString::number(window(now)));
    const qint64 baseNano = (1 + base % 40) * 1000000LL;
    return baseNano / 2 + static_cast<qint64>(wobble % static_cast<quint32>(baseNano)) + (wobble % 997);
}

qint64 MetricsGenerator::memoryBytes(const QString& pod, const QString& container, const QDateTime& now)
{
    const quint32 base = hashOf(QStringLiteral("mem:") + pod + QLatin1Char('/') + container);
    const quint32 wobble = hashOf(QStringLiteral("mem:") + pod + QLatin1Char('@') + QString::number(window(now)));
    const qint64 baseBytes = (40 + base % 160) * 1024LL * 1024LL;
    return baseBytes + static_cast<qint64>(wobble % (8 * 1024 * 1024)) / 4096 * 4096;
}

QJsonObject MetricsGenerator::podMetrics(const QJsonObject& pod, const QDateTime& now)
{
    const QJsonObject metadata = pod.value(QStringLiteral("metadata")).toObject();
    const QString name = metadata.value(QStringLiteral("name")).toString();
    QJsonArray containers;
    for (const QJsonValue& value :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const QString container = value.toObject().value(QStringLiteral("name")).toString();
        const qint64 nearLimit = nearLimitBytes(pod, value.toObject(), now);
        const qint64 memory = nearLimit >= 0 ? nearLimit : memoryBytes(name, container, now);
        containers.append(
            QJsonObject { { QStringLiteral("name"), container },
                          { QStringLiteral("usage"),
                            QJsonObject { { QStringLiteral("cpu"), nanoCores(cpuNanoCores(name, container, now)) },
                                          { QStringLiteral("memory"), kibibytes(memory) } } } });
    }
    QJsonObject metricsMetadata { { QStringLiteral("name"), name },
                                  { QStringLiteral("namespace"), metadata.value(QStringLiteral("namespace")) },
                                  { QStringLiteral("creationTimestamp"), now.toString(Qt::ISODate) } };
    if (metadata.contains(QStringLiteral("labels")))
        metricsMetadata.insert(QStringLiteral("labels"), metadata.value(QStringLiteral("labels")));
    return { { QStringLiteral("kind"), QStringLiteral("PodMetrics") },
             { QStringLiteral("apiVersion"), QStringLiteral("metrics.k8s.io/v1beta1") },
             { QStringLiteral("metadata"), metricsMetadata },
             { QStringLiteral("timestamp"), windowStart(now) },
             { QStringLiteral("window"), QStringLiteral("15s") },
             { QStringLiteral("containers"), containers } };
}

QJsonObject MetricsGenerator::nodeMetrics(const QJsonObject& node, const QList<QJsonObject>& pods, const QDateTime& now)
{
    const QJsonObject metadata = node.value(QStringLiteral("metadata")).toObject();
    const QString name = metadata.value(QStringLiteral("name")).toString();
    // The system's own share (kubelet, docker, the control plane pods) plus the workload.
    qint64 cpu = 180000000LL + cpuNanoCores(name, QStringLiteral("system"), now);
    qint64 memory = 900LL * 1024 * 1024 + memoryBytes(name, QStringLiteral("system"), now);
    for (const QJsonObject& pod : pods) {
        const QString podName
            = pod.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        for (const QJsonValue& value :
             pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
            const QString container = value.toObject().value(QStringLiteral("name")).toString();
            cpu += cpuNanoCores(podName, container, now);
            memory += memoryBytes(podName, container, now);
        }
    }
    QJsonObject metricsMetadata { { QStringLiteral("name"), name },
                                  { QStringLiteral("creationTimestamp"), now.toString(Qt::ISODate) } };
    if (metadata.contains(QStringLiteral("labels")))
        metricsMetadata.insert(QStringLiteral("labels"), metadata.value(QStringLiteral("labels")));
    return { { QStringLiteral("kind"), QStringLiteral("NodeMetrics") },
             { QStringLiteral("apiVersion"), QStringLiteral("metrics.k8s.io/v1beta1") },
             { QStringLiteral("metadata"), metricsMetadata },
             { QStringLiteral("timestamp"), windowStart(now) },
             { QStringLiteral("window"), QStringLiteral("15s") },
             { QStringLiteral("usage"),
               QJsonObject { { QStringLiteral("cpu"), nanoCores(cpu) },
                             { QStringLiteral("memory"), kibibytes(memory) } } } };
}

} // namespace quayside::test
