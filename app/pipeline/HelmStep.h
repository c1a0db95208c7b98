#pragma once

#include "pipeline/HelmValuesOverride.h"
#include "pipeline/PipelineStep.h"
#include "pipeline/RolloutDiagnosis.h"

#include <QTimer>

#include <memory>

namespace quayside {

class RolloutDiagnoser;

// helm upgrade --install with Quayside's values override (image repositories and content tags, the
// Secret's name and checksum) in a private 0600 file that is removed as soon as helm exits, then the
// release history (for rollback). A failure with --atomic (Helm 4: --rollback-on-failure) says what
// Helm rolled back to (HelmFailure reads both versions' messages).
class HelmStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit HelmStep(PipelineContext* context, QObject* parent = nullptr);
    ~HelmStep() override;
    QList<CommandPreview::Line> preview() const override;

    // The override's values for the current context (exposed for the dry run and tests).
    QMap<QString, QString> overrideValues() const;
    // Where the last override file was written (it is gone once helm exits); for tests.
    const QString& lastOverridePath() const { return m_lastOverridePath; }

protected:
    void run() override;
    void abort() override;

private:
    void readHistory(const QString& upgradeError);
    void onDiagnosis(const RolloutDiagnosis& diagnosis);

    std::unique_ptr<HelmValuesOverride> m_override;
    QString m_lastOverridePath;
    // While `helm --wait` waits (up to its timeout, silently), the pods holding it up are looked at
    // every few seconds: shown as they change, and kept, because after Helm's rollback they are gone.
    RolloutDiagnoser* m_diagnoser = nullptr;
    QTimer m_diagnoseTimer;
    RolloutDiagnosis m_lastBlocked;
    QString m_lastSummary;
};

} // namespace quayside
