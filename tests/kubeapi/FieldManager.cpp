#include "FieldManager.h"

#include "HttpRequest.h"
#include "PatchApplier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QMap>

#include <algorithm>
#include <optional>

namespace quayside::test {

namespace {

const QChar separator(0x1f);
const QString metadataKey = QStringLiteral("metadata");
const QString managedFieldsKey = QStringLiteral("managedFields");

// What the API server sets, not a manager: never part of a field set.
bool isServerMetadata(const QString& key)
{
    static const QStringList keys { QStringLiteral("name"),
                                    QStringLiteral("namespace"),
                                    QStringLiteral("uid"),
                                    QStringLiteral("resourceVersion"),
                                    QStringLiteral("generation"),
                                    QStringLiteral("creationTimestamp"),
                                    QStringLiteral("deletionTimestamp"),
                                    QStringLiteral("deletionGracePeriodSeconds"),
                                    QStringLiteral("selfLink"),
                                    managedFieldsKey };
    return keys.contains(key);
}

// The keys of a keyed list's items, as server-side apply names them (x-kubernetes-list-map-keys):
// the strategic-merge key, and for ports the port together with its protocol.
QStringList listKeys(const QString& field, const QJsonArray& elements)
{
    if (field == QLatin1String("ports")) {
        for (const QJsonValue& element : elements) {
            if (element.toObject().contains(QStringLiteral("containerPort")))
                return { QStringLiteral("containerPort"), QStringLiteral("protocol") };
        }
        return { QStringLiteral("port"), QStringLiteral("protocol") };
    }
    const QString key = PatchApplier::mergeKey(field, elements);
    return key.isEmpty() ? QStringList() : QStringList { key };
}

bool allObjects(const QJsonArray& array)
{
    return std::all_of(array.begin(), array.end(), [](const QJsonValue& value) { return value.isObject(); });
}

QJsonValue keyValue(const QJsonObject& element, const QString& key)
{
    const QJsonValue value = element.value(key);
    // A port's protocol defaults to TCP before the item is identified.
    if (value.isUndefined() && key == QLatin1String("protocol"))
        return QStringLiteral("TCP");
    return value;
}

QString itemSegment(const QStringList& keys, const QJsonObject& element)
{
    QJsonObject key;
    for (const QString& name : keys)
        key.insert(name, keyValue(element, name));
    return QStringLiteral("k:") + QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

bool matchesItem(const QJsonObject& element, const QJsonObject& key)
{
    for (auto it = key.begin(); it != key.end(); ++it) {
        if (keyValue(element, it.key()) != it.value())
            return false;
    }
    return true;
}

bool isItem(const QString& segment)
{
    return segment.startsWith(QLatin1String("k:"));
}

QJsonObject itemKey(const QString& segment)
{
    return QJsonDocument::fromJson(segment.mid(2).toUtf8()).object();
}

void collect(const QJsonValue& value, const QString& field, QStringList& prefix, QSet<QString>& out)
{
    if (value.isObject() && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            prefix.append(QStringLiteral("f:") + it.key());
            collect(it.value(), it.key(), prefix, out);
            prefix.removeLast();
        }
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const QStringList keys = listKeys(field, array);
        if (!keys.isEmpty() && !array.isEmpty() && allObjects(array)) {
            for (const QJsonValue& element : array) {
                prefix.append(itemSegment(keys, element.toObject()));
                out.insert(prefix.join(separator));
                collect(element, QString(), prefix, out);
                prefix.removeLast();
            }
            return;
        }
    }
    if (!prefix.isEmpty())
        out.insert(prefix.join(separator));
}

std::optional<QJsonValue> valueAt(const QJsonValue& root, const QStringList& segments)
{
    QJsonValue current = root;
    for (const QString& segment : segments) {
        if (isItem(segment)) {
            if (!current.isArray())
                return std::nullopt;
            const QJsonObject key = itemKey(segment);
            std::optional<QJsonValue> found;
            for (const QJsonValue& element : current.toArray()) {
                if (element.isObject() && matchesItem(element.toObject(), key)) {
                    found = element;
                    break;
                }
            }
            if (!found)
                return std::nullopt;
            current = *found;
        } else {
            const QString name = segment.mid(2);
            if (!current.isObject() || !current.toObject().contains(name))
                return std::nullopt;
            current = current.toObject().value(name);
        }
    }
    return current;
}

void removeAt(QJsonValue& node, const QStringList& segments, qsizetype depth)
{
    const QString& segment = segments.at(depth);
    const bool last = depth == segments.size() - 1;
    if (isItem(segment)) {
        if (!node.isArray())
            return;
        QJsonArray array = node.toArray();
        const QJsonObject key = itemKey(segment);
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isObject() || !matchesItem(array.at(i).toObject(), key))
                continue;
            if (last) {
                array.removeAt(i);
            } else {
                QJsonValue child = array.at(i);
                removeAt(child, segments, depth + 1);
                array[i] = child;
            }
            break;
        }
        node = array;
        return;
    }
    if (!node.isObject())
        return;
    QJsonObject object = node.toObject();
    const QString name = segment.mid(2);
    if (last) {
        object.remove(name);
    } else if (object.contains(name)) {
        QJsonValue child = object.value(name);
        removeAt(child, segments, depth + 1);
        object.insert(name, child);
    }
    node = object;
}

