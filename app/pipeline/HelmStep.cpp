#include "pipeline/HelmStep.h"

#include "diagnosis/Diagnoser.h"
#include "pipeline/HelmCommands.h"
#include "pipeline/HelmFailure.h"
#include "pipeline/HelmHistory.h"
#include "pipeline/PipelineContext.h"
#include "pipeline/RolloutDiagnoser.h"
#include "process/ToolResult.h"
#include "secrets/SecretChecksum.h"

namespace quayside {

HelmStep::HelmStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("helm"), tr("Helm"), context, parent)
{
    connect(&m_diagnoseTimer, &QTimer::timeout, this, [this] {
        if (m_diagnoser && state() == StepState::Running && !isCancelling())
            m_diagnoser->diagnose(m_context->profile.nameSpace, m_context->profile.chart.deployments);
    });
}

HelmStep::~HelmStep() = default;

QMap<QString, QString> HelmStep::overrideValues() const
{
    QMap<QString, QString> values;
    const Profile& p = m_context->profile;
    for (const Profile::Image& image : p.images) {
        const Profile::ImageValues keys = p.chart.images.value(image.name);
        const ImageResult r = m_context->images.value(image.name);
        if (!keys.repositoryKey.isEmpty())
            values.insert(keys.repositoryKey, image.repository);
        if (!keys.tagKey.isEmpty())
            values.insert(keys.tagKey, r.tag.isEmpty() ? QStringLiteral("<hash>") : r.tag);
    }
    if (!p.secrets.specs.isEmpty()) {
        values.insert(SecretChecksum::helmExistingSecretKey(), p.secrets.secretName);
        values.insert(SecretChecksum::helmChecksumKey(),
                      m_context->secretChecksum.isEmpty() ? QStringLiteral("<sha256 of the Secret's data>")
                                                          : m_context->secretChecksum);
    }
    return values;
}

QList<CommandPreview::Line> HelmStep::preview() const
{
    HelmValuesOverride values;
    const QMap<QString, QString> entries = overrideValues();
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        values.set(it.key(), it.value());
    const QString file = QStringLiteral("quayside-values.yaml");
    QString heredoc = QStringLiteral("cat > %1 <<'EOF'\n").arg(file) + values.yaml() + QStringLiteral("EOF");
    const QVersionNumber& helm = m_context->helmVersion;
    const QString flags = HelmCommands::waitAndRollBackArguments(helm).join(QLatin1Char(' '));
    QString upgrade;
    if (helm.isNull())
        upgrade = tr("No helm found on PATH (or not asked yet): these are Helm 3's flags; Helm 4 takes %1 instead "
                     "of %2.\n")
                      .arg(HelmCommands::waitAndRollBackArguments(QVersionNumber(4)).join(QLatin1Char(' ')), flags);
    else
        upgrade = tr("These are the flags of the Helm found on PATH, %1.\n").arg(helm.toString());
    upgrade += tr("Install or upgrade; %1 rolls back by itself if the release does not become ready")
                   .arg(HelmCommands::waitAndRollBackArguments(helm).constFirst());
    return {
        { tr("Quayside's values: image tags, the Secret's name and checksum (no secret values)"), heredoc },
        { upgrade, CommandPreview::shellLine(HelmCommands::upgrade(*m_context, file)) },
        { {}, QStringLiteral("rm -f %1").arg(file) },
        { tr("The release's revisions (roll back with: helm rollback %1 REVISION -n %2)")
              .arg(m_context->profile.chart.release, m_context->profile.nameSpace),
          CommandPreview::shellLine(HelmCommands::history(*m_context)) },
    };
}

