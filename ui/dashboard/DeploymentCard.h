#pragma once

#include "kube/DeploymentSummary.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace quayside::ui {

// One Deployment: READY / UP-TO-DATE / AVAILABLE as kubectl shows them, the image tag, the rollout's
// progress, and the two things people do to a deployment all day: scale and restart. While a request
// is in flight both are disabled (with a tooltip that says why); the answer shows inline.
class DeploymentCard : public QFrame
{
    Q_OBJECT
public:
    explicit DeploymentCard(const kube::DeploymentSummary& deployment, QWidget* parent = nullptr);

    void setDeployment(const kube::DeploymentSummary& deployment);
    const kube::DeploymentSummary& deployment() const { return m_deployment; }

    // Called by the panel when the request it started for this card ends.
    void setBusy(const QString& what);
    void showResult(bool ok, const QString& message);
    // The diagnosis's summary for this deployment (or its pods); empty hides the Diagnose badge.
    void setProblem(const QString& summary);

Q_SIGNALS:
    void scaleRequested(const QString& name, int replicas);
    void restartRequested(const QString& name);
    void logsRequested(const QString& name);
    void diagnoseRequested(const QString& name);

private:
    kube::DeploymentSummary m_deployment;
    QLabel* m_name;
    QLabel* m_counts;
    QLabel* m_image;
    QProgressBar* m_rollout;
    QLabel* m_rolloutText;
    QSpinBox* m_replicas;
    QPushButton* m_apply;
    QPushButton* m_restart;
    QPushButton* m_logs;
    QPushButton* m_diagnose;
    QLabel* m_result;
    bool m_busy = false;
    bool m_userEditing = false;
};

} // namespace quayside::ui