// The applied configuration over the live object: maps key by key, keyed lists item by item (new
// items after the existing ones), everything else replaced. A null removes the field.
QJsonValue merge(const QJsonValue& live, const QJsonValue& applied, const QString& field)
{
    if (applied.isObject() && live.isObject()) {
        QJsonObject result = live.toObject();
        const QJsonObject patch = applied.toObject();
        for (auto it = patch.begin(); it != patch.end(); ++it) {
            if (it.value().isNull())
                result.remove(it.key());
            else
                result.insert(it.key(), merge(result.value(it.key()), it.value(), it.key()));
        }
        return result;
    }
    if (applied.isArray() && live.isArray()) {
        const QJsonArray patch = applied.toArray();
        QJsonArray result = live.toArray();
        const QStringList keys = listKeys(field, patch);
        if (keys.isEmpty() || !allObjects(patch) || !allObjects(result))
            return patch;
        for (const QJsonValue& element : patch) {
            const QJsonObject key = itemKey(itemSegment(keys, element.toObject()));
            qsizetype index = -1;
            for (qsizetype i = 0; i < result.size() && index < 0; ++i) {
                if (matchesItem(result.at(i).toObject(), key))
                    index = i;
            }
            if (index >= 0)
                result[index] = merge(result.at(index), element, QString());
            else
                result.append(element);
        }
        return result;
    }
    return applied;
}

struct Entry
{
    QString manager;
    QString operation; // Apply | Update
    QString apiVersion;
    QString time;
    QString subresource;
    QSet<QString> fields;
};

void flatten(const QJsonObject& node, QStringList& prefix, QSet<QString>& out)
{
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == QLatin1String("."))
            continue;
        prefix.append(it.key());
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty() || child.contains(QStringLiteral(".")))
            out.insert(prefix.join(separator));
        flatten(child, prefix, out);
        prefix.removeLast();
    }
}

QJsonObject insertPath(QJsonObject node, const QStringList& segments, qsizetype depth)
{
    const QString& segment = segments.at(depth);
    QJsonObject child = node.value(segment).toObject();
    if (depth == segments.size() - 1) {
        if (isItem(segment))
            child.insert(QStringLiteral("."), QJsonObject());
    } else {
        child = insertPath(child, segments, depth + 1);
    }
    node.insert(segment, child);
    return node;
}

// FieldsV1 (https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management):
// {"f:spec": {"f:replicas": {}}, ... "k:{\"name\":\"web\"}": {".": {}, "f:image": {}}}.
QJsonObject fieldsV1(const QSet<QString>& fields)
{
    QStringList sorted(fields.begin(), fields.end());
    std::sort(sorted.begin(), sorted.end());
    QJsonObject tree;
    for (const QString& path : sorted)
        tree = insertPath(tree, path.split(separator), 0);
    return tree;
}

