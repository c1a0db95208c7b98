#include "dashboard/DashboardHeader.h"

#include "Theme.h"
#include "core/Clock.h"
#include "dashboard/StatusTone.h"
#include "dashboard/TargetSwitcher.h"
#include "doctor/ToolOutputParser.h"
#include "kube/ConnectionState.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "process/ToolRunner.h"
#include "session/AppUrl.h"
#include "session/ClusterSession.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>

namespace quayside::ui {

namespace {
QLabel* pill(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    return label;
}
// A mark per tone, not only a colour: ✔ up, ✘ down, ◐ on its way, – unknown.
QString dot(StatusTone tone)
{
    QString mark = QStringLiteral("●");
    switch (tone) {
    case StatusTone::Good:
        mark = QStringLiteral("✔");
        break;
    case StatusTone::Bad:
        mark = QStringLiteral("✘");
        break;
    case StatusTone::Progress:
        mark = QStringLiteral("◐");
        break;
    case StatusTone::Gone:
        mark = QStringLiteral("–");
        break;
    case StatusTone::Neutral:
        break;
    }
    return QStringLiteral("<span style=\"color:%1\">%2</span> ").arg(toneColor(tone).name(), mark);
}
} // namespace

DashboardHeader::DashboardHeader(ClusterSession* session, ToolRunner* runner, Workspace* workspace, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_runner(runner)
    , m_switcher(new TargetSwitcher(workspace, session, this))
    , m_server(pill(QStringLiteral("headerContext"), this))
    , m_connection(pill(QStringLiteral("headerConnection"), this))
    , m_minikube(pill(QStringLiteral("headerMinikube"), this))
    , m_urlLabel(pill(QStringLiteral("headerUrl"), this))
    , m_open(new QPushButton(tr("Open app"), this))
    , m_health(new QPushButton(this))
{
    m_health->setObjectName(QStringLiteral("healthSummary"));
    m_health->setAccessibleName(tr("Health of the namespace"));
    m_health->setFlat(true);
    m_health->setCursor(Qt::PointingHandCursor);
    connect(m_health, &QPushButton::clicked, this, &DashboardHeader::problemsRequested);
    setProblemCount(-1);
    setObjectName(QStringLiteral("dashboardHeader"));
    m_open->setObjectName(QStringLiteral("openAppButton"));
    m_open->setAccessibleName(tr("Open the app in the browser"));
    m_open->setEnabled(false);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connection->setAccessibleName(tr("Connection"));
    m_minikube->setAccessibleName(tr("Minikube status"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_switcher);
    layout->addWidget(m_server);
    layout->addSpacing(12);
    layout->addWidget(m_connection);
    layout->addSpacing(12);
    layout->addWidget(m_minikube);
    layout->addSpacing(12);
    layout->addWidget(m_health);
    layout->addStretch(1);
    layout->addWidget(m_urlLabel);
    layout->addWidget(m_open);

    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_url.isValid())
            QDesktopServices::openUrl(m_url);
    });
    // "reconnecting in N s" counts down.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &DashboardHeader::updateConnection);
    m_tick.start();
    m_minikubeTimer.setInterval(30'000);
    connect(&m_minikubeTimer, &QTimer::timeout, this, &DashboardHeader::refreshMinikube);
    m_minikubeTimer.start();
    rebind();
    refreshMinikube();
    // The rich text carries theme colours: write it again in the new ones (minikube's line waits for
    // its next poll rather than running minikube again).
    connect(Theme::instance(), &Theme::changed, this, [this] {
        // QLabel::setText ignores the same text, and a rich text's link colour is fixed when it is set.
        for (QLabel* label : { m_server, m_connection, m_urlLabel })
            label->clear();
        updateServer();
        updateConnection();
        updateUrl();
    });
}

void DashboardHeader::updateServer()
{
    m_server->setText(m_session->isOpen() ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                                                .arg(Theme::color(Theme::Role::SecondaryText).name(),
                                                     m_session->serverDisplay().toHtmlEscaped())
                                          : tr("<b>No cluster</b>"));
}

void DashboardHeader::setProblemCount(int count)
{
    // An icon besides the colour, so the state reads without telling green from red.
    if (count < 0) {
        m_health->setIcon({});
        m_health->setText(tr("Diagnosis: waiting for the cluster"));
        m_health->setToolTip({});
        return;
    }
    m_health->setIcon(style()->standardIcon(count == 0 ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning));
    m_health->setText(count == 0 ? tr("All healthy") : count == 1 ? tr("1 problem") : tr("%1 problems").arg(count));
    m_health->setToolTip(count == 0 ? tr("Nothing in this namespace needs attention")
                                    : tr("Open the Problems tab: why, the evidence, and what to do"));
}

QComboBox* DashboardHeader::namespaceBox() const
{
    return m_switcher->namespaceBox();
}

QComboBox* DashboardHeader::contextBox() const
{
    return m_switcher->contextBox();
}

void DashboardHeader::rebind()
{
    updateServer();
    m_switcher->refresh();
    if (kube::InformerSet* informers = m_session->informers()) {
        connect(informers->connectionState(), &kube::ConnectionState::changed, this,
                &DashboardHeader::updateConnection);
        for (kube::Informer* informer : { informers->services(), informers->nodes() }) {
            if (informer)
                connect(informer, &kube::Informer::objectsChanged, this, &DashboardHeader::updateUrl);
        }
    }
    updateConnection();
    updateUrl();
}

QString DashboardHeader::connectionText() const
{
    kube::InformerSet* informers = m_session->informers();
    if (!informers)
        return tr("not connected");
    return informers->connectionState()->text(Clock::instance());
}

void DashboardHeader::updateConnection()
{
    kube::InformerSet* informers = m_session->informers();
    StatusTone tone = StatusTone::Gone;
    if (informers) {
        switch (informers->connectionState()->status()) {
        case kube::ConnectionState::Status::Connected:
            tone = StatusTone::Good;
            break;
        case kube::ConnectionState::Status::Connecting:
        case kube::ConnectionState::Status::Reconnecting:
            tone = StatusTone::Progress;
            break;
        case kube::ConnectionState::Status::Error:
            tone = StatusTone::Bad;
            break;
        }
    }
    const QString text = connectionText();
    m_connection->setText(dot(tone) + text.left(90).toHtmlEscaped());
    m_connection->setToolTip(text);
}

void DashboardHeader::updateUrl()
{
    kube::InformerSet* informers = m_session->informers();
    QUrl url;
    if (informers && informers->services() && informers->nodes())
        url = AppUrl::fromObjects(informers->services()->store().objects(), informers->nodes()->store().objects());
    m_url = url;
    m_open->setEnabled(url.isValid());
    m_urlLabel->setText(url.isValid()
                            ? QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toString().toHtmlEscaped())
                            : QStringLiteral("<span style=\"color:%1\">%2</span>")
                                  .arg(Theme::color(Theme::Role::SecondaryText).name(), tr("no app URL yet")));
    m_urlLabel->setOpenExternalLinks(true);
}

