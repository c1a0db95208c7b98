#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace quayside::test {

// The PATCH content types kube-apiserver accepts:
//   application/merge-patch+json           RFC 7386
//   application/strategic-merge-patch+json lists of containers, ports, env ... merged by their key;
//                                          $patch, $retainKeys, $deleteFromPrimitiveList and
//                                          $setElementOrder directives as kubectl apply writes them
//   application/json-patch+json            RFC 6902 (add, remove, replace, move, copy, test)
//   application/apply-patch+yaml           server-side apply; JSON bodies only (JSON is YAML). Here
//                                          only for subresources, merged like a merge patch; applies to
//                                          objects go through FieldManager (field ownership, conflicts)
class PatchApplier
{
public:
    enum class Type { Merge, StrategicMerge, Json, Apply, Unsupported };
    static Type typeFor(const QByteArray& contentType);

    // The patched object, or an empty object with *error set (the caller answers 400/422).
    static QJsonObject apply(Type type, const QJsonObject& original, const QByteArray& patch, QString* error);

    static QJsonValue mergePatch(const QJsonValue& target, const QJsonValue& patch);
    static QJsonValue strategicMerge(const QJsonValue& original, const QJsonValue& patch, const QString& field = {});
    static bool jsonPatch(QJsonValue& document, const QJsonArray& operations, QString* error);
    // The patchMergeKey of a list field ("containers" -> "name"); empty for lists merged whole.
    static QString mergeKey(const QString& field, const QJsonArray& elements);
};

} // namespace quayside::test