QList<Entry> entriesOf(const QJsonObject& object)
{
    QList<Entry> entries;
    for (const QJsonValue& value : object.value(metadataKey).toObject().value(managedFieldsKey).toArray()) {
        const QJsonObject json = value.toObject();
        Entry entry;
        entry.manager = json.value(QStringLiteral("manager")).toString();
        entry.operation = json.value(QStringLiteral("operation")).toString();
        entry.apiVersion = json.value(QStringLiteral("apiVersion")).toString();
        entry.time = json.value(QStringLiteral("time")).toString();
        entry.subresource = json.value(QStringLiteral("subresource")).toString();
        QStringList prefix;
        flatten(json.value(QStringLiteral("fieldsV1")).toObject(), prefix, entry.fields);
        entries.append(entry);
    }
    return entries;
}

void storeEntries(QJsonObject& object, const QList<Entry>& entries)
{
    QJsonArray list;
    for (const Entry& entry : entries) {
        if (entry.fields.isEmpty())
            continue;
        QJsonObject json { { QStringLiteral("manager"), entry.manager },
                           { QStringLiteral("operation"), entry.operation },
                           { QStringLiteral("apiVersion"), entry.apiVersion },
                           { QStringLiteral("time"), entry.time },
                           { QStringLiteral("fieldsType"), QStringLiteral("FieldsV1") },
                           { QStringLiteral("fieldsV1"), fieldsV1(entry.fields) } };
        if (!entry.subresource.isEmpty())
            json.insert(QStringLiteral("subresource"), entry.subresource);
        list.append(json);
    }
    QJsonObject metadata = object.value(metadataKey).toObject();
    if (list.isEmpty())
        metadata.remove(managedFieldsKey);
    else
        metadata.insert(managedFieldsKey, list);
    object.insert(metadataKey, metadata);
}

// printManager() of k8s.io/apiserver's fieldmanager: Update managers are named with their version
// and time.
QString printManager(const Entry& entry)
{
    QString text = QLatin1Char('"') + entry.manager + QLatin1Char('"');
    if (!entry.subresource.isEmpty())
        text += QStringLiteral(" with subresource \"%1\"").arg(entry.subresource);
    if (entry.operation == QLatin1String("Update")) {
        text += QStringLiteral(" using ") + entry.apiVersion;
        if (!entry.time.isEmpty())
            text += QStringLiteral(" at ") + entry.time;
    }
    return text;
}

// NewConflictError() of k8s.io/apiserver's fieldmanager. Each conflict: the path and printManager().
ApiStatus conflictStatus(const QList<QPair<QString, QString>>& conflicts)
{
    QJsonArray causes;
    for (const auto& [path, manager] : conflicts) {
        causes.append(QJsonObject { { QStringLiteral("reason"), QStringLiteral("FieldManagerConflict") },
                                    { QStringLiteral("message"), QString(QStringLiteral("conflict with ") + manager) },
                                    { QStringLiteral("field"), FieldManager::describe(path) } });
    }
    QString message;
    if (conflicts.size() == 1) {
        message = QStringLiteral("Apply failed with 1 conflict: conflict with %1: %2")
                      .arg(conflicts.first().second, FieldManager::describe(conflicts.first().first));
    } else {
        QMap<QString, QStringList> byManager;
        for (const auto& [path, manager] : conflicts)
            byManager[manager].append(QStringLiteral("- ") + FieldManager::describe(path));
        QStringList lines;
        for (auto it = byManager.cbegin(); it != byManager.cend(); ++it)
            lines << QStringLiteral("conflicts with %1:").arg(it.key()) << it.value();
        message = QStringLiteral("Apply failed with %1 conflicts: %2").arg(conflicts.size()).arg(lines.join('\n'));
    }
    return ApiStatus(409, QStringLiteral("Conflict"), message)
        .withDetails(QJsonObject { { QStringLiteral("causes"), causes } });
}

} // namespace

