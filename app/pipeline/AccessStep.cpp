#include "pipeline/AccessStep.h"

#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolJob.h"
#include "process/ToolResult.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QUrl>

namespace quayside {

namespace {
constexpr std::chrono::seconds kToolTimeout { 60 };
constexpr std::chrono::seconds kRequestTimeout { 5 };

ToolCommand minikubeCommand(const QStringList& arguments)
{
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments = arguments;
    command.timeout = kToolTimeout;
    return command;
}
} // namespace

AccessStep::AccessStep(PipelineContext* context, QObject* parent)
    : PipelineStep(QStringLiteral("access"), tr("Access"), context, parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { runHealthCheck(m_check); });
}

AccessStep::~AccessStep() = default;

bool AccessStep::needsTunnel(const QString& driver)
{
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    return driver.isEmpty() || driver == QLatin1String("docker") || driver == QLatin1String("podman");
#else
    Q_UNUSED(driver);
    return false;
#endif
}

QList<CommandPreview::Line> AccessStep::preview() const
{
    const Profile& p = m_context->profile;
    QList<CommandPreview::Line> lines;
    const bool service = p.access.mode == Profile::Access::Mode::MinikubeService
        || (p.access.mode == Profile::Access::Mode::Auto && needsTunnel(p.minikube.driver));
    if (service) {
        lines << CommandPreview::Line {
            tr("The app's URL (keeps a tunnel open where the driver needs one)"),
            QStringLiteral("URL=$(")
                + CommandPreview::shellLine(
                    minikubeCommand({ QStringLiteral("-p"), p.minikube.profile, QStringLiteral("service"),
                                      p.access.service, QStringLiteral("-n"), p.nameSpace, QStringLiteral("--url") }))
                + QStringLiteral(" | head -n 1)")
        };
    } else {
        const QString port = p.access.nodePort > 0
            ? QString::number(p.access.nodePort)
            : QStringLiteral("$(%1 -n %2 get service %3 -o "
                             "jsonpath='{.spec.ports[0].nodePort}')")
                  .arg(CommandPreview::kubectl(m_context->kubectlClusterArguments()),
                       CommandPreview::quote(p.nameSpace), CommandPreview::quote(p.access.service));
        lines << CommandPreview::Line { tr("The app's URL: minikube's IP and the Service's NodePort"),
                                        QStringLiteral("URL=\"http://$(minikube -p %1 ip):%2\"")
                                            .arg(CommandPreview::quote(p.minikube.profile), port) };
    }
    lines << CommandPreview::Line { {}, QStringLiteral("echo \"The app is at $URL\"") };
    for (const Profile::HealthCheck& check : p.healthChecks) {
        lines << CommandPreview::Line { tr("Health check %1: expect HTTP %2").arg(check.name).arg(check.expectStatus),
                                        QStringLiteral("curl -s -o /dev/null -w '%{http_code}\\n' \"$URL\"%1")
                                            .arg(CommandPreview::quote(check.path)) };
    }
    return lines;
}

void AccessStep::run()
{
    m_results.clear();
    m_lastProblem.clear();
    m_check = 0;
    m_context->accessUrl.clear();
    const Profile& p = m_context->profile;
    const bool service = p.access.mode == Profile::Access::Mode::MinikubeService
        || (p.access.mode == Profile::Access::Mode::Auto && needsTunnel(p.minikube.driver));
    if (service)
        useMinikubeService();
    else
        useNodePort();
}

void AccessStep::abort()
{
    m_retryTimer.stop();
    if (m_httpReply)
        m_httpReply->abort();
    if (m_serviceReply)
        m_serviceReply->abort();
}

void AccessStep::useMinikubeService()
{
    const Profile& p = m_context->profile;
    setMessage(tr("asking minikube for the URL of %1").arg(p.access.service));
    // On macOS/Windows with the docker driver this keeps running as the tunnel: the first URL line is
    // all we wait for, and the tool stays up (stopped with the pipeline) so the URL keeps working.
    auto found = std::make_shared<bool>(false);
    ToolCommand command
        = minikubeCommand({ QStringLiteral("-p"), p.minikube.profile, QStringLiteral("service"), p.access.service,
                            QStringLiteral("-n"), p.nameSpace, QStringLiteral("--url") });
    // The tool's own timeout would end the tunnel; the guard below limits only the wait for the URL.
    command.timeout = std::chrono::milliseconds(0);
    QPointer<ToolJob> job = runTool(
        command,
        [this, found](const QString& line) {
            static const QRegularExpression url(QStringLiteral("^(https?://\\S+)"));
            const auto m = url.match(line.trimmed());
            if (m.hasMatch() && !*found) {
                *found = true;
                QTimer::singleShot(0, this, [this, u = m.captured(1)] { haveUrl(u); });
            }
        },
        [this, found](const ToolResult& result) {
            if (*found)
                return;
            if (result.outcome == ToolResult::Outcome::Cancelled)
                return fail(tr("minikube service --url printed no URL within %1 s").arg(kToolTimeout.count()));
            fail(tr("minikube service --url: %1").arg(result.ok() ? tr("printed no URL") : result.describeFailure()));
        });
    QTimer::singleShot(kToolTimeout, this, [job, found] {
        if (job && !*found)
            job->cancel(); // no URL within the guard: stop it (finished() then fails the step)
    });
}

