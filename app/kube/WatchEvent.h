#pragma once

#include "kube/ObjectMeta.h"
#include "kube/RawObject.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace quayside::kube {

// One line of a watch stream: {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}.
struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };

    Type type = Type::Added;
    // Parsed object (parse(), and always for ERROR), or empty when the event was scanned.
    QJsonObject object;
    // Scanned events (scan()): the object's JSON bytes and its identity, parsed later if ever.
    QByteArray rawObject;
    ObjectMeta meta;

    // Parses the whole line with QJsonDocument.
    static std::optional<WatchEvent> parse(const QByteArray& line, QString* error = nullptr);
    // Reads only type and metadata (JsonScanner), keeping the object as bytes; falls back to parse()
    // for ERROR events and for anything the scanner does not understand.
    static std::optional<WatchEvent> scan(const QByteArray& line, QString* error = nullptr);

    // metadata.resourceVersion of the object (for BOOKMARK the only field it carries).
    QString resourceVersion() const;
    // What the store takes.
    RawObject toRawObject() const;
    static QString typeName(Type type);
    static std::optional<Type> typeFromName(const QString& name);
};

} // namespace quayside::kube
