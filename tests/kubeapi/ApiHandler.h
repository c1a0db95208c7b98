#pragma once

#include "ApiStatus.h"
#include "ContentNegotiation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace quayside::test {

class HttpConnection;
class ServerCore;
struct HttpRequest;
struct ResourceType;

// The Kubernetes REST API on top of the store: discovery, list/get/watch/create/update/patch/delete,
// the status and scale subresources, pod logs and metrics.k8s.io, answered as kube-apiserver answers
// (Status errors, Table output for kubectl, lists without kind on items, 201 on create...). The
// representation is negotiated first (ContentNegotiation), request bodies may be JSON or protobuf
// (ProtobufDecoder), and every write goes through FieldManager for managedFields and server-side apply.
class ApiHandler
{
public:
    explicit ApiHandler(ServerCore& core);

    // Answers an authenticated request; returns the HTTP status (200 for streams that started).
    int handle(HttpConnection* connection, const HttpRequest& request);

    static int send(HttpConnection* connection, int status, const QJsonObject& body,
                    const QByteArray& contentType = "application/json");
    static int send(HttpConnection* connection, const ApiStatus& status);

private:
    struct Target
    {
        const ResourceType* type = nullptr;
        QString ns;
        QString name;
        QString subresource;
        ContentNegotiation::Choice output; // what the response is served as
    };

    int discovery(HttpConnection* connection, const HttpRequest& request, bool* handled);
    int metrics(HttpConnection* connection, const HttpRequest& request, const QStringList& rest);
    int list(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int watch(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int get(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int create(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int update(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int patch(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int apply(HttpConnection* connection, const HttpRequest& request, const Target& target,
              const std::optional<QJsonObject>& old);
    int remove(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int removeCollection(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int scale(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int logs(HttpConnection* connection, const HttpRequest& request, const Target& target);

    QJsonObject scaleOf(const ResourceType& type, const QJsonObject& object) const;

    ServerCore& m_core;
};

} // namespace quayside::test
