#include "dashboard/DashboardPage.h"

#include "Theme.h"
#include "dashboard/DashboardHeader.h"
#include "dashboard/DeploymentsPanel.h"
#include "dashboard/EventTableModel.h"
#include "dashboard/LogView.h"
#include "dashboard/PodTableModel.h"
#include "dashboard/ResourcesPanel.h"
#include "diagnosis/EvidenceText.h"
#include "diagnosis/LiveDiagnosis.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "kube/MetricsPoller.h"
#include "problems/FindingsModel.h"
#include "problems/ProblemsPanel.h"
#include "session/ClusterSession.h"
#include "widgets/MessageBox.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
QTableView* makeTable(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(24);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QLineEdit* filterBox(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(placeholder);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}
} // namespace

DashboardPage::DashboardPage(ClusterSession* session, ToolRunner* runner, Workspace* workspace, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_header(new DashboardHeader(session, runner, workspace, this))
    , m_deployments(new DeploymentsPanel(this))
    , m_podModel(new PodTableModel(this))
    , m_podProxy(new QSortFilterProxyModel(this))
    , m_podTable(makeTable(QStringLiteral("podTable"), tr("Pods"), this))
    , m_podFilter(
          filterBox(QStringLiteral("podFilter"), tr("Filter pods by name, status, node or owner (Ctrl+L)"), this))
    , m_tabs(new QTabWidget(this))
    , m_logs(new LogView(this))
    , m_resources(new ResourcesPanel(runner, this))
    , m_eventModel(new EventTableModel(this))
    , m_eventProxy(new QSortFilterProxyModel(this))
    , m_eventTable(makeTable(QStringLiteral("eventTable"), tr("Events"), this))
    , m_eventFilter(filterBox(QStringLiteral("eventFilter"), tr("Filter events by object, e.g. pod/backend"), this))
    , m_sessionError(new QLabel(this))
    , m_findings(new FindingsModel(this))
    , m_problems(new ProblemsPanel(m_findings, this))
{
    m_sessionError->setObjectName(QStringLiteral("sessionError"));
    m_sessionError->setWordWrap(true);
    m_sessionError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::bindStyleSheet(m_sessionError, QStringLiteral("background: %1; color: %2; padding:8px; border-radius:4px;"),
                          { Theme::Role::ErrorBanner, Theme::Role::ErrorBannerText });
    m_sessionError->hide();
    m_podProxy->setSourceModel(m_podModel);
    m_podProxy->setSortRole(PodTableModel::SortRole);
    m_podProxy->setFilterRole(PodTableModel::FilterTextRole);
    m_podProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_podProxy->setDynamicSortFilter(true);
    m_podTable->setModel(m_podProxy);
    m_podTable->sortByColumn(PodTableModel::Name, Qt::AscendingOrder);
    m_podTable->setContextMenuPolicy(Qt::CustomContextMenu);
    // Columns are sized to their contents once the first list is in, then left alone: ResizeToContents
    // would measure every row on every change (seconds per second with 1,000 pods), and columns that
    // jump while the user reads are worse than a slightly tight one. Only the first rows are measured.
    m_podTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_podTable->horizontalHeader()->setResizeContentsPrecision(64);
    m_podTable->horizontalHeader()->setStretchLastSection(true);

    m_eventProxy->setSourceModel(m_eventModel);
    m_eventProxy->setFilterRole(EventTableModel::ObjectRole);
    m_eventProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_eventTable->setModel(m_eventProxy);
    // The model keeps newest first; sorting by a column is the user's choice.
    m_eventTable->setSortingEnabled(false);
    m_eventTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_eventTable->horizontalHeader()->setResizeContentsPrecision(64);
    m_eventTable->horizontalHeader()->setStretchLastSection(true);
    m_eventTable->horizontalHeader()->moveSection(EventTableModel::Message, EventTableModel::ColumnCount - 1);

    auto* deploymentsScroll = new QScrollArea(this);
    deploymentsScroll->setObjectName(QStringLiteral("deploymentsScroll"));
    deploymentsScroll->setWidgetResizable(true);
    deploymentsScroll->setFrameShape(QFrame::NoFrame);
    deploymentsScroll->setWidget(m_deployments);
    deploymentsScroll->setMinimumWidth(360);

    auto* podsBox = new QWidget(this);
    auto* podsLayout = new QVBoxLayout(podsBox);
    podsLayout->setContentsMargins(0, 0, 0, 0);
    auto* podsTitle = new QLabel(tr("<b>Pods</b>"), podsBox);
    podsLayout->addWidget(podsTitle);
    podsLayout->addWidget(m_podFilter);
    podsLayout->addWidget(m_podTable, 1);

    auto* deploymentsBox = new QWidget(this);
    auto* deploymentsLayout = new QVBoxLayout(deploymentsBox);
    deploymentsLayout->setContentsMargins(0, 0, 0, 0);
    deploymentsLayout->addWidget(new QLabel(tr("<b>Deployments</b>"), deploymentsBox));
    deploymentsLayout->addWidget(deploymentsScroll, 1);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("dashboardTopSplitter"));
    top->addWidget(deploymentsBox);
    top->addWidget(podsBox);
    top->setStretchFactor(1, 1);
    top->setSizes({ 380, 800 });

    auto* eventsBox = new QWidget(this);
    auto* eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 4, 0, 0);
    eventsLayout->addWidget(m_eventFilter);
    eventsLayout->addWidget(m_eventTable, 1);

    m_tabs->setObjectName(QStringLiteral("dashboardTabs"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_tabs->addTab(m_resources, tr("Resources"));
    m_tabs->addTab(eventsBox, tr("Events"));
    m_tabs->addTab(m_problems, tr("Problems"));

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->setObjectName(QStringLiteral("dashboardSplitter"));
    vertical->addWidget(top);
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_header);
    layout->addWidget(m_sessionError);
    layout->addWidget(vertical, 1);

    connect(m_podFilter, &QLineEdit::textChanged, m_podProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_eventFilter, &QLineEdit::textChanged, m_eventProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_podTable, &QTableView::customContextMenuRequested, this, &DashboardPage::showPodMenu);
    connect(m_podTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showPodLogs(podAt(index)); });
    connect(m_deployments, &DeploymentsPanel::logsRequested, this, &DashboardPage::showDeploymentLogs);
    connect(m_deployments, &DeploymentsPanel::diagnoseRequested, this,
            [this](const QString& deployment) { showProblems(QStringLiteral("Deployment"), deployment); });
    connect(m_header, &DashboardHeader::problemsRequested, this, [this] { showProblems(); });
    connect(m_problems, &ProblemsPanel::actionRequested, this, &DashboardPage::actionRequested);
    connect(m_findings, &FindingsModel::problemCountChanged, this, [this](int count) {
        m_header->setProblemCount(m_diagnosis && m_diagnosis->hasSynced() ? count : -1);
        m_tabs->setTabText(m_tabs->indexOf(m_problems), count > 0 ? tr("Problems (%1)").arg(count) : tr("Problems"));
    });
    connect(m_session, &ClusterSession::sourcesChanged, this, &DashboardPage::rebind);

    // Keyboard: Ctrl+F searches the logs, Ctrl+L filters pods. F5 (list everything again) is the
    // window's View → Refresh; a page shortcut beside it would make F5 ambiguous.
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_tabs->setCurrentWidget(m_logs);
        m_logs->focusSearch();
    });
    auto* filter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    filter->setContext(Qt::WidgetWithChildrenShortcut);
    connect(filter, &QShortcut::activated, this, [this] {
        m_podFilter->setFocus(Qt::ShortcutFocusReason);
        m_podFilter->selectAll();
    });
    rebind();
}

