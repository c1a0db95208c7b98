#include "doctor/CheckResult.h"

#include <QJsonArray>

namespace quayside {

QString toString(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pending:
        return QStringLiteral("pending");
    case CheckStatus::Ok:
        return QStringLiteral("ok");
    case CheckStatus::Missing:
        return QStringLiteral("missing");
    case CheckStatus::Outdated:
        return QStringLiteral("outdated");
    case CheckStatus::Stopped:
        return QStringLiteral("stopped");
    case CheckStatus::Error:
        return QStringLiteral("error");
    case CheckStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QJsonObject CheckResult::toJson() const
{
    auto nullable = [](const QString& s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); };
    return QJsonObject {
        { QStringLiteral("id"), id },
        { QStringLiteral("title"), title },
        { QStringLiteral("required"), required },
        { QStringLiteral("status"), toString(status) },
        { QStringLiteral("version"), nullable(version) },
        { QStringLiteral("minimum"), nullable(minimum) },
        { QStringLiteral("message"), message },
        { QStringLiteral("fix"), nullable(fix) },
        { QStringLiteral("docs"), nullable(docsUrl) },
        { QStringLiteral("warning"), warning },
    };
}

bool DoctorReport::ok() const
{
    for (const CheckResult& check : checks) {
        if (check.required && !check.passed())
            return false;
    }
    return true;
}

QJsonObject DoctorReport::toJson() const
{
    QJsonArray array;
    for (const CheckResult& check : checks)
        array.append(check.toJson());
    return QJsonObject { { QStringLiteral("ok"), ok() }, { QStringLiteral("checks"), array } };
}

} // namespace quayside
