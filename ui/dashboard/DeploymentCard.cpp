#include "dashboard/DeploymentCard.h"

#include "Theme.h"
#include "dashboard/StatusTone.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
QString imageTag(const QStringList& images)
{
    QStringList tags;
    for (const QString& image : images) {
        // registry:5000/repo:tag → repo:tag; keep digests readable.
        tags << image.section(QLatin1Char('/'), -1);
    }
    return tags.join(QStringLiteral(", "));
}
} // namespace

DeploymentCard::DeploymentCard(const kube::DeploymentSummary& deployment, QWidget* parent)
    : QFrame(parent)
    , m_name(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_image(new QLabel(this))
    , m_rollout(new QProgressBar(this))
    , m_rolloutText(new QLabel(this))
    , m_replicas(new QSpinBox(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_restart(new QPushButton(tr("Restart"), this))
    , m_logs(new QPushButton(tr("Logs"), this))
    , m_diagnose(new QPushButton(tr("Diagnose"), this))
    , m_result(new QLabel(this))
{
    const QString name = deployment.name;
    setObjectName(QStringLiteral("deploymentCard_") + name);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    connect(Theme::instance(), &Theme::changed, this, [this] { setDeployment(m_deployment); });
    m_name->setObjectName(QStringLiteral("deploymentName_") + name);
    m_counts->setObjectName(QStringLiteral("deploymentCounts_") + name);
    m_image->setObjectName(QStringLiteral("deploymentImage_") + name);
    m_rollout->setObjectName(QStringLiteral("deploymentRollout_") + name);
    m_rolloutText->setObjectName(QStringLiteral("deploymentRolloutText_") + name);
    m_replicas->setObjectName(QStringLiteral("replicas_") + name);
    m_apply->setObjectName(QStringLiteral("applyReplicas_") + name);
    m_restart->setObjectName(QStringLiteral("restart_") + name);
    m_logs->setObjectName(QStringLiteral("deploymentLogs_") + name);
    m_diagnose->setObjectName(QStringLiteral("diagnose_") + name);
    m_diagnose->setAccessibleName(tr("Diagnose %1").arg(name));
    m_diagnose->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_diagnose->hide();
    m_result->setObjectName(QStringLiteral("deploymentResult_") + name);
    m_replicas->setAccessibleName(tr("Replicas of %1").arg(name));
    m_apply->setAccessibleName(tr("Apply the replica count to %1").arg(name));
    m_restart->setAccessibleName(tr("Restart %1").arg(name));
    m_logs->setAccessibleName(tr("Logs of every pod of %1").arg(name));
    m_rollout->setAccessibleName(tr("Rollout progress of %1").arg(name));

    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    m_name->setFont(nameFont);
    m_image->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::bindPalette(m_image, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    m_rollout->setTextVisible(false);
    m_rollout->setFixedHeight(6);
    m_rolloutText->setWordWrap(true);
    m_result->setWordWrap(true);
    m_replicas->setRange(0, 50);
    m_replicas->setToolTip(tr("Desired replicas; Apply sends the change"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Replicas"), this));
    controls->addWidget(m_replicas);
    controls->addWidget(m_apply);
    controls->addStretch(1);
    controls->addWidget(m_logs);
    controls->addWidget(m_restart);
    auto* top = new QHBoxLayout;
    top->addWidget(m_name);
    top->addStretch(1);
    top->addWidget(m_diagnose);
    top->addWidget(m_counts);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_image);
    layout->addWidget(m_rollout);
    layout->addWidget(m_rolloutText);
    layout->addLayout(controls);
    layout->addWidget(m_result);

    connect(m_replicas, &QSpinBox::valueChanged, this,
            [this](int value) { m_userEditing = value != m_deployment.desired; });
    connect(m_apply, &QPushButton::clicked, this,
            [this] { Q_EMIT scaleRequested(m_deployment.name, m_replicas->value()); });
    connect(m_restart, &QPushButton::clicked, this, [this] { Q_EMIT restartRequested(m_deployment.name); });
    connect(m_logs, &QPushButton::clicked, this, [this] { Q_EMIT logsRequested(m_deployment.name); });
    connect(m_diagnose, &QPushButton::clicked, this, [this] { Q_EMIT diagnoseRequested(m_deployment.name); });
    setDeployment(deployment);
}

void DeploymentCard::setProblem(const QString& summary)
{
    m_diagnose->setVisible(!summary.isEmpty());
    m_diagnose->setToolTip(summary);
}

void DeploymentCard::setDeployment(const kube::DeploymentSummary& d)
{
    m_deployment = d;
    m_name->setText(d.name);
    m_counts->setText(tr("ready <b>%1/%2</b> · up-to-date %3 · available %4")
                          .arg(d.ready)
                          .arg(d.desired)
                          .arg(d.updated)
                          .arg(d.available));
    m_image->setText(imageTag(d.images));
    m_image->setToolTip(d.images.join(QLatin1Char('\n')));
    m_rollout->setRange(0, std::max(1, d.desired));
    m_rollout->setValue(std::min(d.ready, std::max(1, d.desired)));
    const bool complete = d.rolloutComplete();
    const StatusTone tone = d.progressDeadlineExceeded() ? StatusTone::Bad
        : complete && d.ready >= d.desired               ? StatusTone::Good
                                                         : StatusTone::Progress;
    m_rollout->setStyleSheet(QStringLiteral("QProgressBar::chunk { background: %1; }").arg(toneColor(tone).name()));
    m_rolloutText->setText(d.rolloutMessage());
    m_rolloutText->setStyleSheet(QStringLiteral("color: %1;").arg(toneColor(tone).name()));
    // Do not overwrite a number the user is typing.
    if (!m_userEditing && !m_replicas->hasFocus()) {
        const QSignalBlocker block(m_replicas);
        m_replicas->setValue(d.desired);
    }
    if (d.paused) {
        m_restart->setEnabled(false);
        m_restart->setToolTip(tr("The deployment is paused (kubectl rollout resume deploy/%1 first)").arg(d.name));
    } else if (!m_busy) {
        m_restart->setEnabled(true);
        m_restart->setToolTip(tr("Restart every pod with a rolling update (kubectl rollout restart)"));
    }
}

void DeploymentCard::setBusy(const QString& what)
{
    m_busy = !what.isEmpty();
    for (QPushButton* b : { m_apply, m_restart }) {
        b->setEnabled(!m_busy && !(b == m_restart && m_deployment.paused));
        b->setToolTip(m_busy ? tr("Waiting for the cluster to answer: %1").arg(what) : QString());
    }
    m_replicas->setEnabled(!m_busy);
    if (m_busy) {
        m_result->setStyleSheet({});
        m_result->setText(what + QStringLiteral("…"));
    }
}

void DeploymentCard::showResult(bool ok, const QString& message)
{
    setBusy({});
    m_userEditing = false;
    m_result->setStyleSheet(
        QStringLiteral("color: %1;").arg(toneColor(ok ? StatusTone::Good : StatusTone::Bad).name()));
    m_result->setText(message);
    setDeployment(m_deployment);
}

} // namespace quayside::ui