QString FieldManager::managerFor(const HttpRequest& request)
{
    const QString manager = request.queryValue(QStringLiteral("fieldManager"));
    if (!manager.isEmpty())
        return manager;
    return QString::fromUtf8(request.header("user-agent")).section(QLatin1Char('/'), 0, 0).left(128);
}

QSet<QString> FieldManager::fieldsOf(const QJsonObject& object)
{
    QSet<QString> out;
    QStringList prefix;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("apiVersion") || key == QLatin1String("kind") || key == QLatin1String("status"))
            continue;
        if (key == metadataKey) {
            const QJsonObject metadata = it.value().toObject();
            for (auto m = metadata.begin(); m != metadata.end(); ++m) {
                if (isServerMetadata(m.key()))
                    continue;
                prefix = QStringList { QStringLiteral("f:metadata"), QStringLiteral("f:") + m.key() };
                collect(m.value(), m.key(), prefix, out);
            }
            continue;
        }
        prefix = QStringList { QStringLiteral("f:") + key };
        collect(it.value(), key, prefix, out);
    }
    return out;
}

QString FieldManager::describe(const QString& path)
{
    QString out;
    for (const QString& segment : path.split(separator)) {
        if (!isItem(segment)) {
            out += QLatin1Char('.') + segment.mid(2);
            continue;
        }
        // [name="web"], [containerPort=8000,protocol="TCP"], as fieldpath.Path prints them.
        QStringList parts;
        const QJsonObject key = itemKey(segment);
        for (auto it = key.begin(); it != key.end(); ++it) {
            const QByteArray value = QJsonDocument(QJsonArray { it.value() }).toJson(QJsonDocument::Compact);
            parts << it.key() + QLatin1Char('=') + QString::fromUtf8(value.mid(1, value.size() - 2));
        }
        out += QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    return out;
}

QJsonObject FieldManager::withoutTimestamps(QJsonObject object)
{
    QJsonObject metadata = object.value(metadataKey).toObject();
    QJsonArray entries = metadata.value(managedFieldsKey).toArray();
    for (QJsonValueRef entry : entries) {
        QJsonObject json = entry.toObject();
        json.remove(QStringLiteral("time"));
        entry = json;
    }
    if (metadata.contains(managedFieldsKey))
        metadata.insert(managedFieldsKey, entries);
    object.insert(metadataKey, metadata);
    return object;
}

std::optional<ApiStatus> FieldManager::apply(const QJsonObject* live, const QJsonObject& configuration,
                                             const QString& manager, bool force, const QString& now,
                                             QJsonObject* result)
{
    QJsonObject applied = configuration;
    QJsonObject appliedMetadata = applied.value(metadataKey).toObject();
    appliedMetadata.remove(managedFieldsKey);
    applied.insert(metadataKey, appliedMetadata);
    const QSet<QString> fields = fieldsOf(applied);

    QList<Entry> entries = live ? entriesOf(*live) : QList<Entry>();
    const auto isMine = [&manager](const Entry& entry) {
        return entry.manager == manager && entry.operation == QLatin1String("Apply") && entry.subresource.isEmpty();
    };

    // Fields this apply would change that someone else set.
    QList<QPair<QString, QString>> conflicts;
    if (live) {
        QStringList sorted(fields.begin(), fields.end());
        std::sort(sorted.begin(), sorted.end());
        for (const Entry& entry : entries) {
            if (isMine(entry) || !entry.subresource.isEmpty())
                continue;
            for (const QString& path : sorted) {
                const QStringList segments = path.split(separator);
                if (!entry.fields.contains(path) || isItem(segments.last()))
                    continue;
                if (valueAt(*live, segments) != valueAt(applied, segments))
                    conflicts.append({ path, printManager(entry) });
            }
        }
    }
    if (!conflicts.isEmpty() && !force)
        return conflictStatus(conflicts);
    QSet<QString> forced;
    for (const auto& conflict : conflicts)
        forced.insert(conflict.first);
    QSet<QString> previous;
    QSet<QString> others;
    for (Entry& entry : entries) {
        if (isMine(entry)) {
            previous = entry.fields;
            continue;
        }
        entry.fields -= forced;
        others += entry.fields;
    }

    // What this manager applied before and no longer does, and nobody else owns: removed, deepest first
    // so that an item's fields go before the item.
    QJsonValue object = live ? QJsonValue(*live) : QJsonValue(QJsonObject());
    const QSet<QString> kept = fields + others;
    QStringList removed;
    for (const QString& path : previous - kept)
        removed.append(path);
    std::sort(removed.begin(), removed.end(),
              [](const QString& a, const QString& b) { return a.count(separator) > b.count(separator); });
    for (const QString& path : removed) {
        const QStringList segments = path.split(separator);
        if (isItem(segments.last())) {
            const QString inside = path + separator;
            const bool stillUsed
                = std::any_of(kept.begin(), kept.end(), [&inside](const QString& p) { return p.startsWith(inside); });
            if (stillUsed)
                continue;
        }
        removeAt(object, segments, 0);
    }
    QJsonObject merged = merge(object, applied, QString()).toObject();

    bool found = false;
    for (Entry& entry : entries) {
        if (isMine(entry)) {
            entry.fields = fields;
            entry.apiVersion = applied.value(QStringLiteral("apiVersion")).toString();
            if (entry.fields != previous || entry.time.isEmpty())
                entry.time = now;
            found = true;
        }
    }
    if (!found) {
        entries.append(Entry { manager, QStringLiteral("Apply"), applied.value(QStringLiteral("apiVersion")).toString(),
                               now, QString(), fields });
    }
    const QSet<QString> present = fieldsOf(merged);
    for (Entry& entry : entries)
        entry.fields &= present;
    storeEntries(merged, entries);
    *result = merged;
    return std::nullopt;
}

void FieldManager::recordUpdate(const QJsonObject* old, QJsonObject& updated, const QString& manager,
                                const QString& now)
{
    if (manager.isEmpty())
        return;
    // managedFields a client sends replace the stored ones (kubectl migrates client-side apply's
    // ownership to server-side apply that way; `[{}]` clears them); left out, they are kept.
    const QJsonValue sent = updated.value(metadataKey).toObject().value(managedFieldsKey);
    const QJsonValue stored
        = old ? old->value(metadataKey).toObject().value(managedFieldsKey) : QJsonValue(QJsonValue::Undefined);
    const bool replaced = old && !sent.isUndefined() && sent != stored;
    const QJsonObject* base = replaced ? &updated : old;
    QList<Entry> entries = base ? entriesOf(*base) : QList<Entry>();
    const QSet<QString> present = fieldsOf(updated);
    QSet<QString> changed;
    for (const QString& path : present) {
        const QStringList segments = path.split(separator);
        if (!old || valueAt(*old, segments) != valueAt(updated, segments))
            changed.insert(path);
    }
    bool found = false;
    bool different = false;
    for (Entry& entry : entries) {
        const QSet<QString> before = entry.fields;
        const bool mine
            = entry.manager == manager && entry.operation == QLatin1String("Update") && entry.subresource.isEmpty();
        if (mine) {
            entry.fields += changed;
            found = true;
        } else {
            entry.fields -= changed;
        }
        entry.fields &= present;
        if (entry.fields != before) {
            different = true;
            if (mine)
                entry.time = now;
        }
    }
    if (!found && !changed.isEmpty()) {
        entries.append(Entry { manager, QStringLiteral("Update"),
                               updated.value(QStringLiteral("apiVersion")).toString(), now, QString(), changed });
        different = true;
    }
    if (!different && old && !replaced) {
        // Nothing changed hands: the stored entries stay as they were, byte for byte.
        QJsonObject metadata = updated.value(metadataKey).toObject();
        if (stored.isUndefined())
            metadata.remove(managedFieldsKey);
        else
            metadata.insert(managedFieldsKey, stored);
        updated.insert(metadataKey, metadata);
        return;
    }
    storeEntries(updated, entries);
}

} // namespace quayside::test
