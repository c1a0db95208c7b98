#pragma once

#include <QString>

namespace quayside::kube {

// The identity fields of an object's metadata: all the store needs to place an object, read without
// parsing the rest of it (JsonScanner).
struct ObjectMeta
{
    QString uid;
    QString name;
    QString nameSpace;
    QString resourceVersion;
};

} // namespace quayside::kube
