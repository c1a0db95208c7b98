#pragma once

#include "kube/ObjectMeta.h"

#include <QByteArray>
#include <QJsonObject>

namespace quayside::kube {

// An API object on its way into the store: either still bytes (scanned, metadata known, the rest
// parsed only when someone reads it) or already a QJsonObject.
struct RawObject
{
    ObjectMeta meta;
    QByteArray json; // the object's JSON text, or empty when `object` is set
    QJsonObject object;

    static RawObject fromObject(const QJsonObject& object);
};

} // namespace quayside::kube