void DashboardPage::showSessionError(const QString& message)
{
    if (message.isEmpty()) {
        m_sessionError->hide();
        return;
    }
    m_sessionError->setText(tr("<b>No cluster to show.</b> %1<br>Start one with <code>minikube start</code>, or "
                               "pass <code>--kubeconfig</code>.")
                                .arg(message.toHtmlEscaped()));
    m_sessionError->show();
}

void DashboardPage::setDiagnosisContext(const diagnosis::DiagnosisContext& context)
{
    m_diagnosisContext = context;
    if (m_diagnosis)
        m_diagnosis->setContext(context);
}

void DashboardPage::showProblems(const QString& objectKind, const QString& objectName)
{
    m_tabs->setCurrentWidget(m_problems);
    if (!objectName.isEmpty())
        m_problems->showObject(objectKind, objectName);
    m_problems->list()->setFocus(Qt::OtherFocusReason);
}

void DashboardPage::updateProblemBadges()
{
    QHash<QString, QString> pods;
    QHash<QString, QString> deployments;
    if (m_diagnosis) {
        for (const diagnosis::Finding& f : m_diagnosis->findings()) {
            if (f.severity == diagnosis::Finding::Severity::Info)
                continue;
            if (f.objectKind == QLatin1String("Pod") && !pods.contains(f.objectName))
                pods.insert(f.objectName, f.summary);
            const QString deployment = f.objectKind == QLatin1String("Deployment") ? f.objectName : f.deployment;
            if (!deployment.isEmpty() && !deployments.contains(deployment))
                deployments.insert(deployment, f.summary);
        }
    }
    m_podModel->setProblems(pods);
    m_deployments->setProblems(deployments);
    m_header->setProblemCount(m_diagnosis && m_diagnosis->hasSynced() ? m_findings->problemCount() : -1);
}

