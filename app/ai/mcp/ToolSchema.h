#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace quayside::mcp {

// Builders for the tools' input schemas (JSON Schema objects), so every tool spells a namespace, an
// object name or a bounded integer the same way, and ArgumentValidator enforces what they publish.
class ToolSchema
{
public:
    // {"type":"object","properties":...,"required":[...],"additionalProperties":false}
    static QJsonObject object(const QJsonObject& properties, const QStringList& required = {});
    static QJsonObject string(const QString& description, int maxLength = 0, const QString& pattern = {});
    static QJsonObject integer(const QString& description, qint64 minimum, qint64 maximum, qint64 defaultValue);
    static QJsonObject integer(const QString& description, qint64 minimum, qint64 maximum);
    static QJsonObject boolean(const QString& description, bool defaultValue);
    // An RFC 1123 label (a namespace, a container): lower-case letters, digits and '-', at most 63.
    static QJsonObject label(const QString& description);
    // An RFC 1123 subdomain (a pod, a Deployment, most object names), at most 253.
    static QJsonObject objectName(const QString& description);
    // The optional `namespace` every cluster tool takes.
    static QJsonObject nameSpace();

    static QString labelPattern();
    static QString objectNamePattern();
};

} // namespace quayside::mcp