void DashboardHeader::refreshMinikube()
{
    if (!m_runner)
        return;
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    const QString profile = m_session->target().minikubeProfile;
    if (profile.isEmpty()) {
        m_minikube->hide(); // not a minikube cluster
        return;
    }
    m_minikube->show();
    command.arguments
        = { QStringLiteral("status"), QStringLiteral("-p"), profile, QStringLiteral("-o"), QStringLiteral("json") };
    command.timeout = std::chrono::seconds(15);
    ToolJob* job = m_runner->start(command, this);
    connect(job, &ToolJob::finished, this, [this, profile](const ToolResult& result) {
        using State = ToolOutputParser::MinikubeStatus::State;
        QString text;
        StatusTone tone = StatusTone::Gone;
        if (result.outcome == ToolResult::Outcome::NotFound) {
            text = tr("minikube not installed");
        } else if (!result.finished()) {
            text = tr("minikube: %1").arg(result.describeFailure());
        } else {
            switch (ToolOutputParser::minikubeStatus(result.standardOutput, result.exitCode).state) {
            case State::Running:
                text = tr("minikube running");
                tone = StatusTone::Good;
                break;
            case State::Stopped:
            case State::Paused:
                text = tr("minikube stopped");
                tone = StatusTone::Bad;
                break;
            case State::ProfileNotFound:
                text = tr("no minikube profile \"%1\"").arg(profile);
                tone = StatusTone::Bad;
                break;
            case State::Degraded:
                text = tr("minikube degraded");
                tone = StatusTone::Progress;
                break;
            case State::Unknown:
                text = tr("minikube status unknown");
                break;
            }
        }
        m_minikube->setText(dot(tone) + text.toHtmlEscaped());
    });
}

} // namespace quayside::ui
