#include "PatchApplier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace quayside::test {

namespace {

const QString patchDirective = QStringLiteral("$patch");
const QString retainKeysDirective = QStringLiteral("$retainKeys");
const QString setElementOrderPrefix = QStringLiteral("$setElementOrder/");
const QString deleteFromPrimitiveListPrefix = QStringLiteral("$deleteFromPrimitiveList/");

// patchMergeKey of the Kubernetes API types' list fields (the `patchMergeKey` struct tags).
QString mergeKeyFor(const QString& field, const QJsonArray& elements)
{
    if (field == QLatin1String("containers") || field == QLatin1String("initContainers")
        || field == QLatin1String("ephemeralContainers") || field == QLatin1String("env")
        || field == QLatin1String("volumes") || field == QLatin1String("imagePullSecrets")
        || field == QLatin1String("resourceClaims"))
        return QStringLiteral("name");
    if (field == QLatin1String("volumeMounts"))
        return QStringLiteral("mountPath");
    if (field == QLatin1String("volumeDevices"))
        return QStringLiteral("devicePath");
    if (field == QLatin1String("conditions"))
        return QStringLiteral("type");
    if (field == QLatin1String("ownerReferences"))
        return QStringLiteral("uid");
    if (field == QLatin1String("hostAliases"))
        return QStringLiteral("ip");
    if (field == QLatin1String("topologySpreadConstraints"))
        return QStringLiteral("topologyKey");
    if (field == QLatin1String("ports")) {
        // Container ports merge on containerPort, Service ports on port.
        for (const QJsonValue& element : elements) {
            if (element.toObject().contains(QStringLiteral("containerPort")))
                return QStringLiteral("containerPort");
        }
        return QStringLiteral("port");
    }
    return {};
}

bool isPrimitiveMergeList(const QString& field)
{
    return field == QLatin1String("finalizers");
}

QJsonValue strategicList(const QJsonArray& original, const QJsonArray& patch, const QString& field)
{
    // {"$patch":"replace"} inside a list replaces the whole list with the other elements.
    QJsonArray elements;
    bool replace = false;
    for (const QJsonValue& element : patch) {
        if (element.toObject().value(patchDirective).toString() == QLatin1String("replace"))
            replace = true;
        else
            elements.append(element);
    }
    if (replace)
        return elements;
    if (isPrimitiveMergeList(field)) {
        QJsonArray merged = original;
        for (const QJsonValue& element : elements) {
            if (!merged.contains(element))
                merged.append(element);
        }
        return merged;
    }
    const QString key = mergeKeyFor(field, original.isEmpty() ? elements : original);
    if (key.isEmpty())
        return elements; // lists without a merge key are replaced, as in the real server
    QJsonArray merged = original;
    for (const QJsonValue& element : elements) {
        const QJsonObject patchElement = element.toObject();
        const QJsonValue keyValue = patchElement.value(key);
        qsizetype index = -1;
        for (qsizetype i = 0; i < merged.size(); ++i) {
            if (merged.at(i).toObject().value(key) == keyValue) {
                index = i;
                break;
            }
        }
        if (patchElement.value(patchDirective).toString() == QLatin1String("delete")) {
            if (index >= 0)
                merged.removeAt(index);
            continue;
        }
        if (index >= 0)
            merged[index] = PatchApplier::strategicMerge(merged.at(index), patchElement, QString());
        else
            merged.append(PatchApplier::strategicMerge(QJsonObject(), patchElement, QString()));
    }
    return merged;
}

// "$setElementOrder/containers": [{"name":"b"},{"name":"a"}] orders the merged list.
QJsonArray applyElementOrder(const QJsonArray& list, const QJsonArray& order, const QString& field)
{
    const QString key = mergeKeyFor(field, list);
    QJsonArray ordered;
    QJsonArray rest = list;
    for (const QJsonValue& wanted : order) {
        for (qsizetype i = 0; i < rest.size(); ++i) {
            const bool same = key.isEmpty() ? rest.at(i) == wanted
                                            : rest.at(i).toObject().value(key) == wanted.toObject().value(key);
            if (same) {
                ordered.append(rest.at(i));
                rest.removeAt(i);
                break;
            }
        }
    }
    for (const QJsonValue& remaining : rest)
        ordered.append(remaining);
    return ordered;
}

QStringList pointerSegments(const QString& pointer)
{
    QStringList segments = pointer.split(QLatin1Char('/'));
    segments.removeFirst(); // the empty segment before the leading '/'
    for (QString& segment : segments)
        segment = segment.replace(QStringLiteral("~1"), QStringLiteral("/"))
                      .replace(QStringLiteral("~0"), QStringLiteral("~"));
    return segments;
}

bool pointerGet(const QJsonValue& document, const QStringList& segments, QJsonValue* out)
{
    QJsonValue current = document;
    for (const QString& segment : segments) {
        if (current.isObject()) {
            if (!current.toObject().contains(segment))
                return false;
            current = current.toObject().value(segment);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = segment.toInt(&ok);
            if (!ok || index < 0 || index >= current.toArray().size())
                return false;
            current = current.toArray().at(index);
        } else {
            return false;
        }
    }
    *out = current;
    return true;
}

// mode: 0 = add, 1 = replace, 2 = remove
bool pointerSet(QJsonValue& node, const QStringList& segments, qsizetype depth, const QJsonValue& value, int mode)
{
    const QString& segment = segments.at(depth);
    const bool last = depth == segments.size() - 1;
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (last) {
            if (mode != 0 && !object.contains(segment))
                return false;
            if (mode == 2)
                object.remove(segment);
            else
                object.insert(segment, value);
        } else {
            if (!object.contains(segment))
                return false;
            QJsonValue child = object.value(segment);
            if (!pointerSet(child, segments, depth + 1, value, mode))
                return false;
            object.insert(segment, child);
        }
        node = object;
        return true;
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        bool ok = false;
        qsizetype index = segment == QLatin1String("-") ? array.size() : segment.toInt(&ok);
        if (segment != QLatin1String("-") && !ok)
            return false;
        if (last) {
            if (mode == 0) {
                if (index < 0 || index > array.size())
                    return false;
                array.insert(index, value);
            } else {
                if (index < 0 || index >= array.size())
                    return false;
                if (mode == 2)
                    array.removeAt(index);
                else
                    array[index] = value;
            }
        } else {
            if (index < 0 || index >= array.size())
                return false;
            QJsonValue child = array.at(index);
            if (!pointerSet(child, segments, depth + 1, value, mode))
                return false;
            array[index] = child;
        }
        node = array;
        return true;
    }
    return false;
}

} // namespace

