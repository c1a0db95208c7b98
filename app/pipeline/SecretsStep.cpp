#include "pipeline/SecretsStep.h"

#include "pipeline/PipelineContext.h"
#include "secrets/KubeSecretApi.h"
#include "secrets/SecretApplier.h"
#include "secrets/SecretStore.h"

namespace quayside {

SecretsStep::SecretsStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("secrets"), tr("Secrets"), context, parent)
{ }

SecretsStep::~SecretsStep() = default;

QList<CommandPreview::Line> SecretsStep::preview() const
{
    const SecretSpecs& specs = m_context->profile.secrets;
    if (specs.specs.isEmpty())
        return { { tr("The profile declares no secrets"), {} } };
    // The plain-kubectl way, with *** where each value goes. (Quayside itself sends the Secret over the
    // API: a --from-literal value would be visible in `ps` to every user of the machine.)
    QString command
        = QStringLiteral("%1 -n %2 create secret generic %3")
              .arg(CommandPreview::kubectl(m_context->kubectlClusterArguments()),
                   CommandPreview::quote(m_context->profile.nameSpace), CommandPreview::quote(specs.secretName));
    for (const SecretSpec& spec : specs.specs)
        command += QStringLiteral(" \\\n    --from-literal=%1='***'")
                       .arg(CommandPreview::quote(spec.kubernetesKey.isEmpty() ? spec.name : spec.kubernetesKey));
    command += QStringLiteral(" \\\n    --dry-run=client -o yaml | %1 apply -f -")
                   .arg(CommandPreview::kubectl(m_context->kubectlClusterArguments()));
    return { { tr("Create or update Secret %1. Quayside takes the values from your keychain; here each *** stands\n"
                  "for one: put the value in its place (or leave out the optional ones you do not use).")
                   .arg(specs.secretName),
               command } };
}

void SecretsStep::run()
{
    const SecretSpecs& specs = m_context->profile.secrets;
    if (specs.specs.isEmpty())
        return skip(tr("the profile declares no secrets"));
    if (!m_context->keychain)
        return fail(tr("no keychain to read the secrets from"));
    if (!m_context->kube)
        return fail(tr("no connection to the cluster"));
    setMessage(tr("reading %1 secrets from the keychain").arg(specs.specs.size()));
    if (!m_store)
        m_store = new SecretStore(m_context->keychain, specs, this);
    m_store->readAll(this, [this, specs](SecretValues& values, const SecretStore::Result& result) {
        if (state() != StepState::Running || isCancelling())
            return;
        if (!result.ok())
            return fail(tr("cannot read the secrets from the keychain: %1").arg(result.message));
        const QString problem = SecretApplier::checkComplete(specs, values);
        if (!problem.isEmpty())
            return fail(problem);
        // The Secret's keys may differ from the names the keychain knows them by.
        SecretValues keyed;
        for (const SecretSpec& spec : specs.specs) {
            if (!values.contains(spec.name))
                continue;
            QByteArray value = values.value(spec.name);
            keyed.insert(spec.kubernetesKey.isEmpty() ? spec.name : spec.kubernetesKey, std::move(value));
        }
        values.wipe();
        log(tr("applying Secret %1 (%2 keys: %3) in namespace %4")
                .arg(specs.secretName)
                .arg(keyed.size())
                .arg(keyed.names().join(QStringLiteral(", ")), m_context->profile.nameSpace));
        m_api = std::make_unique<KubeSecretApi>(m_context->kube);
        m_applier = new SecretApplier(m_api.get(), this);
        connect(m_applier, &SecretApplier::finished, this, [this](const SecretApplier::Result& applied) {
            if (m_applier)
                m_applier->deleteLater();
            if (!applied.ok)
                return fail(applied.message);
            m_context->secretsApplied = true;
            m_context->secretChecksum = applied.checksum;
            log(tr("%1 checksum %2").arg(applied.message, applied.checksum.left(12)));
            succeed(applied.message);
        });
        m_applier->apply(m_context->profile.nameSpace, specs.secretName, std::move(keyed), m_context->profile.name);
    });
}

void SecretsStep::abort()
{
    // SecretApplier has no abort: its callbacks are dropped (state is no longer Running); the API call
    // itself finishes in the background and wipes the values.
}

} // namespace quayside
