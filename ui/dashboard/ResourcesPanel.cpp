#include "dashboard/ResourcesPanel.h"

#include "Theme.h"
#include "core/Clock.h"
#include "kube/Informer.h"
#include "kube/MetricsPoller.h"
#include "kube/PodView.h"
#include "kube/Quantity.h"
#include "process/ToolRunner.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QPushButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace quayside::ui {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;

QChart* makeChart(const QString& title, QDateTimeAxis** x, QValueAxis** y, const QString& unit)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation); // animations on a live chart only cost frames
    *x = new QDateTimeAxis;
    (*x)->setFormat(QStringLiteral("HH:mm"));
    (*x)->setTickCount(4);
    *y = new QValueAxis;
    (*y)->setLabelFormat(QStringLiteral("%.0f"));
    (*y)->setTitleText(unit);
    (*y)->setMin(0);
    chart->addAxis(*x, Qt::AlignBottom);
    chart->addAxis(*y, Qt::AlignLeft);
    return chart;
}
} // namespace

ResourcesPanel::ResourcesPanel(ToolRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_clock(&Clock::instance())
    , m_nodeTotals(new QLabel(this))
    , m_missing(new QWidget(this))
    , m_missingText(new QLabel(m_missing))
    , m_enable(new QPushButton(tr("Enable metrics-server"), m_missing))
    , m_limitsCaption(new QLabel(this))
    , m_drawnNote(new QLabel(this))
{
    m_drawnNote->setObjectName(QStringLiteral("drawnPodsNote"));
    m_drawnNote->hide();
    m_limitsCaption->setObjectName(QStringLiteral("limitsCaption"));
    m_limitsCaption->setTextFormat(Qt::RichText);
    m_limitsCaption->setWordWrap(true);
    setObjectName(QStringLiteral("resourcesPanel"));
    m_nodeTotals->setObjectName(QStringLiteral("nodeTotals"));
    m_nodeTotals->setTextFormat(Qt::RichText);
    m_missing->setObjectName(QStringLiteral("metricsMissing"));
    m_missingText->setObjectName(QStringLiteral("metricsMissingText"));
    m_missingText->setWordWrap(true);
    m_enable->setObjectName(QStringLiteral("enableMetricsServer"));
    m_enable->setAccessibleName(tr("Enable metrics-server (minikube addons enable metrics-server)"));
    m_enable->setToolTip(tr("Runs: minikube addons enable metrics-server"));
    auto* missingLayout = new QHBoxLayout(m_missing);
    missingLayout->setContentsMargins(10, 6, 10, 6);
    missingLayout->addWidget(m_missingText, 1);
    missingLayout->addWidget(m_enable);
    m_missing->setAutoFillBackground(true);
    Theme::bindPalette(
        m_missing,
        { { QPalette::Window, Theme::Role::WarningBanner }, { QPalette::WindowText, Theme::Role::WarningBannerText } });
    m_missing->hide();

    m_cpuChart = makeChart(tr("CPU (millicores)"), &m_cpuX, &m_cpuY, tr("m"));
    m_memoryChart = makeChart(tr("Memory (MiB)"), &m_memoryX, &m_memoryY, tr("MiB"));
    m_cpuView = new QChartView(m_cpuChart, this);
    m_memoryView = new QChartView(m_memoryChart, this);
    m_cpuView->setObjectName(QStringLiteral("cpuChart"));
    m_memoryView->setObjectName(QStringLiteral("memoryChart"));
    m_cpuView->setAccessibleName(tr("CPU of each pod over the last 15 minutes"));
    m_memoryView->setAccessibleName(tr("Memory of each pod over the last 15 minutes"));
    for (QChartView* view : { m_cpuView, m_memoryView }) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
    }
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_cpuView);
    charts->addWidget(m_memoryView);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_missing);
    layout->addWidget(m_nodeTotals);
    layout->addLayout(charts, 1);
    layout->addWidget(m_limitsCaption);
    layout->addWidget(m_drawnNote);
    connect(m_enable, &QPushButton::clicked, this, &ResourcesPanel::enableMetricsServer);
    updateAxes();
    Theme::bind(this, [this] { applyTheme(); });
}