void AccessStep::useNodePort()
{
    const Profile& p = m_context->profile;
    setMessage(tr("asking minikube for its IP"));
    runTool(minikubeCommand({ QStringLiteral("-p"), p.minikube.profile, QStringLiteral("ip") }),
            [this](const ToolResult& result) {
                if (!result.ok())
                    return fail(tr("minikube ip: %1").arg(result.describeFailure()));
                const QString ip = result.stdoutText().trimmed().section(QLatin1Char('\n'), -1).trimmed();
                if (ip.isEmpty())
                    return fail(tr("minikube ip printed nothing"));
                onIp(ip);
            });
}

void AccessStep::onIp(const QString& ip)
{
    const Profile& p = m_context->profile;
    auto hostPart = [ip] { return ip.contains(QLatin1Char(':')) ? QLatin1Char('[') + ip + QLatin1Char(']') : ip; };
    if (p.access.nodePort > 0)
        return haveUrl(QStringLiteral("http://%1:%2").arg(hostPart()).arg(p.access.nodePort));
    if (!m_context->kube)
        return fail(tr("no connection to the cluster to read the Service's NodePort"));
    m_serviceReply
        = m_context->kube->get(QStringLiteral("/api/v1/namespaces/%1/services/%2").arg(p.nameSpace, p.access.service));
    connect(m_serviceReply, &kube::KubeReply::finished, this, [this, reply = m_serviceReply, hostPart] {
        if (!reply)
            return;
        if (!reply->ok())
            return fail(
                tr("cannot read Service %1: %2").arg(m_context->profile.access.service, reply->error().message()));
        const QJsonArray ports
            = reply->json().value(QLatin1String("spec")).toObject().value(QLatin1String("ports")).toArray();
        for (const QJsonValue& v : ports) {
            const int nodePort = v.toObject().value(QLatin1String("nodePort")).toInt();
            if (nodePort > 0)
                return haveUrl(QStringLiteral("http://%1:%2").arg(hostPart()).arg(nodePort));
        }
        fail(tr("Service %1 has no NodePort: make it type NodePort in the chart, or use access mode minikube-service")
                 .arg(m_context->profile.access.service));
    });
}

void AccessStep::haveUrl(const QString& url)
{
    if (state() != StepState::Running || isCancelling())
        return;
    m_context->accessUrl = url;
    log(tr("the app is at %1").arg(url));
    if (m_context->profile.healthChecks.isEmpty())
        return succeed(url);
    if (m_context->options.noWait)
        return succeed(tr("%1 (health checks skipped: --no-wait)").arg(url));
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    m_checkTimer.start();
    runHealthCheck(0);
}

void AccessStep::runHealthCheck(int index)
{
    if (state() != StepState::Running || isCancelling())
        return;
    m_check = index;
    if (index >= m_context->profile.healthChecks.size())
        return finishChecks();
    const Profile::HealthCheck& check = m_context->profile.healthChecks.at(index);
    const QUrl url(m_context->accessUrl + check.path);
    setMessage(tr("health check %1: GET %2").arg(check.name, url.toString()));
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(std::chrono::milliseconds(kRequestTimeout).count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QElapsedTimer timer;
    timer.start();
    m_httpReply = m_network->get(request);
    connect(m_httpReply, &QNetworkReply::finished, this, [this, reply = m_httpReply, index, timer] {
        if (!reply)
            return;
        reply->deleteLater();
        if (state() != StepState::Running || isCancelling())
            return;
        const Profile::HealthCheck& current = m_context->profile.healthChecks.at(index);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == current.expectStatus) {
            const QString line
                = tr("%1 %2 → %3 (%4 ms)").arg(current.name, current.path).arg(status).arg(timer.elapsed());
            log(tr("health check ") + line);
            m_results << line;
            return runHealthCheck(index + 1);
        }
        m_lastProblem
            = status > 0 ? tr("HTTP %1, expected %2").arg(status).arg(current.expectStatus) : reply->errorString();
        if (m_checkTimer.elapsed() >= m_context->options.healthTimeout.count()) {
            return fail(tr("health check %1 (%2%3) failed: %4")
                            .arg(current.name, m_context->accessUrl, current.path, m_lastProblem));
        }
        log(tr("health check %1: %2; trying again").arg(current.name, m_lastProblem));
        m_retryTimer.start(m_context->options.healthInterval);
    });
}

void AccessStep::finishChecks()
{
    succeed(tr("%1 — %2").arg(m_context->accessUrl, m_results.join(QStringLiteral(", "))));
}

} // namespace quayside
