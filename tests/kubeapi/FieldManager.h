#pragma once

#include "ApiStatus.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace quayside::test {

struct HttpRequest;

// Server-side apply's field ownership (https://kubernetes.io/docs/reference/using-api/server-side-apply/),
// reduced to what clients can observe:
//   - every write records who set which fields in metadata.managedFields (manager, operation Apply or
//     Update, apiVersion, time, fieldsType FieldsV1, fieldsV1), as `kubectl get -o yaml
//     --show-managed-fields` shows them;
//   - an apply sets the fields of its configuration: maps merge key by key, lists with a merge key
//     (containers by name, ports by port and protocol, env by name...) merge item by item, other lists
//     are replaced whole ("atomic"); fields the same manager applied before and leaves out now are
//     removed, unless another manager owns them too;
//   - an apply that would change a field another manager owns is a 409 Conflict naming the field and
//     the manager, unless force=true, which takes the field over. Applying the value a field already
//     has shares it: no conflict.
//   - any other write (create, update, patch) gives its manager the fields it changed, taking them from
//     the others (no conflicts for updates).
// Not modelled: per-version field sets, defaulted key fields other than a port's protocol, schemas
// (which lists are sets, `x-kubernetes-list-type`): the list keys are the strategic-merge keys.
class FieldManager
{
public:
    // The fieldManager query parameter, else what kube-apiserver derives from the user agent
    // ("kubectl/v1.33.1 (linux/amd64) ..." -> "kubectl").
    static QString managerFor(const HttpRequest& request);

    // Applies `configuration` (the applier's whole intent for the object) to `live` (nullptr: the
    // object does not exist yet). On success, *result is the new object with its managedFields; on a
    // conflict, the Status to answer.
    static std::optional<ApiStatus> apply(const QJsonObject* live, const QJsonObject& configuration,
                                          const QString& manager, bool force, const QString& now, QJsonObject* result);

    // After a create (`old` nullptr), update or non-apply patch has produced `updated` (admitted and
    // defaulted): `manager` now owns the fields that changed.
    static void recordUpdate(const QJsonObject* old, QJsonObject& updated, const QString& manager, const QString& now);

    // The same object for "did this write change anything": managedFields timestamps left out.
    static QJsonObject withoutTimestamps(QJsonObject object);

    // The paths an object sets, as FieldsV1 keys joined by '\x1f' ("f:spec\x1ff:replicas"); list items
    // of keyed lists appear on their own too ("...\x1fk:{\"name\":\"web\"}"), like FieldsV1's ".".
    static QSet<QString> fieldsOf(const QJsonObject& object);
    // "f:spec\x1ff:template\x1f...k:{\"name\":\"web\"}\x1ff:image" -> .spec.template...[name="web"].image
    static QString describe(const QString& path);
};

} // namespace quayside::test