void ResourcesPanel::applyTheme()
{
    const QColor text = Theme::color(Theme::Role::ChartText);
    const QColor grid = Theme::color(Theme::Role::ChartGrid);
    for (QChart* chart : { m_cpuChart, m_memoryChart }) {
        chart->setBackgroundBrush(Theme::color(Theme::Role::ChartBackground));
        chart->setTitleBrush(text);
        chart->legend()->setLabelColor(text);
        for (QAbstractAxis* axis : chart->axes()) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
    }
    for (auto* map : { &m_cpuSeries, &m_memorySeries }) {
        for (auto it = map->cbegin(); it != map->cend(); ++it)
            it.value()->setPen(QPen(Theme::series(m_colors.value(it.key())), 2));
    }
    // Requests are dashed, limits dotted: the style says which one a line is.
    for (QLineSeries* s : std::as_const(m_limitSeries)) {
        QPen pen = s->pen();
        pen.setColor(Theme::color(pen.style() == Qt::DotLine ? Theme::Role::ChartLimit : Theme::Role::ChartRequest));
        s->setPen(pen);
    }
}

void ResourcesPanel::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::instance();
}

void ResourcesPanel::setSource(kube::MetricsPoller* metrics, kube::PodView* pods, const kube::Informer* nodes,
                               const QString& minikubeProfile)
{
    if (m_metrics)
        m_metrics->disconnect(this);
    m_metrics = metrics;
    m_pods = pods;
    m_nodes = nodes;
    m_profile = minikubeProfile;
    // Enabling the addon is a minikube command; other clusters install metrics-server their own way.
    m_enable->setVisible(!m_profile.isEmpty());
    m_history.clear();
    for (QLineSeries* s : std::as_const(m_cpuSeries))
        m_cpuChart->removeSeries(s), delete s;
    for (QLineSeries* s : std::as_const(m_memorySeries))
        m_memoryChart->removeSeries(s), delete s;
    m_cpuSeries.clear();
    m_memorySeries.clear();
    rebuildLimits();
    if (m_metrics) {
        connect(m_metrics, &kube::MetricsPoller::updated, this, &ResourcesPanel::onMetrics);
        connect(m_metrics, &kube::MetricsPoller::unavailable, this, &ResourcesPanel::onUnavailable);
    }
    if (m_nodes)
        connect(m_nodes, &kube::Informer::objectsChanged, this, &ResourcesPanel::updateNodeTotals);
    updateNodeTotals();
}

QLineSeries* ResourcesPanel::seriesFor(QChart* chart, QHash<QString, QLineSeries*>& map, const QString& pod,
                                       QDateTimeAxis* x, QValueAxis* y)
{
    if (QLineSeries* existing = map.value(pod))
        return existing;
    auto* series = new QLineSeries;
    series->setName(pod);
    auto index = m_colors.constFind(pod);
    if (index == m_colors.constEnd())
        index = m_colors.insert(pod, static_cast<int>(m_colors.size()));
    series->setPen(QPen(Theme::series(*index), 2));
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    map.insert(pod, series);
    return series;
}