void DashboardPage::rebind()
{
    // The old diagnosis reads the old informers: it goes with them.
    m_findings->setSource(nullptr);
    delete m_diagnosis;
    m_diagnosis = nullptr;
    kube::InformerSet* informers = m_session->informers();
    if (informers) {
        m_diagnosis = new diagnosis::LiveDiagnosis(informers, m_session->metrics(), m_session->client(),
                                                   m_diagnosisContext, this);
        m_findings->setSource(m_diagnosis);
        connect(m_diagnosis, &diagnosis::LiveDiagnosis::findingsChanged, this, &DashboardPage::updateProblemBadges);
    }
    updateProblemBadges();
    if (!informers) {
        m_podModel->setSource(nullptr, nullptr);
        m_eventModel->setSource(nullptr);
        m_deployments->setSource(nullptr, nullptr, {});
        m_resources->setSource(nullptr, nullptr, nullptr);
        return;
    }
    m_podModel->setSource(informers->pods(), informers->podView());
    m_eventModel->setSource(informers->events());
    m_deployments->setSource(informers->deployments(), m_session->operations(), m_session->nameSpace());
    m_resources->setSource(m_session->metrics(), informers->podView(), informers->nodes(),
                           m_session->target().minikubeProfile);
    if (kube::MetricsPoller* metrics = m_session->metrics()) {
        connect(metrics, &kube::MetricsPoller::updated, m_podModel, [this, metrics] {
            QHash<QString, PodUsage> usage;
            for (auto it = metrics->pods().cbegin(); it != metrics->pods().cend(); ++it)
                usage.insert(it.key(), { it->cpuMillicores, it->memoryBytes });
            m_podModel->setUsage(usage);
        });
    }
    m_header->rebind();
    m_logs->reset();
    // Until the user picks something, the log pane follows the first deployment, so a glance at the
    // dashboard (or a projector) already shows the app talking.
    if (kube::Informer* pods = informers->pods()) {
        connect(pods, &kube::Informer::synced, m_podTable, [this] { m_podTable->resizeColumnsToContents(); });
    }
    if (kube::Informer* events = informers->events()) {
        connect(events, &kube::Informer::synced, m_eventTable, [this] { m_eventTable->resizeColumnsToContents(); });
    }
    // On every list, not only the first: the refresh after the first deploy is a relist of these same
    // informers, and only then is there a deployment to follow.
    if (kube::Informer* deployments = informers->deployments()) {
        connect(deployments, &kube::Informer::relisted, m_logs, [this, deployments] {
            if (!m_logs->targetText().isEmpty())
                return;
            if (m_initialLogTarget.startsWith(QLatin1String("deploy/")))
                return showDeploymentLogs(m_initialLogTarget.mid(7));
            if (!m_initialLogTarget.isEmpty())
                return showPodLogs(m_initialLogTarget);
            QStringList names;
            for (const QJsonObject& d : deployments->store().objects())
                names << d[QLatin1String("metadata")][QLatin1String("name")].toString();
            names.sort();
            if (!names.isEmpty())
                m_logs->follow(m_session->client(), m_session->nameSpace(), {}, names.first());
        });
    }
}

QString DashboardPage::podAt(const QModelIndex& proxyIndex) const
{
    if (!proxyIndex.isValid())
        return {};
    const kube::PodSummary* pod = m_podModel->summaryAt(m_podProxy->mapToSource(proxyIndex).row());
    return pod ? pod->name : QString();
}

