#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace quayside {

// The few Kubernetes API calls `secrets apply` makes, behind an interface so the apply logic can be
// tested without a cluster (KubeSecretApi is the real one, over KubeClient).
//
// Responses carry the status and the server's message but never the body: for a Secret the body
// echoes the data, and nothing here needs it.
class SecretApi
{
public:
    struct Response
    {
        int httpStatus = 0; // 0: no HTTP answer (unreachable, TLS, timeout); see message
        QString reason; // the Status reason: "AlreadyExists", "NotFound", "Invalid", "Conflict"...
        QString message; // a sentence for the user (the server's Status message)
        bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
    };
    using Callback = std::function<void(const Response& response)>;

    virtual ~SecretApi() = default;
    // POST <collectionPath> with a JSON body.
    virtual void create(const QString& collectionPath, const QByteArray& body, QObject* context, Callback done) = 0;
    // PATCH <path> with an RFC 6902 JSON patch (application/json-patch+json).
    virtual void patchJson(const QString& path, const QByteArray& patch, QObject* context, Callback done) = 0;
};

} // namespace quayside
