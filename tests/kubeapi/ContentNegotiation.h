#pragma once

#include "ApiStatus.h"

#include <QByteArray>
#include <QList>
#include <QMap>

#include <optional>

namespace quayside::test {

// Which representation a response is served in, chosen from the request's Accept header as
// kube-apiserver chooses it (k8s.io/apiserver/pkg/endpoints/handlers/negotiation; the protocol:
// https://kubernetes.io/docs/reference/using-api/api-concepts/#alternate-representations-of-resources):
// media ranges in order of preference (q, then specificity, then position); the first one the
// endpoint can produce wins; parameters name a conversion (as/g/v: a Table, an aggregated discovery
// document) and a range with a conversion the endpoint cannot do, or a parameter the server does not
// know, is passed over. Nothing acceptable: 406 NotAcceptable.
//
// This server produces JSON only: `application/vnd.kubernetes.protobuf` (what client-go's typed
// clients ask for first, followed by application/json) and YAML are passed over, as they are by a real
// server for kinds without protobuf, e.g. custom resources.
class ContentNegotiation
{
public:
    enum class Output {
        Object, // the object, list or Status itself
        Table, // meta.k8s.io/v1 (or v1beta1) Table, for kubectl get
        DiscoveryV2, // apidiscovery.k8s.io/v2 APIGroupDiscoveryList, on /api and /apis
        DiscoveryV2Beta1, // the same document as apidiscovery.k8s.io/v2beta1 (kubectl 1.27-1.29)
    };

    // What an endpoint can produce besides the plain object.
    struct Offers
    {
        bool table = false;
        bool aggregatedDiscovery = false;
    };

    struct Choice
    {
        Output output = Output::Object;
        QByteArray contentType; // the response's Content-Type, parameters included
    };

    struct MediaRange
    {
        QByteArray type; // "application", "*"
        QByteArray subtype; // "json", "vnd.kubernetes.protobuf", "*"
        QMap<QByteArray, QByteArray> parameters; // lower-case names, without q
        double quality = 1.0;
    };

    // An empty or absent header means */*.
    static std::optional<Choice> negotiate(const QByteArray& accept, const Offers& offers);
    static QList<MediaRange> parse(const QByteArray& accept);
    // 406 as kube-apiserver words it.
    static ApiStatus notAcceptable();
};

} // namespace quayside::test
