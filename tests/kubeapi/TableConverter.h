#pragma once

#include "ResourceRegistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace quayside::test {

// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for (Accept: application/json;as=Table;
// v=v1;g=meta.k8s.io). Columns and cells follow kubernetes/pkg/printers/internalversion/printers.go
// for the kinds the project shows; other kinds get Name and Age, like the server's default
// table convertor.
class TableConverter
{
public:
    enum class IncludeObject { None, Metadata, Object };
    static IncludeObject includeObjectFrom(const QString& queryValue); // default Metadata

    static QJsonArray columns(const ResourceType& type);
    static QJsonObject row(const ResourceType& type, const QJsonObject& object, const QDateTime& now,
                           IncludeObject include);
    // A Table of `objects`; listMetadata carries resourceVersion/continue.
    static QJsonObject table(const ResourceType& type, const QList<QJsonObject>& objects,
                             const QJsonObject& listMetadata, const QDateTime& now, IncludeObject include,
                             bool withColumns = true);

    // kubectl's duration.HumanDuration ("5m10s", "3h", "2d4h") of now - time.
    static QString humanAge(const QDateTime& time, const QDateTime& now);
    // The STATUS column of `kubectl get pods` (Running, ContainerCreating, CrashLoopBackOff,
    // Terminating, Completed, Init:0/1 ...).
    static QString podStatusReason(const QJsonObject& pod);
};

} // namespace quayside::test