void DashboardPage::showPodMenu(const QPoint& position)
{
    const QString pod = podAt(m_podTable->indexAt(position));
    if (pod.isEmpty())
        return;
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("podMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Logs"), this, [this, pod] { showPodLogs(pod); })->setObjectName(QStringLiteral("podMenuLogs"));
    if (!m_podModel->problemOf(pod).isEmpty()) {
        menu->addAction(tr("Diagnose"), this, [this, pod] { showProblems(QStringLiteral("Pod"), pod); })
            ->setObjectName(QStringLiteral("podMenuDiagnose"));
    }
    menu->addAction(tr("Ask AI…"), this, [this, pod] { askAiAboutPod(pod); })
        ->setObjectName(QStringLiteral("podMenuAskAi"));
    menu->addAction(tr("Copy name"), this, [pod] { QGuiApplication::clipboard()->setText(pod); })
        ->setObjectName(QStringLiteral("podMenuCopy"));
    menu->addSeparator();
    menu->addAction(tr("Delete…"), this, [this, pod] { deletePod(pod); })
        ->setObjectName(QStringLiteral("podMenuDelete"));
    menu->popup(m_podTable->viewport()->mapToGlobal(position));
}

void DashboardPage::askAiAboutPod(const QString& pod)
{
    const kube::PodSummary* summary = nullptr;
    for (int row = 0; row < m_podModel->rowCount() && !summary; ++row) {
        if (m_podModel->summaryAt(row) && m_podModel->summaryAt(row)->name == pod)
            summary = m_podModel->summaryAt(row);
    }
    if (!summary)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The model is newest first: the pod's last ten events.
    QStringList events;
    const QString object = QStringLiteral("pod/") + pod;
    for (int row = 0; row < m_eventModel->rowCount() && events.size() < 10; ++row) {
        const EventTableModel::Event* e = m_eventModel->eventAt(row);
        if (!e || e->object != object)
            continue;
        events << QStringLiteral("%1 %2 (x%3, %4): %5")
                      .arg(e->type, e->reason)
                      .arg(e->count)
                      .arg(diagnosis::EvidenceText::ago(e->lastSeen, now), e->message);
    }
    // What the log view holds of this pod: all of it when it follows the pod, its prefixed lines when it
    // follows the pod's deployment; the last twenty.
    QStringList logs;
    const QString target = m_logs->targetText(); // "POD", "POD/CONTAINER" or "deploy/NAME"
    const bool followsPod = target == pod || target.startsWith(pod + QLatin1Char('/'));
    const QString prefix = QLatin1Char('[') + pod + QLatin1Char('/');
    for (const QString& line : m_logs->visibleLines()) {
        if (followsPod || line.startsWith(prefix))
            logs << line;
    }
    logs = logs.mid(std::max<qsizetype>(0, logs.size() - 20));
    ai::PromptVariables variables;
    variables.addPod(*summary, events, logs, now);
    Q_EMIT askAiAboutPodRequested(variables, variables.value(QStringLiteral("status")));
}

void DashboardPage::showPodLogs(const QString& pod)
{
    if (pod.isEmpty() || !m_session->client())
        return;
    m_tabs->setCurrentWidget(m_logs);
    m_logs->follow(m_session->client(), m_session->nameSpace(), pod, {});
}

void DashboardPage::showDeploymentLogs(const QString& deployment)
{
    if (deployment.isEmpty() || !m_session->client())
        return;
    m_tabs->setCurrentWidget(m_logs);
    m_logs->follow(m_session->client(), m_session->nameSpace(), {}, deployment);
}

void DashboardPage::deletePod(const QString& pod)
{
    MessageBox::confirm(this, tr("Delete %1?").arg(pod),
                        tr("Delete the pod <b>%1</b>? If a deployment owns it, a new pod replaces it (like "
                           "<code>kubectl delete pod %1</code>).")
                            .arg(pod),
                        tr("Delete pod"), [this, pod](bool accepted) {
                            if (!accepted || !m_session->operations())
                                return;
                            kube::KubeReply* reply = m_session->operations()->deletePod(m_session->nameSpace(), pod);
                            connect(reply, &kube::KubeReply::finished, this, [this, reply, pod] {
                                if (!reply->ok())
                                    m_podFilter->setPlaceholderText(
                                        tr("Could not delete %1: %2").arg(pod, reply->error().message()));
                            });
                        });
}

} // namespace quayside::ui
