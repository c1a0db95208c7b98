#pragma once

#include "pipeline/PipelineStep.h"

#include <QPointer>

#include <memory>

namespace quayside {

class SecretApplier;
class SecretApi;
class SecretStore;

// The app's secrets from the OS keychain to one Kubernetes Secret, over the API (SecretApplier): the
// values never pass through an argv, an environment, a file or a log. What goes on to Helm is only
// the Secret's name and the checksum of its data (so a changed secret rolls the pods).
class SecretsStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit SecretsStep(PipelineContext* context, QObject* parent = nullptr);
    ~SecretsStep() override;
    QList<CommandPreview::Line> preview() const override;

protected:
    void run() override;
    void abort() override;

private:
    SecretStore* m_store = nullptr;
    std::unique_ptr<SecretApi> m_api;
    QPointer<SecretApplier> m_applier;
};

} // namespace quayside
