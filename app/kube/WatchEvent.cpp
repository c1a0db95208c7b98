#include "kube/WatchEvent.h"

#include "kube/JsonScanner.h"

#include <QJsonDocument>

namespace quayside::kube {

std::optional<WatchEvent::Type> WatchEvent::typeFromName(const QString& type)
{
    if (type == QLatin1String("ADDED"))
        return Type::Added;
    if (type == QLatin1String("MODIFIED"))
        return Type::Modified;
    if (type == QLatin1String("DELETED"))
        return Type::Deleted;
    if (type == QLatin1String("BOOKMARK"))
        return Type::Bookmark;
    if (type == QLatin1String("ERROR"))
        return Type::Error;
    return std::nullopt;
}

std::optional<WatchEvent> WatchEvent::parse(const QByteArray& line, QString* error)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("watch event is not JSON: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QString typeName = root.value(QLatin1String("type")).toString();
    const auto type = typeFromName(typeName);
    if (!type) {
        if (error)
            *error = QStringLiteral("unknown watch event type \"%1\"").arg(typeName);
        return std::nullopt;
    }
    WatchEvent event;
    event.type = *type;
    event.object = root.value(QLatin1String("object")).toObject();
    event.meta = RawObject::fromObject(event.object).meta;
    return event;
}

std::optional<WatchEvent> WatchEvent::scan(const QByteArray& line, QString* error)
{
    QString typeName;
    qsizetype begin = 0;
    qsizetype end = 0;
    ObjectMeta meta;
    if (!JsonScanner::scanWatchEvent(line, &typeName, &begin, &end, &meta))
        return parse(line, error);
    const auto type = typeFromName(typeName);
    if (!type || *type == Type::Error)
        return parse(line, error); // a Status to read in full, or an error message to produce
    WatchEvent event;
    event.type = *type;
    event.meta = std::move(meta);
    if (*type != Type::Bookmark)
        event.rawObject = line.mid(begin, end - begin);
    return event;
}

QString WatchEvent::resourceVersion() const
{
    if (meta.resourceVersion.isEmpty() && !object.isEmpty())
        return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    return meta.resourceVersion;
}

RawObject WatchEvent::toRawObject() const
{
    if (rawObject.isEmpty())
        return RawObject::fromObject(object); // built by hand (tests, benchmarks): derive the identity
    RawObject raw;
    raw.meta = meta;
    raw.json = rawObject;
    raw.object = object;
    return raw;
}

QString WatchEvent::typeName(Type type)
{
    switch (type) {
    case Type::Added:
        return QStringLiteral("ADDED");
    case Type::Modified:
        return QStringLiteral("MODIFIED");
    case Type::Deleted:
        return QStringLiteral("DELETED");
    case Type::Bookmark:
        return QStringLiteral("BOOKMARK");
    case Type::Error:
        return QStringLiteral("ERROR");
    }
    return {};
}

} // namespace quayside::kube
