#pragma once

#include "dashboard/MetricsHistory.h"

#include <QHash>
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace quayside {
class Clock;
class ToolRunner;
} // namespace quayside
namespace quayside::kube {
class Informer;
class MetricsPoller;
class PodView;
} // namespace quayside::kube

namespace quayside::ui {

// CPU (millicores) and memory (MiB) of every pod over the last 15 minutes, from metrics.k8s.io, with
// each deployment's requests and limits as dashed lines and the node's totals above. Without
// metrics-server it says so and offers the one command that fixes it.
class ResourcesPanel : public QWidget
{
    Q_OBJECT
public:
    ResourcesPanel(ToolRunner* runner, QWidget* parent = nullptr);
    static constexpr int kMaxDrawnPods = 12;

    void setSource(kube::MetricsPoller* metrics, kube::PodView* pods, const kube::Informer* nodes,
                   const QString& minikubeProfile = {}); // empty: not a minikube (no addon to enable)
    void setClock(const Clock* clock);

    const MetricsHistory& history() const { return m_history; }
    QLineSeries* cpuSeries(const QString& pod) const { return m_cpuSeries.value(pod); }
    QLineSeries* memorySeries(const QString& pod) const { return m_memorySeries.value(pod); }

    // What the poller's updated() triggers; public for tests.
    void onMetrics();

    // minikube addons enable metrics-server (the panel's button; the diagnosis's action).
    void enableMetricsServer();

private:
    void onUnavailable(const QString& message);
    void rebuildLimits();
    void updateNodeTotals();
    void updateAxes();
    // Chart background, text, grid and every line in the theme's colours (on start and on changed()).
    void applyTheme();
    QLineSeries* seriesFor(QChart* chart, QHash<QString, QLineSeries*>& map, const QString& pod, QDateTimeAxis* x,
                           QValueAxis* y);

    ToolRunner* m_runner;
    const Clock* m_clock;
    kube::MetricsPoller* m_metrics = nullptr;
    kube::PodView* m_pods = nullptr;
    const kube::Informer* m_nodes = nullptr;
    QString m_profile;
    MetricsHistory m_history;

    QLabel* m_nodeTotals;
    QWidget* m_missing;
    QLabel* m_missingText;
    QPushButton* m_enable;
    QLabel* m_limitsCaption;
    QLabel* m_drawnNote;
    QString m_limitsKey;
    QChartView* m_cpuView;
    QChartView* m_memoryView;
    QChart* m_cpuChart;
    QChart* m_memoryChart;
    QDateTimeAxis* m_cpuX;
    QDateTimeAxis* m_memoryX;
    QValueAxis* m_cpuY;
    QValueAxis* m_memoryY;
    QHash<QString, QLineSeries*> m_cpuSeries;
    QHash<QString, QLineSeries*> m_memorySeries;
    QList<QLineSeries*> m_limitSeries;
    QHash<QString, int> m_colors; // pod → series index; the colour is the theme's for it
};

} // namespace quayside::ui
