#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace quayside {

// The statuses are part of `quayside doctor -o json`'s contract; Pending only exists while a check runs.
enum class CheckStatus { Pending, Ok, Missing, Outdated, Stopped, Error, Skipped };

QString toString(CheckStatus status);

struct CheckResult
{
    QString id; // "docker", "docker-daemon", "minikube", ... (stable: scripts rely on them)
    QString title; // "Docker client"
    bool required = true;
    CheckStatus status = CheckStatus::Pending;
    QString version; // empty → null in JSON
    QString minimum; // empty → null
    QString message; // one sentence a newcomer understands
    QString fix; // a command (or short instruction) that fixes it; empty → null
    QString docsUrl; // where to read more about installing the tool
    bool warning = false; // ok, but worth a look (e.g. kubectl/server version skew)

    bool passed() const { return status == CheckStatus::Ok || status == CheckStatus::Skipped; }
    QJsonObject toJson() const;
};

struct DoctorReport
{
    QList<CheckResult> checks;
    // Every required check passed; optional tools never fail the report.
    bool ok() const;
    QJsonObject toJson() const;
};

} // namespace quayside

Q_DECLARE_METATYPE(quayside::CheckResult)
Q_DECLARE_METATYPE(quayside::DoctorReport)
