#pragma once

#include "ApiStatus.h"

#include <QJsonObject>
#include <QString>

namespace quayside::test {

class HttpConnection;
class ServerCore;
struct HttpRequest;
struct ResourceType;

// The Kubernetes REST API on top of the store: discovery, list/get/watch/create/update/patch/delete,
// the status and scale subresources, pod logs and metrics.k8s.io, answered as kube-apiserver answers
// (Status errors, Table output for kubectl, lists without kind on items, 201 on create...).
class ApiHandler
{
public:
    explicit ApiHandler(ServerCore& core);

    // Answers an authenticated request; returns the HTTP status (200 for streams that started).
    int handle(HttpConnection* connection, const HttpRequest& request);

    static int send(HttpConnection* connection, int status, const QJsonObject& body);
    static int send(HttpConnection* connection, const ApiStatus& status);

private:
    struct Target
    {
        const ResourceType* type = nullptr;
        QString ns;
        QString name;
        QString subresource;
    };

    int discovery(HttpConnection* connection, const HttpRequest& request, bool* handled);
    int metrics(HttpConnection* connection, const HttpRequest& request, const QStringList& rest);
    int list(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int watch(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int get(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int create(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int update(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int patch(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int remove(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int removeCollection(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int scale(HttpConnection* connection, const HttpRequest& request, const Target& target);
    int logs(HttpConnection* connection, const HttpRequest& request, const Target& target);

    QJsonObject scaleOf(const ResourceType& type, const QJsonObject& object) const;
    bool wantsTable(const HttpRequest& request) const;

    ServerCore& m_core;
};

} // namespace quayside::test
