#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace quayside::test {

// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics as metrics-server serves them: usage changes
// with every scrape window (15 s of the server's clock) yet is a pure function of the pod's name and
// the window, so a test can predict it.
class MetricsGenerator
{
public:
    static constexpr int windowSeconds = 15;

    // Metrics of a Running pod (no metrics for others, as metrics-server has none yet).
    static QJsonObject podMetrics(const QJsonObject& pod, const QDateTime& now);
    static QJsonObject nodeMetrics(const QJsonObject& node, const QList<QJsonObject>& pods, const QDateTime& now);
    // Quantities as metrics-server formats them.
    static QString nanoCores(qint64 nanocores) { return QString::number(nanocores) + QLatin1Char('n'); }
    static QString kibibytes(qint64 bytes) { return QString::number(bytes / 1024) + QStringLiteral("Ki"); }
    // Usage of one container in the window containing `now`.
    static qint64 cpuNanoCores(const QString& pod, const QString& container, const QDateTime& now);
    static qint64 memoryBytes(const QString& pod, const QString& container, const QDateTime& now);
};

} // namespace quayside::test
