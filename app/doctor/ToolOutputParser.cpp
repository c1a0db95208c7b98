#include "doctor/ToolOutputParser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace quayside::ToolOutputParser {

QVersionNumber firstVersion(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"));
    const auto match = re.match(text);
    if (!match.hasMatch())
        return {};
    QList<int> parts { match.captured(1).toInt(), match.captured(2).toInt() };
    if (match.capturedLength(3) > 0)
        parts.append(match.captured(3).toInt());
    return QVersionNumber(parts);
}

QVersionNumber dockerClientVersion(const QString& output)
{
    static const QRegularExpression re(QStringLiteral("Docker version (\\d+\\.\\d+(?:\\.\\d+)?)"));
    const auto match = re.match(output);
    return match.hasMatch() ? QVersionNumber::fromString(match.captured(1)) : QVersionNumber();
}

DockerDaemon dockerDaemon(const QByteArray& standardOutput, const QString& standardError)
{
    DockerDaemon result;
    const QJsonDocument doc = QJsonDocument::fromJson(standardOutput.trimmed());
    const QJsonValue server = doc.object().value(QLatin1String("Server"));
    if (server.isObject()) {
        result.state = DockerDaemon::State::Running;
        result.serverVersion = server.toObject().value(QLatin1String("Version")).toString();
        return result;
    }
    const QString err = standardError.trimmed();
    result.detail = err.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (err.contains(QLatin1String("permission denied"), Qt::CaseInsensitive))
        result.state = DockerDaemon::State::PermissionDenied;
    else if (err.contains(QLatin1String("Cannot connect to the Docker daemon"))
             || err.contains(QLatin1String("Is the docker daemon running"))
             || err.contains(QLatin1String("error during connect")) || (doc.isObject() && server.isNull()))
        result.state = DockerDaemon::State::NotRunning;
    return result;
}

QVersionNumber minikubeVersion(const QString& output)
{
    const QJsonDocument doc = QJsonDocument::fromJson(output.toUtf8());
    if (doc.isObject())
        return firstVersion(doc.object().value(QLatin1String("minikubeVersion")).toString());
    static const QRegularExpression re(QStringLiteral("v(\\d+\\.\\d+\\.\\d+)"));
    const auto match = re.match(output);
    return match.hasMatch() ? QVersionNumber::fromString(match.captured(1)) : QVersionNumber();
}

MinikubeStatus minikubeStatus(const QByteArray& standardOutput, int exitCode)
{
    MinikubeStatus result;
    if (exitCode == 85) {
        result.state = MinikubeStatus::State::ProfileNotFound;
        result.detail = QString::fromUtf8(standardOutput).trimmed();
        return result;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(standardOutput.trimmed());
    QJsonArray nodes;
    if (doc.isArray())
        nodes = doc.array();
    else if (doc.isObject())
        nodes.append(doc.object());
    if (nodes.isEmpty()) {
        // Exit code alone: the bitmask says which layer is down even without parsable output.
        if (exitCode != 0 && exitCode < 8)
            result.state = MinikubeStatus::State::Stopped;
        result.detail = QString::fromUtf8(standardOutput).trimmed();
        return result;
    }
    result.nodes = static_cast<int>(nodes.size());
    const QString running = QStringLiteral("Running");
    int healthy = 0;
    bool anyUp = false;
    bool paused = false;
    QStringList problems;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QJsonObject node = nodes.at(i).toObject();
        auto field
            = [&node](const char* key) { return node.value(QLatin1String(key)).toString(QStringLiteral("(missing)")); };
        // Without a "Worker" field (not printed by every version), the first entry is the control plane.
        const bool worker
            = node.contains(QLatin1String("Worker")) ? node.value(QLatin1String("Worker")).toBool() : i > 0;
        const QString host = field("Host");
        const QString kubelet = field("Kubelet");
        QStringList wrong;
        if (host != running)
            wrong << QStringLiteral("host ") + host;
        if (kubelet != running)
            wrong << QStringLiteral("kubelet ") + kubelet;
        // A worker runs no API server and has no kubeconfig entry: minikube prints "Irrelevant" there
        // when the host runs and copies the host's state when it does not.
        if (!worker) {
            const QString api = field("APIServer");
            if (api != running)
                wrong << QStringLiteral("apiserver ") + api;
            if (api == QLatin1String("Paused"))
                paused = true;
            // Tolerated when absent: it says whether kubectl points here, not whether the node runs.
            const QString kubeconfig = node.value(QLatin1String("Kubeconfig")).toString(QStringLiteral("Configured"));
            if (kubeconfig != QLatin1String("Configured"))
                wrong << QStringLiteral("kubeconfig ") + kubeconfig;
        }
        if (kubelet == QLatin1String("Paused"))
            paused = true;
        if (host == running && kubelet == running)
            anyUp = true;
        if (wrong.isEmpty()) {
            ++healthy;
            continue;
        }
        const QString name = node.value(QLatin1String("Name")).toString();
        problems << (name.isEmpty() ? QStringLiteral("node %1").arg(i + 1) : name) + QStringLiteral(": ")
                + wrong.join(QStringLiteral(", "));
    }
    result.detail = problems.join(QStringLiteral("; "));
    if (healthy == result.nodes)
        result.state = MinikubeStatus::State::Running;
    else if (paused)
        result.state = MinikubeStatus::State::Paused;
    else if (!anyUp)
        result.state = MinikubeStatus::State::Stopped;
    else
        result.state = MinikubeStatus::State::Degraded;
    return result;
}

QString minikubeDriver(const QByteArray& standardOutput, const QString& profile)
{
    const QJsonObject root = QJsonDocument::fromJson(standardOutput.trimmed()).object();
    for (const QJsonValue& value : root.value(QLatin1String("valid")).toArray()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QLatin1String("Name")).toString() == profile)
            return entry.value(QLatin1String("Config")).toObject().value(QLatin1String("Driver")).toString();
    }
    return {};
}

QVersionNumber helmVersion(const QString& output)
{
    static const QRegularExpression re(QStringLiteral("v(\\d+\\.\\d+\\.\\d+)"));
    const auto match = re.match(output);
    return match.hasMatch() ? QVersionNumber::fromString(match.captured(1)) : QVersionNumber();
}

KubectlVersion kubectlVersion(const QByteArray& standardOutput)
{
    // kubectl prints the JSON document and then, without a server, an error on stderr. Take the first
    // complete JSON object only (older versions append text to stdout).
    QByteArray json = standardOutput.trimmed();
    const qsizetype end = json.lastIndexOf('}');
    if (end >= 0)
        json.truncate(end + 1);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    auto parse = [](const QJsonObject& info) {
        QVersionNumber v = firstVersion(info.value(QLatin1String("gitVersion")).toString());
        if (v.isNull() && info.contains(QLatin1String("major"))) {
            const int major = info.value(QLatin1String("major")).toString().toInt();
            // "32+" on some builds: only the digits count.
            static const QRegularExpression digits(QStringLiteral("\\d+"));
            const int minor = digits.match(info.value(QLatin1String("minor")).toString()).captured(0).toInt();
            v = QVersionNumber(major, minor);
        }
        return v;
    };
    return { parse(root.value(QLatin1String("clientVersion")).toObject()),
             parse(root.value(QLatin1String("serverVersion")).toObject()) };
}

} // namespace quayside::ToolOutputParser
