#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace YAML {
class Node;
}

namespace quayside {

// YAML as the tools that read our artifacts see it, converted to JSON values so that one validator
// and one set of comparisons serve YAML and JSON files alike.
//
// yaml-cpp leaves plain scalars untyped; they are resolved the way Helm (go-yaml v2 via
// sigs.k8s.io/yaml, YAML 1.1) resolves them: null/~/empty, true/false/yes/no/on/off, integers
// (decimal, 0x hex, 0o and leading-zero octal, 0b binary), floats (.inf, .nan). Quoted scalars and
// !!str stay strings. Map keys are always strings.
class YamlJson
{
public:
    static QJsonValue toJson(const YAML::Node& node);
    static QJsonValue resolvePlainScalar(const QString& text);

    // Every document of a file (a Kubernetes manifest may hold several, separated by ---). Empty
    // documents are skipped. Throws YAML::Exception on a parse error.
    static QList<QJsonValue> loadAllFile(const QString& path);
    static QJsonValue loadFile(const QString& path);

    // The value at a dotted path ("backend.image.tag"), or Undefined.
    static QJsonValue at(const QJsonValue& root, const QString& dottedPath);
    static QJsonValue at(const QJsonValue& root, const QStringList& path);

    // Dotted paths of every leaf (scalars, lists, empty maps) under root.
    static QStringList leafPaths(const QJsonValue& root, const QString& prefix = {});
};

} // namespace quayside
