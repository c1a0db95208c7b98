#pragma once

#include "ResourceRegistry.h"

#include <QJsonObject>

#include <optional>

namespace quayside::test {

// Just enough of /openapi/v3 for kubectl: every PATCH operation declares the fieldValidation query
// parameter, so `kubectl apply` leaves validation to the server (fieldValidation=Strict) instead of
// downloading schemas to validate client-side, which would need the full OpenAPI documents. No
// operation declares a strategic-merge request body, so kubectl computes its apply patches from its
// own built-in types, as it does for servers without OpenAPI.
class OpenApiV3
{
public:
    // GET /openapi/v3: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}}}
    static QJsonObject index(const ResourceRegistry& registry);
    // GET /openapi/v3/api/v1 or /openapi/v3/apis/apps/v1; nullopt if no such group/version.
    static std::optional<QJsonObject> document(const ResourceRegistry& registry, const QString& groupVersionPath);
};

} // namespace quayside::test