void ResourcesPanel::onMetrics()
{
    if (!m_metrics)
        return;
    m_missing->hide();
    const QDateTime now = m_clock->now();
    for (auto it = m_metrics->pods().cbegin(); it != m_metrics->pods().cend(); ++it) {
        const QDateTime time = it->timestamp.isValid() ? it->timestamp : now;
        m_history.add(it.key(), { time, it->cpuMillicores, it->memoryBytes });
    }
    m_history.prune(now);

    // A line per pod stops being readable (and cheap) long before 1,000 pods: draw the busiest ones.
    QStringList pods = m_history.pods();
    const int total = static_cast<int>(pods.size());
    if (total > kMaxDrawnPods) {
        auto latestCpu = [this](const QString& pod) {
            const auto& samples = m_history.samples(pod);
            return samples.isEmpty() ? qint64(0) : samples.last().cpuMillicores;
        };
        std::stable_sort(pods.begin(), pods.end(),
                         [&](const QString& a, const QString& b) { return latestCpu(a) > latestCpu(b); });
        pods = pods.mid(0, kMaxDrawnPods);
        pods.sort();
    }
    m_drawnNote->setVisible(total > kMaxDrawnPods);
    m_drawnNote->setText(tr("Showing the %1 busiest of %2 pods.").arg(kMaxDrawnPods).arg(total));

    // Series follow the history: points replaced in one call per series (no per-point signals).
    for (const QString& pod : std::as_const(pods)) {
        QList<QPointF> cpu;
        QList<QPointF> memory;
        for (const auto& sample : m_history.samples(pod)) {
            const double t = static_cast<double>(sample.time.toMSecsSinceEpoch());
            cpu.append({ t, static_cast<double>(sample.cpuMillicores) });
            memory.append({ t, static_cast<double>(sample.memoryBytes) / kMiB });
        }
        seriesFor(m_cpuChart, m_cpuSeries, pod, m_cpuX, m_cpuY)->replace(cpu);
        seriesFor(m_memoryChart, m_memorySeries, pod, m_memoryX, m_memoryY)->replace(memory);
    }
    const QStringList drawn = m_cpuSeries.keys();
    for (const QString& gone : drawn) {
        if (pods.contains(gone))
            continue;
        QLineSeries* c = m_cpuSeries.take(gone);
        m_cpuChart->removeSeries(c);
        delete c;
        QLineSeries* m = m_memorySeries.take(gone);
        m_memoryChart->removeSeries(m);
        delete m;
    }
    rebuildLimits();
    updateNodeTotals();
    updateAxes();
}

