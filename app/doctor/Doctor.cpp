#include "doctor/Doctor.h"

#include "workspace/Workspace.h"

#include "core/Log.h"
#include "doctor/DockerCheck.h"
#include "doctor/HelmCheck.h"
#include "doctor/HostCheck.h"
#include "doctor/KeychainCheck.h"
#include "doctor/KubectlCheck.h"
#include "doctor/MinikubeCheck.h"
#include "doctor/OptionalToolCheck.h"

namespace quayside {

Doctor::Doctor(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<quayside::CheckResult>();
}

Doctor::~Doctor()
{
    cancel();
}

void Doctor::addStandardChecks(const CheckContext& context, Keychain* keychain)
{
    addCheck(new DockerCheck(context));
    addCheck(new MinikubeCheck(context));
    addCheck(new HelmCheck(context));
    addCheck(new KubectlCheck(context));
    addCheck(new OptionalToolCheck(OptionalToolCheck::Tool::KubectlAi, context));
    addCheck(new OptionalToolCheck(OptionalToolCheck::Tool::Kagent, context));
    addCheck(new OptionalToolCheck(OptionalToolCheck::Tool::Gordon, context));
    addCheck(new HostCheck(context));
    if (keychain)
        addCheck(new KeychainCheck(context, keychain));
}

void Doctor::addCheck(Check* check)
{
    check->setParent(this);
    m_checks.append(check);
    m_results.append(check->pending());
    connect(check, &Check::resultReady, this, &Doctor::onResult);
    connect(check, &Check::finished, this, [this] {
        if (m_running > 0 && --m_running == 0) {
            const DoctorReport r = report();
            spdlog::info("doctor: {} ({} checks)", r.ok() ? "ok" : "not ready", r.checks.size());
            Q_EMIT finished(r);
        }
    });
}

QList<CheckResult> Doctor::results() const
{
    return m_results;
}

DoctorReport Doctor::report() const
{
    return { m_results };
}

void Doctor::run()
{
    cancel();
    for (int i = 0; i < m_results.size(); ++i) {
        CheckResult reset;
        reset.id = m_results[i].id;
        reset.title = m_results[i].title;
        reset.required = m_results[i].required;
        reset.minimum = m_results[i].minimum;
        m_results[i] = reset;
        Q_EMIT resultChanged(i, reset);
    }
    m_running = static_cast<int>(m_checks.size());
    Q_EMIT started();
    for (Check* check : std::as_const(m_checks))
        check->run();
}

void Doctor::cancel()
{
    if (m_running == 0)
        return;
    m_running = 0;
    for (Check* check : std::as_const(m_checks))
        check->cancel();
}

void Doctor::onResult(const CheckResult& result)
{
    for (int i = 0; i < m_results.size(); ++i) {
        if (m_results[i].id == result.id) {
            m_results[i] = result;
            spdlog::debug("doctor: {} {} {}", log::str(result.id), log::str(toString(result.status)),
                          log::str(result.message));
            Q_EMIT resultChanged(i, result);
            return;
        }
    }
}

void Doctor::setTarget(const ClusterTarget& target)
{
    for (Check* check : m_checks)
        check->setTarget(target);
}

ClusterTarget Doctor::targetFor(const Workspace& workspace)
{
    ClusterTarget target = workspace.target();
    if (!workspace.contexts().contains(target.context))
        target.context.clear();
    return target;
}

} // namespace quayside
