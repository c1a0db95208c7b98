#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace quayside::test {

// Request bodies in Kubernetes' protobuf encoding, turned into the JSON the rest of the server works
// with. client-go's typed clientsets send `application/vnd.kubernetes.protobuf` bodies for built-in
// kinds (Helm's release storage creates and updates its Secrets that way), so a server that only
// reads JSON fails them with "couldn't get version/kind; json parse error".
//
// The encoding (https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding): the
// magic bytes "k8s\0", then a runtime.Unknown message {typeMeta{apiVersion, kind}, raw, contentEncoding,
// contentType} whose `raw` is the object's own message (k8s.io/api/core/v1/generated.proto). Only the
// kinds clients write this way here are known: Secret, ConfigMap and DeleteOptions; anything else is
// refused (the caller answers 415, as kube-apiserver does for kinds without protobuf, e.g. custom
// resources). Decoding only: responses are JSON, which these clients also accept.
class ProtobufDecoder
{
public:
    static constexpr const char* mediaType = "application/vnd.kubernetes.protobuf";

    // The object as JSON (apiVersion and kind from the envelope), Go's JSON field names, fields that
    // are empty/zero left out as `omitempty` does. nullopt with *error for a malformed body or a kind
    // it does not know.
    static std::optional<QJsonObject> decode(const QByteArray& body, QString* error);
    static bool knows(const QString& apiVersion, const QString& kind);
};

} // namespace quayside::test