void ResourcesPanel::rebuildLimits()
{
    // Requests and limits change only with a new pod template; recreating their series (and legend
    // markers) every poll would cost more than all the pod lines together.
    QString key;
    if (m_pods) {
        QStringList parts;
        for (const kube::PodSummary& pod : m_pods->summaries()) {
            if (!pod.deployment.isEmpty() && m_cpuSeries.contains(pod.name))
                parts << pod.deployment + QLatin1Char(':') + QString::number(pod.cpuRequestMillicores())
                        + QLatin1Char('/') + QString::number(pod.memoryRequestBytes());
        }
        parts.removeDuplicates();
        parts.sort();
        key = parts.join(QLatin1Char(','));
    }
    const QDateTime now = m_clock->now();
    if (key == m_limitsKey && !m_limitSeries.isEmpty()) {
        const double from = static_cast<double>(now.addSecs(-m_history.window().count()).toMSecsSinceEpoch());
        const double to = static_cast<double>(now.toMSecsSinceEpoch());
        for (QLineSeries* s : std::as_const(m_limitSeries)) {
            const double y = s->at(0).y();
            s->replace({ QPointF(from, y), QPointF(to, y) });
        }
        return;
    }
    m_limitsKey = key;
    for (QLineSeries* s : std::as_const(m_limitSeries)) {
        if (QChart* chart = s->chart())
            chart->removeSeries(s);
        delete s;
    }
    m_limitSeries.clear();
    if (!m_pods)
        return;
    // One request and one limit line per deployment: its pods share a template.
    QHash<QString, kube::PodSummary> byDeployment;
    for (const kube::PodSummary& pod : m_pods->summaries()) {
        if (!m_cpuSeries.contains(pod.name))
            continue; // lines only for what is drawn
        const QString group = pod.deployment.isEmpty() ? pod.name : pod.deployment;
        if (!byDeployment.contains(group))
            byDeployment.insert(group, pod);
    }
    const double from = static_cast<double>(now.addSecs(-m_history.window().count()).toMSecsSinceEpoch());
    const double to = static_cast<double>(now.toMSecsSinceEpoch());
    auto addLine = [&](QChart* chart, QDateTimeAxis* x, QValueAxis* y, const QString& name, double value,
                       Qt::PenStyle style, const QColor& color) {
        if (value < 0)
            return;
        auto* s = new QLineSeries;
        s->setName(name);
        s->setPen(QPen(color, 1.5, style));
        s->append(from, value);
        s->append(to, value);
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        // The legend names pods; the caption under the charts explains the dashed lines.
        for (QLegendMarker* marker : chart->legend()->markers(s))
            marker->setVisible(false);
        m_limitSeries.append(s);
    };
    QStringList names = byDeployment.keys();
    names.sort();
    QStringList caption;
    for (const QString& name : names) {
        const kube::PodSummary& pod = byDeployment[name];
        std::int64_t cpuLimit = 0;
        std::int64_t memLimit = 0;
        for (const auto& c : pod.containers) {
            if (!c.init) {
                cpuLimit += std::max<std::int64_t>(0, c.cpuLimitMillicores);
                memLimit += std::max<std::int64_t>(0, c.memoryLimitBytes);
            }
        }
        const QColor requestColor = Theme::color(Theme::Role::ChartRequest);
        const QColor limitColor = Theme::color(Theme::Role::ChartLimit);
        addLine(m_cpuChart, m_cpuX, m_cpuY, tr("%1 request").arg(name), static_cast<double>(pod.cpuRequestMillicores()),
                Qt::DashLine, requestColor);
        addLine(m_cpuChart, m_cpuX, m_cpuY, tr("%1 limit").arg(name), cpuLimit > 0 ? static_cast<double>(cpuLimit) : -1,
                Qt::DotLine, limitColor);
        const std::int64_t memRequest = pod.memoryRequestBytes();
        addLine(m_memoryChart, m_memoryX, m_memoryY, tr("%1 request").arg(name),
                memRequest > 0 ? static_cast<double>(memRequest) / kMiB : -1, Qt::DashLine, requestColor);
        addLine(m_memoryChart, m_memoryX, m_memoryY, tr("%1 limit").arg(name),
                memLimit > 0 ? static_cast<double>(memLimit) / kMiB : -1, Qt::DotLine, limitColor);
        auto text = [](std::int64_t v, bool cpu) {
            if (v <= 0)
                return QStringLiteral("–");
            return cpu ? kube::Quantity::formatMillicores(v) : kube::Quantity::formatBytes(v);
        };
        caption << tr("<b>%1</b> CPU %2 / %3, memory %4 / %5")
                       .arg(name, text(pod.cpuRequestMillicores(), true), text(cpuLimit, true),
                            text(pod.memoryRequestBytes(), false), text(memLimit, false));
    }
    m_limitsCaption->setText(caption.isEmpty()
                                 ? QString()
                                 : tr("Requests (dashed) / limits (dotted): ") + caption.join(QStringLiteral(" · ")));
}