QString PatchApplier::mergeKey(const QString& field, const QJsonArray& elements)
{
    return mergeKeyFor(field, elements);
}

PatchApplier::Type PatchApplier::typeFor(const QByteArray& contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    if (type == "application/merge-patch+json")
        return Type::Merge;
    if (type == "application/strategic-merge-patch+json")
        return Type::StrategicMerge;
    if (type == "application/json-patch+json")
        return Type::Json;
    if (type == "application/apply-patch+yaml" || type == "application/apply-patch+cbor")
        return Type::Apply;
    return Type::Unsupported;
}

QJsonValue PatchApplier::mergePatch(const QJsonValue& target, const QJsonValue& patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject patchObject = patch.toObject();
    for (auto it = patchObject.begin(); it != patchObject.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

QJsonValue PatchApplier::strategicMerge(const QJsonValue& original, const QJsonValue& patch, const QString& field)
{
    if (patch.isArray())
        return strategicList(original.toArray(), patch.toArray(), field);
    if (!patch.isObject())
        return patch;
    const QJsonObject patchObject = patch.toObject();
    const QString directive = patchObject.value(patchDirective).toString();
    if (directive == QLatin1String("replace")) {
        QJsonObject replaced = patchObject;
        replaced.remove(patchDirective);
        return replaced;
    }
    if (directive == QLatin1String("delete"))
        return QJsonValue(QJsonValue::Null);
    QJsonObject result = original.isObject() ? original.toObject() : QJsonObject();
    for (auto it = patchObject.begin(); it != patchObject.end(); ++it) {
        const QString& key = it.key();
        if (key == patchDirective || key == retainKeysDirective || key.startsWith(setElementOrderPrefix))
            continue;
        if (key.startsWith(deleteFromPrimitiveListPrefix)) {
            const QString target = key.mid(deleteFromPrimitiveListPrefix.size());
            QJsonArray list = result.value(target).toArray();
            for (const QJsonValue& doomed : it.value().toArray()) {
                for (qsizetype i = list.size() - 1; i >= 0; --i) {
                    if (list.at(i) == doomed)
                        list.removeAt(i);
                }
            }
            result.insert(target, list);
            continue;
        }
        if (it.value().isNull()) {
            result.remove(key);
            continue;
        }
        const QJsonValue merged = strategicMerge(result.value(key), it.value(), key);
        if (merged.isNull())
            result.remove(key);
        else
            result.insert(key, merged);
    }
    for (auto it = patchObject.begin(); it != patchObject.end(); ++it) {
        if (!it.key().startsWith(setElementOrderPrefix))
            continue;
        const QString target = it.key().mid(setElementOrderPrefix.size());
        if (result.value(target).isArray())
            result.insert(target, applyElementOrder(result.value(target).toArray(), it.value().toArray(), target));
    }
    if (patchObject.contains(retainKeysDirective)) {
        QStringList keep;
        for (const QJsonValue& k : patchObject.value(retainKeysDirective).toArray())
            keep.append(k.toString());
        for (const QString& k : result.keys()) {
            if (!keep.contains(k))
                result.remove(k);
        }
    }
    return result;
}

bool PatchApplier::jsonPatch(QJsonValue& document, const QJsonArray& operations, QString* error)
{
    for (const QJsonValue& entry : operations) {
        const QJsonObject operation = entry.toObject();
        const QString op = operation.value(QStringLiteral("op")).toString();
        const QStringList path = pointerSegments(operation.value(QStringLiteral("path")).toString());
        const QJsonValue value = operation.value(QStringLiteral("value"));
        bool ok = false;
        if (path.isEmpty()) {
            ok = op == QLatin1String("replace") || op == QLatin1String("add");
            if (ok)
                document = value;
        } else if (op == QLatin1String("add")) {
            ok = pointerSet(document, path, 0, value, 0);
        } else if (op == QLatin1String("replace")) {
            ok = pointerSet(document, path, 0, value, 1);
        } else if (op == QLatin1String("remove")) {
            ok = pointerSet(document, path, 0, value, 2);
        } else if (op == QLatin1String("test")) {
            QJsonValue current;
            ok = pointerGet(document, path, &current) && current == value;
        } else if (op == QLatin1String("move") || op == QLatin1String("copy")) {
            const QStringList from = pointerSegments(operation.value(QStringLiteral("from")).toString());
            QJsonValue moved;
            ok = pointerGet(document, from, &moved);
            if (ok && op == QLatin1String("move"))
                ok = pointerSet(document, from, 0, {}, 2);
            if (ok)
                ok = pointerSet(document, path, 0, moved, 0);
        }
        if (!ok) {
            if (error) {
                *error = QStringLiteral("the server rejected our request due to an error in our request: "
                                        "json patch %1 operation does not apply: doc is missing path: \"%2\"")
                             .arg(op, operation.value(QStringLiteral("path")).toString());
            }
            return false;
        }
    }
    return true;
}

QJsonObject PatchApplier::apply(Type type, const QJsonObject& original, const QByteArray& patch, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(patch, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            *error = type == Type::Apply
                ? QStringLiteral("error decoding YAML: only JSON apply patches are supported by this test server: %1")
                      .arg(parseError.errorString())
                : QStringLiteral("error decoding patch: %1").arg(parseError.errorString());
        }
        return {};
    }
    switch (type) {
    case Type::Merge:
    case Type::Apply:
        return mergePatch(original, document.object()).toObject();
    case Type::StrategicMerge:
        return strategicMerge(original, document.object()).toObject();
    case Type::Json: {
        QJsonValue value = original;
        if (!jsonPatch(value, document.array(), error))
            return {};
        return value.toObject();
    }
    case Type::Unsupported:
        break;
    }
    if (error)
        *error = QStringLiteral("unsupported patch type");
    return {};
}

} // namespace quayside::test