void HelmStep::run()
{
    const Profile& p = m_context->profile;
    for (const Profile::Image& image : p.images) {
        if (m_context->images.value(image.name).tag.isEmpty())
            return fail(tr("no tag for image %1: the Images step has not run").arg(image.name));
    }
    if (!p.secrets.specs.isEmpty() && !m_context->secretsApplied)
        return fail(tr("the Secret has not been applied"));
    m_override = std::make_unique<HelmValuesOverride>();
    const QMap<QString, QString> values = overrideValues();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_override->set(it.key(), it.value());
    QString error;
    if (!m_override->write(&error))
        return fail(error);
    m_lastOverridePath = m_override->path();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        log(QStringLiteral("  %1: %2").arg(it.key(), it.value()));
    setMessage(m_context->options.noWait ? tr("helm upgrade --install %1").arg(p.chart.release)
                                         : tr("helm upgrade --install %1 (waiting up to %2 for it to be ready)")
                                               .arg(p.chart.release, HelmCommands::duration(p.chart.timeout)));
    m_lastBlocked = {};
    m_lastSummary.clear();
    m_context->rolloutDiagnosis = {};
    delete m_diagnoser;
    m_diagnoser = nullptr;
    if (!m_context->options.noWait && m_context->kube && !p.chart.deployments.isEmpty()) {
        m_diagnoser = new RolloutDiagnoser(m_context->kube, this);
        connect(m_diagnoser, &RolloutDiagnoser::finished, this, &HelmStep::onDiagnosis);
        m_diagnoseTimer.start(m_context->options.diagnoseInterval);
    }
    runTool(HelmCommands::upgrade(*m_context, m_override->path()), [this](const ToolResult& result) {
        m_override->remove();
        m_diagnoseTimer.stop();
        if (m_diagnoser)
            m_diagnoser->abort();
        if (!result.ok()) {
            // Helm's own error when it printed one (the last line alone is often only "context
            // deadline exceeded"), else how it ended (a crash, our guard's timeout).
            const HelmFailure failure = result.finished() ? HelmFailure::parse(result.stderrText()) : HelmFailure();
            QString message = tr("helm upgrade failed: %1")
                                  .arg(failure.error.isEmpty() ? result.describeFailure() : failure.summary());
            if (!failure.recovery().isEmpty())
                message += QStringLiteral(". ") + failure.recovery();
            // An object the API server refused outright (a NodePort already taken) exists nowhere for
            // the rules to look at: the error text is all there is.
            for (const diagnosis::Finding& f :
                 diagnosis::Diagnoser::diagnoseApiError(result.stderrText(), m_context->profile.nameSpace)) {
                log(f.summary);
                for (const diagnosis::Action& a : f.actions)
                    log(QStringLiteral("  → %1: %2").arg(a.title, a.command));
                message += QStringLiteral(" — ") + f.summary;
            }
            // What held the release up, seen before the rollback removed it.
            if (!m_lastBlocked.blockingPods.isEmpty()) {
                m_context->rolloutDiagnosis = m_lastBlocked;
                message += tr(" — it was waiting on %1").arg(m_lastBlocked.summary());
            }
            return readHistory(message);
        }
        m_context->helmRevision = HelmHistory::revisionFromUpgradeOutput(result.stdoutText());
        readHistory({});
    });
}

void HelmStep::onDiagnosis(const RolloutDiagnosis& diagnosis)
{
    if (state() != StepState::Running || isCancelling())
        return;
    const QString summary = diagnosis.summary();
    if (!summary.isEmpty() && summary != m_lastSummary) {
        log(tr("helm is waiting on: %1").arg(summary));
        for (const QString& line : diagnosis.describe())
            log(QStringLiteral("  ") + line);
        setMessage(tr("helm is waiting on %1").arg(summary));
    }
    m_lastSummary = summary;
    if (!diagnosis.blockingPods.isEmpty())
        m_lastBlocked = diagnosis;
}

void HelmStep::abort()
{
    m_diagnoseTimer.stop();
    if (m_diagnoser)
        m_diagnoser->abort();
    // The tool is being stopped; the override goes now rather than when the step object dies.
    if (m_override)
        m_override->remove();
}

// After the upgrade, successful or not: the history says which revision is deployed now (after an
// atomic rollback, the old one) and is what the rollback controls offer.
void HelmStep::readHistory(const QString& upgradeError)
{
    runTool(
        HelmCommands::history(*m_context),
        [this, upgradeError](const ToolResult& result) {
            QString parseError;
            if (result.ok())
                m_context->history = HelmHistory::parseHistory(result.standardOutput, &parseError);
            const int deployed = HelmHistory::deployedRevision(m_context->history);
            if (!upgradeError.isEmpty()) {
                QString message = upgradeError;
                if (deployed > 0)
                    message += tr("; revision %1 is deployed").arg(deployed);
                return fail(message, m_context->rolloutDiagnosis.describe());
            }
            if (m_context->helmRevision == 0)
                m_context->helmRevision = deployed;
            if (!result.ok())
                log(tr("could not read the release history: %1").arg(result.describeFailure()));
            succeed(tr("release %1 revision %2 deployed")
                        .arg(m_context->profile.chart.release)
                        .arg(m_context->helmRevision));
        },
        {}, true);
}

} // namespace quayside
