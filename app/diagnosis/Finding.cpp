#include "diagnosis/Finding.h"

#include <QJsonArray>

namespace quayside::diagnosis {

QString Finding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString Evidence::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Event:
        return QStringLiteral("event");
    case Kind::LogLine:
        return QStringLiteral("log");
    case Kind::SpecField:
        return QStringLiteral("spec");
    case Kind::Status:
        return QStringLiteral("status");
    case Kind::Number:
        return QStringLiteral("number");
    }
    return {};
}

QString Action::kindName(Kind kind)
{
    switch (kind) {
    case Kind::RebuildImages:
        return QStringLiteral("rebuild-images");
    case Kind::OpenSecrets:
        return QStringLiteral("open-secrets");
    case Kind::RaiseMemoryLimit:
        return QStringLiteral("raise-memory-limit");
    case Kind::DeletePod:
        return QStringLiteral("delete-pod");
    case Kind::RestartDeployment:
        return QStringLiteral("restart-deployment");
    case Kind::ScaleDeployment:
        return QStringLiteral("scale-deployment");
    case Kind::EnableMetricsServer:
        return QStringLiteral("enable-metrics-server");
    case Kind::CopyCommand:
        return QStringLiteral("copy-command");
    }
    return {};
}

QJsonObject Finding::toJson() const
{
    QJsonArray evidenceArray;
    for (const Evidence& e : evidence)
        evidenceArray.append(
            QJsonObject { { QStringLiteral("kind"), Evidence::kindName(e.kind) }, { QStringLiteral("text"), e.text } });
    QJsonArray actionArray;
    for (const Action& a : actions) {
        QJsonObject parameters;
        for (auto it = a.parameters.cbegin(); it != a.parameters.cend(); ++it)
            parameters.insert(it.key(), it.value());
        actionArray.append(QJsonObject { { QStringLiteral("kind"), Action::kindName(a.kind) },
                                         { QStringLiteral("title"), a.title },
                                         { QStringLiteral("confirmText"), a.confirmText },
                                         { QStringLiteral("command"), a.command },
                                         { QStringLiteral("oneClick"), a.isOneClick() },
                                         { QStringLiteral("parameters"), parameters } });
    }
    return QJsonObject { { QStringLiteral("key"), key() },
                         { QStringLiteral("rule"), rule },
                         { QStringLiteral("severity"), severityName(severity) },
                         { QStringLiteral("objectKind"), objectKind },
                         { QStringLiteral("objectName"), objectName },
                         { QStringLiteral("deployment"), deployment },
                         { QStringLiteral("summary"), summary },
                         { QStringLiteral("explanation"), explanation },
                         { QStringLiteral("evidence"), evidenceArray },
                         { QStringLiteral("actions"), actionArray } };
}

} // namespace quayside::diagnosis
