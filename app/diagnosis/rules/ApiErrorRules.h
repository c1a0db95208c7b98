#pragma once

#include "diagnosis/Finding.h"

#include <QList>
#include <QString>

namespace quayside::diagnosis {

// Problems the API server reports when it refuses an object, so they never show up as an object to
// look at: a NodePort already taken ("nodeport-taken"). kube-apiserver's service REST storage answers
// 422 Invalid with `Service "NAME" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided
// port is already allocated` (pkg/registry/core/service/portallocator ErrAllocated), which Helm and
// kubectl print as part of their error.
class ApiErrorRules
{
public:
    static QList<Finding> check(const QString& errorText, const QString& nameSpace);
};

} // namespace quayside::diagnosis