void ResourcesPanel::updateAxes()
{
    // The last 15 minutes at most; a younger history fills the width instead of hugging the right edge.
    const QDateTime now = m_clock->now();
    QDateTime from = now.addSecs(-m_history.window().count());
    QDateTime oldest = now;
    for (const QString& pod : m_history.pods()) {
        const auto& samples = m_history.samples(pod);
        if (!samples.isEmpty() && samples.first().time < oldest)
            oldest = samples.first().time;
    }
    if (oldest > from)
        from = std::min(oldest, now.addSecs(-60));
    m_cpuX->setRange(from.toLocalTime(), now.toLocalTime());
    m_memoryX->setRange(from.toLocalTime(), now.toLocalTime());
    m_cpuX->setFormat(from.secsTo(now) < 600 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
    m_memoryX->setFormat(m_cpuX->format());
    // Fit the usage: an idle pod next to a 1-core limit would otherwise be a flat line at zero. A
    // request or limit is brought into view when it is close enough to matter (within 3x usage).
    double cpuMax = 0;
    double memMax = 0;
    auto grow = [](const QList<QLineSeries*>& list, double& max) {
        for (QLineSeries* s : list) {
            for (const QPointF& p : s->points())
                max = std::max(max, p.y());
        }
    };
    grow(m_cpuSeries.values(), cpuMax);
    grow(m_memorySeries.values(), memMax);
    const double cpuUsage = std::max(cpuMax, 10.0);
    const double memUsage = std::max(memMax, 32.0);
    cpuMax = cpuUsage;
    memMax = memUsage;
    for (QLineSeries* s : std::as_const(m_limitSeries)) {
        if (s->points().isEmpty())
            continue;
        const double value = s->points().constFirst().y();
        if (s->chart() == m_cpuChart && value <= cpuUsage * 3)
            cpuMax = std::max(cpuMax, value);
        else if (s->chart() == m_memoryChart && value <= memUsage * 3)
            memMax = std::max(memMax, value);
    }
    m_cpuY->setRange(0, cpuMax * 1.25);
    m_memoryY->setRange(0, memMax * 1.25);
    m_cpuY->applyNiceNumbers();
    m_memoryY->applyNiceNumbers();
}

void ResourcesPanel::updateNodeTotals()
{
    if (!m_nodes) {
        m_nodeTotals->clear();
        return;
    }
    QStringList lines;
    for (const QJsonObject& node : m_nodes->store().objects()) {
        const QString name = node.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const QJsonObject allocatable
            = node.value(QLatin1String("status")).toObject().value(QLatin1String("allocatable")).toObject();
        const auto cpuTotal
            = kube::Quantity::parseOrZero(allocatable.value(QLatin1String("cpu")).toString()).milliValue();
        const auto memTotal
            = kube::Quantity::parseOrZero(allocatable.value(QLatin1String("memory")).toString()).value();
        QString line
            = tr("<b>Node %1</b>: %2 CPU, %3 memory allocatable")
                  .arg(name, kube::Quantity::formatMillicores(cpuTotal), kube::Quantity::formatBytes(memTotal));
        if (m_metrics) {
            if (auto usage = m_metrics->node(name)) {
                const auto pct = [](std::int64_t used, std::int64_t total) {
                    return total > 0 ? QStringLiteral(" (%1%)").arg(used * 100 / total) : QString();
                };
                line = tr("<b>Node %1</b>: CPU %2 of %3%4 · memory %5 of %6%7")
                           .arg(name, kube::Quantity::formatMillicores(usage->cpuMillicores),
                                kube::Quantity::formatMillicores(cpuTotal), pct(usage->cpuMillicores, cpuTotal),
                                kube::Quantity::formatBytes(usage->memoryBytes), kube::Quantity::formatBytes(memTotal),
                                pct(usage->memoryBytes, memTotal));
            }
        }
        lines << line;
    }
    m_nodeTotals->setText(lines.join(QStringLiteral("<br>")));
}

void ResourcesPanel::onUnavailable(const QString& message)
{
    m_missingText->setText(tr("<b>No CPU and memory numbers:</b> %1").arg(message.toHtmlEscaped()));
    m_missing->show();
}

void ResourcesPanel::enableMetricsServer()
{
    if (!m_runner)
        return;
    m_enable->setEnabled(false);
    m_enable->setToolTip(tr("Enabling metrics-server…"));
    m_missingText->setText(tr("Running <code>minikube addons enable metrics-server</code>… the first numbers arrive "
                              "about a minute after it starts."));
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments = { QStringLiteral("addons"), QStringLiteral("enable"), QStringLiteral("metrics-server"),
                          QStringLiteral("-p"), m_profile };
    command.timeout = std::chrono::minutes(3);
    ToolJob* job = m_runner->start(command, this);
    connect(job, &ToolJob::finished, this, [this](const ToolResult& result) {
        m_enable->setEnabled(true);
        m_enable->setToolTip(tr("Runs: minikube addons enable metrics-server"));
        if (result.ok()) {
            m_missingText->setText(tr("metrics-server is enabled; waiting for its first numbers…"));
            if (m_metrics)
                m_metrics->pollNow();
        } else {
            m_missingText->setText(
                tr("<b>Could not enable metrics-server:</b> %1").arg(result.describeFailure().toHtmlEscaped()));
        }
    });
}

} // namespace quayside::ui
