#pragma once

#include "kube/ObjectMeta.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace quayside::kube {

// Finds the few fields the informer needs in watch events and lists without building a QJsonObject
// of everything else. A pod event is ~2.5 KB of JSON of which the store needs four strings (uid,
// name, namespace, resourceVersion); parsing it whole with QJsonDocument costs several times more
// than everything else the informer does. The rest is kept as bytes and parsed when someone
// actually looks at the object (ObjectStore::Entry::object()).
//
// The scanner checks the structure it walks (balanced braces and brackets, terminated strings); it
// does not validate every number and literal: a malformed object that slips through shows up as an
// empty object when it is finally parsed. When it cannot make sense of a line it says so, and the
// caller falls back to QJsonDocument.
class JsonScanner
{
public:
    // {"type":"MODIFIED","object":{...}}: the type, the byte range of "object" in `line`, and the
    // object's metadata fields.
    static bool scanWatchEvent(const QByteArray& line, QString* type, qsizetype* objectBegin, qsizetype* objectEnd,
                               ObjectMeta* meta);

    struct ListItem
    {
        qsizetype begin = 0;
        qsizetype end = 0;
        ObjectMeta meta;
        bool hasKind = false; // list items usually leave kind and apiVersion out
    };
    // {"kind":"PodList","metadata":{"resourceVersion":...},"items":[{...},...]}
    static bool scanList(const QByteArray& body, QString* resourceVersion, QList<ListItem>* items);
};

} // namespace quayside::kube
