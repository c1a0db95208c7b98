#include "kube/JsonScanner.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>
#include <string_view>

namespace quayside::kube {

namespace {

// Walks a NUL-terminated buffer (QByteArray guarantees the terminator), so libc's strcspn can find
// the next interesting byte quickly; JSON text never contains a raw NUL.
struct Cursor
{
    const char* p;
    const char* end;
};

struct Str
{
    const char* begin = nullptr;
    const char* end = nullptr;
    bool escaped = false;

    std::string_view view() const { return { begin, static_cast<std::size_t>(end - begin) }; }
};

void skipSpace(Cursor& c)
{
    while (c.p < c.end && (*c.p == ' ' || *c.p == '\t' || *c.p == '\n' || *c.p == '\r'))
        ++c.p;
}

bool scanString(Cursor& c, Str* out)
{
    if (c.p >= c.end || *c.p != '"')
        return false;
    ++c.p;
    out->begin = c.p;
    out->escaped = false;
    while (c.p < c.end) {
        c.p += std::strcspn(c.p, "\"\\");
        if (c.p >= c.end)
            return false;
        if (*c.p == '"') {
            out->end = c.p;
            ++c.p;
            return true;
        }
        out->escaped = true; // a backslash: skip it and the character it escapes
        c.p += 2;
    }
    return false;
}

QString decode(const Str& s)
{
    if (!s.escaped)
        return QString::fromUtf8(s.begin, s.end - s.begin);
    // Rare (names are DNS labels): let the real parser handle \uXXXX and friends.
    const QByteArray wrapped
        = QByteArrayLiteral("[\"") + QByteArray(s.begin, s.end - s.begin) + QByteArrayLiteral("\"]");
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

bool keyIs(const Str& key, std::string_view expected)
{
    return key.escaped ? decode(key) == QLatin1String(expected.data(), static_cast<qsizetype>(expected.size()))
                       : key.view() == expected;
}

bool skipValue(Cursor& c)
{
    skipSpace(c);
    if (c.p >= c.end)
        return false;
    const char first = *c.p;
    if (first == '"') {
        Str s;
        return scanString(c, &s);
    }
    if (first == '{' || first == '[') {
        int depth = 0;
        while (c.p < c.end) {
            c.p += std::strcspn(c.p, "\"{}[]");
            if (c.p >= c.end)
                return false;
            const char ch = *c.p;
            if (ch == '"') {
                Str s;
                if (!scanString(c, &s))
                    return false;
                continue;
            }
            if (ch == '{' || ch == '[') {
                ++depth;
            } else if (--depth == 0) {
                ++c.p;
                return true;
            } else if (depth < 0) {
                return false;
            }
            ++c.p;
        }
        return false;
    }
    // A number or a literal (true, false, null).
    const char* start = c.p;
    while (c.p < c.end && *c.p != ',' && *c.p != '}' && *c.p != ']' && *c.p != ' ' && *c.p != '\n' && *c.p != '\r'
           && *c.p != '\t')
        ++c.p;
    return c.p > start;
}

// Calls member(key, cursor) for every member of the object at the cursor; member must consume the
// value (or return false).
template<typename Member> bool forEachMember(Cursor& c, Member member)
{
    skipSpace(c);
    if (c.p >= c.end || *c.p != '{')
        return false;
    ++c.p;
    skipSpace(c);
    if (c.p < c.end && *c.p == '}') {
        ++c.p;
        return true;
    }
    while (c.p < c.end) {
        skipSpace(c);
        Str key;
        if (!scanString(c, &key))
            return false;
        skipSpace(c);
        if (c.p >= c.end || *c.p != ':')
            return false;
        ++c.p;
        skipSpace(c);
        if (!member(key, c))
            return false;
        skipSpace(c);
        if (c.p >= c.end)
            return false;
        if (*c.p == ',') {
            ++c.p;
            continue;
        }
        if (*c.p == '}') {
            ++c.p;
            return true;
        }
        return false;
    }
    return false;
}

bool stringValue(Cursor& c, QString* out)
{
    skipSpace(c);
    if (c.p < c.end && *c.p == 'n') // null
        return skipValue(c);
    Str s;
    if (!scanString(c, &s))
        return false;
    *out = decode(s);
    return true;
}

bool scanMetadata(Cursor& c, ObjectMeta* meta)
{
    return forEachMember(c, [meta](const Str& key, Cursor& value) {
        if (keyIs(key, "uid"))
            return stringValue(value, &meta->uid);
        if (keyIs(key, "name"))
            return stringValue(value, &meta->name);
        if (keyIs(key, "namespace"))
            return stringValue(value, &meta->nameSpace);
        if (keyIs(key, "resourceVersion"))
            return stringValue(value, &meta->resourceVersion);
        return skipValue(value);
    });
}

// An object whose metadata we want; the cursor ends after it.
bool scanObject(Cursor& c, ObjectMeta* meta, bool* hasKind = nullptr)
{
    return forEachMember(c, [meta, hasKind](const Str& key, Cursor& value) {
        if (keyIs(key, "metadata"))
            return scanMetadata(value, meta);
        if (hasKind && keyIs(key, "kind"))
            *hasKind = true;
        return skipValue(value);
    });
}

} // namespace

bool JsonScanner::scanWatchEvent(const QByteArray& line, QString* type, qsizetype* objectBegin, qsizetype* objectEnd,
                                 ObjectMeta* meta)
{
    const char* data = line.constData();
    Cursor c { data, data + line.size() };
    bool sawObject = false;
    const bool ok = forEachMember(c, [&](const Str& key, Cursor& value) {
        if (keyIs(key, "type"))
            return stringValue(value, type);
        if (keyIs(key, "object")) {
            skipSpace(value);
            *objectBegin = value.p - data;
            if (!scanObject(value, meta))
                return false;
            *objectEnd = value.p - data;
            sawObject = true;
            return true;
        }
        return skipValue(value);
    });
    skipSpace(c);
    return ok && sawObject && c.p == c.end;
}

bool JsonScanner::scanList(const QByteArray& body, QString* resourceVersion, QList<ListItem>* items)
{
    const char* data = body.constData();
    Cursor c { data, data + body.size() };
    bool sawItems = false;
    const bool ok = forEachMember(c, [&](const Str& key, Cursor& value) {
        if (keyIs(key, "metadata")) {
            ObjectMeta listMeta;
            if (!scanMetadata(value, &listMeta))
                return false;
            *resourceVersion = listMeta.resourceVersion;
            return true;
        }
        if (keyIs(key, "items")) {
            skipSpace(value);
            if (value.p < value.end && *value.p == 'n') // "items": null
                return skipValue(value);
            if (value.p >= value.end || *value.p != '[')
                return false;
            ++value.p;
            sawItems = true;
            skipSpace(value);
            if (value.p < value.end && *value.p == ']') {
                ++value.p;
                return true;
            }
            while (value.p < value.end) {
                skipSpace(value);
                ListItem item;
                item.begin = value.p - data;
                if (!scanObject(value, &item.meta, &item.hasKind))
                    return false;
                item.end = value.p - data;
                items->append(std::move(item));
                skipSpace(value);
                if (value.p < value.end && *value.p == ',') {
                    ++value.p;
                    continue;
                }
                if (value.p < value.end && *value.p == ']') {
                    ++value.p;
                    return true;
                }
                return false;
            }
            return false;
        }
        return skipValue(value);
    });
    skipSpace(c);
    return ok && sawItems && c.p == c.end;
}

} // namespace quayside::kube
