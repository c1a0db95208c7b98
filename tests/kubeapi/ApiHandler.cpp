#include "ApiHandler.h"

#include "AggregatedDiscovery.h"
#include "FieldManager.h"
#include "FieldSelector.h"
#include "HttpConnection.h"
#include "LabelSelector.h"
#include "MetricsGenerator.h"
#include "OpenApiV3.h"
#include "PatchApplier.h"
#include "ProtobufDecoder.h"
#include "ServerCore.h"
#include "TableConverter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::test {

namespace {

QJsonObject meta(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

QJsonObject groupVersion(const QString& groupVersionText, const QString& version)
{
    return { { QStringLiteral("groupVersion"), groupVersionText }, { QStringLiteral("version"), version } };
}

QJsonObject apiGroup(const QString& name, const QString& version)
{
    const QJsonObject preferred = groupVersion(name + QLatin1Char('/') + version, version);
    return { { QStringLiteral("name"), name },
             { QStringLiteral("versions"), QJsonArray { preferred } },
             { QStringLiteral("preferredVersion"), preferred } };
}

QJsonObject apiResource(const QString& name, const QString& singular, bool namespaced, const QString& kind,
                        const QStringList& verbs, const QStringList& shortNames = {},
                        const QStringList& categories = {})
{
    QJsonObject resource { { QStringLiteral("name"), name },
                           { QStringLiteral("singularName"), singular },
                           { QStringLiteral("namespaced"), namespaced },
                           { QStringLiteral("kind"), kind },
                           { QStringLiteral("verbs"), QJsonArray::fromStringList(verbs) } };
    if (!shortNames.isEmpty())
        resource.insert(QStringLiteral("shortNames"), QJsonArray::fromStringList(shortNames));
    if (!categories.isEmpty())
        resource.insert(QStringLiteral("categories"), QJsonArray::fromStringList(categories));
    return resource;
}

QString listKind(const ResourceType& type)
{
    return type.kind + QStringLiteral("List");
}

// Lists from the API server carry kind/apiVersion on the list only, not on the items.
QJsonObject stripTypeMeta(QJsonObject object)
{
    object.remove(QStringLiteral("kind"));
    object.remove(QStringLiteral("apiVersion"));
    return object;
}

QJsonObject parseJson(const QByteArray& body, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error
            = QStringLiteral("couldn't get version/kind; json parse error: %1")
                  .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                    : QStringLiteral("the body is not a JSON object"));
        return {};
    }
    return document.object();
}

// A create/update/delete body in the encoding its Content-Type names: JSON (also when no type is
// given, as kube-apiserver assumes), or protobuf for the kinds ProtobufDecoder knows. Anything else
// is 415, as for a type the server has no serializer for.
std::optional<QJsonObject> parseBody(const HttpRequest& request, std::optional<ApiStatus>* failure)
{
    const QByteArray mediaType = request.header("content-type").split(';').value(0).trimmed().toLower();
    QString error;
    if (mediaType.isEmpty() || mediaType == "application/json") {
        const QJsonObject object = parseJson(request.body, &error);
        if (error.isEmpty())
            return object;
        *failure = ApiStatus::badRequest(error);
        return std::nullopt;
    }
    if (mediaType == ProtobufDecoder::mediaType) {
        if (const auto object = ProtobufDecoder::decode(request.body, &error))
            return object;
        *failure = ApiStatus(415, QStringLiteral("UnsupportedMediaType"), error);
        return std::nullopt;
    }
    *failure = ApiStatus::unsupportedBodyType(QString::fromLatin1(request.header("content-type")));
    return std::nullopt;
}

struct Continue
{
    qint64 resourceVersion = 0;
    QString start;
};

QString encodeContinue(const Continue& token)
{
    const QJsonObject json { { QStringLiteral("v"), QStringLiteral("meta.k8s.io/v1") },
                             { QStringLiteral("rv"), token.resourceVersion },
                             { QStringLiteral("start"), token.start } };
    return QString::fromLatin1(
        QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding));
}

std::optional<Continue> decodeContinue(const QString& text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding);
    if (!decoded)
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    if (!json.contains(QStringLiteral("rv")))
        return std::nullopt;
    return Continue { json.value(QStringLiteral("rv")).toInteger(), json.value(QStringLiteral("start")).toString() };
}

QString keyOf(const QJsonObject& object)
{
    return meta(object).value(QStringLiteral("namespace")).toString() + QLatin1Char('/')
        + meta(object).value(QStringLiteral("name")).toString();
}

} // namespace

ApiHandler::ApiHandler(ServerCore& core)
    : m_core(core)
{ }

int ApiHandler::send(HttpConnection* connection, int status, const QJsonObject& body, const QByteArray& contentType)
{
    connection->sendResponse(status, contentType, QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n');
    return status;
}

int ApiHandler::send(HttpConnection* connection, const ApiStatus& status)
{
    HttpConnection::Headers headers;
    if (status.code() == 429)
        headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    connection->sendResponse(status.code(), "application/json", status.toBytes(), headers);
    return status.code();
}

int ApiHandler::handle(HttpConnection* connection, const HttpRequest& request)
{
    bool handled = false;
    const int status = discovery(connection, request, &handled);
    if (handled)
        return status;

    const QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString group;
    QString version;
    QStringList rest;
    if (segments.size() >= 3 && segments[0] == QLatin1String("api")) {
        version = segments[1];
        rest = segments.mid(2);
    } else if (segments.size() >= 4 && segments[0] == QLatin1String("apis")) {
        group = segments[1];
        version = segments[2];
        rest = segments.mid(3);
    } else {
        return send(connection, ApiStatus::pathNotFound());
    }
    if (group == QLatin1String("metrics.k8s.io") && version == QLatin1String("v1beta1"))
        return metrics(connection, request, rest);

    Target target;
    QString resource;
    if (rest.size() >= 3 && rest[0] == QLatin1String("namespaces") && rest[2] != QLatin1String("status")
        && rest[2] != QLatin1String("finalize")) {
        target.ns = rest[1];
        resource = rest[2];
        target.name = rest.value(3);
        target.subresource = rest.value(4);
        if (rest.size() > 5)
            return send(connection, ApiStatus::pathNotFound());
    } else {
        resource = rest[0];
        target.name = rest.value(1);
        target.subresource = rest.value(2);
        if (rest.size() > 3)
            return send(connection, ApiStatus::pathNotFound());
    }
    target.type = m_core.registry.find(group, version, resource);
    if (!target.type || (target.type->namespaced == false && !target.ns.isEmpty())
        || (!target.subresource.isEmpty() && !target.type->subresources.contains(target.subresource)))
        return send(connection, ApiStatus::pathNotFound());
    if (target.type->namespaced && target.ns.isEmpty() && !target.name.isEmpty())
        return send(connection, ApiStatus::pathNotFound());

    const QByteArray& method = request.method;
    if (target.subresource != QLatin1String("log")) {
        // Negotiated before anything is done, as kube-apiserver does: a write whose answer the client
        // cannot read is not performed. Logs are text/plain whatever the client accepts.
        ContentNegotiation::Offers offers;
        offers.table = method == "GET" && target.subresource.isEmpty();
        const auto choice = ContentNegotiation::negotiate(request.header("accept"), offers);
        if (!choice)
            return send(connection, ContentNegotiation::notAcceptable());
        target.output = *choice;
    }
    if (target.subresource == QLatin1String("scale"))
        return scale(connection, request, target);
    if (target.subresource == QLatin1String("log")) {
        if (method != "GET")
            return send(connection,
                        ApiStatus::methodNotSupported(target.type->group, QStringLiteral("pods/log"),
                                                      QString::fromLatin1(method)));
        return logs(connection, request, target);
    }
    if (target.subresource == QLatin1String("eviction")) {
        if (method != "POST")
            return send(connection,
                        ApiStatus::methodNotSupported(target.type->group, QStringLiteral("pods/eviction"),
                                                      QString::fromLatin1(method)));
        const auto deletion = m_core.simulator.remove(*target.type, target.ns, target.name);
        if (!deletion)
            return send(connection, ApiStatus::notFound(QString(), target.type->resource, target.name));
        const int code = send(connection, 201, ApiStatus::success().toJson());
        m_core.simulator.drain();
        return code;
    }
    if (target.name.isEmpty()) {
        if (method == "GET")
            return request.queryFlag(QStringLiteral("watch")) ? watch(connection, request, target)
                                                              : list(connection, request, target);
        if (method == "POST")
            return create(connection, request, target);
        if (method == "DELETE")
            return removeCollection(connection, request, target);
        return send(
            connection,
            ApiStatus::methodNotSupported(target.type->group, target.type->resource, QString::fromLatin1(method)));
    }
    if (method == "GET")
        return get(connection, request, target);
    if (method == "PUT")
        return update(connection, request, target);
    if (method == "PATCH")
        return patch(connection, request, target);
    if (method == "DELETE" && target.subresource.isEmpty())
        return remove(connection, request, target);
    return send(connection,
                ApiStatus::methodNotSupported(target.type->group, target.type->resource, QString::fromLatin1(method)));
}

int ApiHandler::discovery(HttpConnection* connection, const HttpRequest& request, bool* handled)
{
    *handled = true;
    const QString& path = request.path;
    if (request.method != "GET"
        && (path == QLatin1String("/version") || path == QLatin1String("/api") || path == QLatin1String("/apis"))) {
        return send(connection, ApiStatus::methodNotSupported(QString(), path, QString::fromLatin1(request.method)));
    }
    if (path == QLatin1String("/version") || path == QLatin1String("/version/")) {
        const QString gitVersion = m_core.gitVersion();
        const QString minor = QString::number(m_core.kubernetesMinor());
        QJsonObject version { { QStringLiteral("major"), QStringLiteral("1") },
                              { QStringLiteral("minor"), minor },
                              { QStringLiteral("gitVersion"), gitVersion },
                              { QStringLiteral("gitCommit"),
                                QStringLiteral("8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828") },
                              { QStringLiteral("gitTreeState"), QStringLiteral("clean") },
                              { QStringLiteral("buildDate"), QStringLiteral("2025-05-15T08:19:08Z") },
                              { QStringLiteral("goVersion"), QStringLiteral("go1.24.2") },
                              { QStringLiteral("compiler"), QStringLiteral("gc") },
                              { QStringLiteral("platform"), QStringLiteral("linux/amd64") } };
        if (m_core.kubernetesMinor() >= 33) {
            version.insert(QStringLiteral("emulationMajor"), QStringLiteral("1"));
            version.insert(QStringLiteral("emulationMinor"), minor);
            version.insert(QStringLiteral("minCompatibilityMajor"), QStringLiteral("1"));
            version.insert(QStringLiteral("minCompatibilityMinor"), QString::number(m_core.kubernetesMinor() - 1));
        }
        return send(connection, 200, version);
    }
    if (path == QLatin1String("/openapi/v3"))
        return send(connection, 200, OpenApiV3::index(m_core.registry));
    if (path.startsWith(QLatin1String("/openapi/v3/"))) {
        const auto document = OpenApiV3::document(m_core.registry, path.mid(12));
        return document ? send(connection, 200, *document) : send(connection, ApiStatus::pathNotFound());
    }
    if (path == QLatin1String("/healthz") || path == QLatin1String("/livez") || path == QLatin1String("/readyz")) {
        connection->sendResponse(200, "text/plain; charset=utf-8", "ok");
        return 200;
    }
    const bool root = path == QLatin1String("/api") || path == QLatin1String("/api/") || path == QLatin1String("/apis")
        || path == QLatin1String("/apis/");
    const QStringList pathSegments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool discoveryPath = root || (pathSegments.size() == 2 && pathSegments[0] == QLatin1String("api"))
        || ((pathSegments.size() == 2 || pathSegments.size() == 3) && pathSegments[0] == QLatin1String("apis"));
    if (discoveryPath) {
        // Only the roots offer the aggregated document; legacy discovery documents are plain JSON.
        ContentNegotiation::Offers offers;
        offers.aggregatedDiscovery = root;
        const auto choice = ContentNegotiation::negotiate(request.header("accept"), offers);
        if (!choice)
            return send(connection, ContentNegotiation::notAcceptable());
        if (choice->output == ContentNegotiation::Output::DiscoveryV2
            || choice->output == ContentNegotiation::Output::DiscoveryV2Beta1) {
            const bool core = path.startsWith(QLatin1String("/api")) && !path.startsWith(QLatin1String("/apis"));
            const QString version = choice->output == ContentNegotiation::Output::DiscoveryV2
                ? QStringLiteral("v2")
                : QStringLiteral("v2beta1");
            return send(connection, 200,
                        AggregatedDiscovery::document(m_core.registry, core, m_core.metricsEnabled(), version),
                        choice->contentType);
        }
    }
    if (path == QLatin1String("/api") || path == QLatin1String("/api/")) {
        return send(connection, 200,
                    { { QStringLiteral("kind"), QStringLiteral("APIVersions") },
                      { QStringLiteral("versions"), QJsonArray { QStringLiteral("v1") } },
                      { QStringLiteral("serverAddressByClientCIDRs"),
                        QJsonArray { QJsonObject {
                            { QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0") },
                            { QStringLiteral("serverAddress"), QStringLiteral("192.168.49.2:8443") } } } } });
    }
    const QStringList groups = m_core.registry.groups();
    if (path == QLatin1String("/apis") || path == QLatin1String("/apis/")) {
        QJsonArray list;
        for (const QString& group : groups) {
            for (const ResourceType& type : m_core.registry.types()) {
                if (type.group == group) {
                    list.append(apiGroup(group, type.version));
                    break;
                }
            }
        }
        if (m_core.metricsEnabled())
            list.append(apiGroup(QStringLiteral("metrics.k8s.io"), QStringLiteral("v1beta1")));
        return send(connection, 200,
                    { { QStringLiteral("kind"), QStringLiteral("APIGroupList") },
                      { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                      { QStringLiteral("groups"), list } });
    }
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.size() == 2 && segments[0] == QLatin1String("apis")) {
        const QString group = segments[1];
        if (group == QLatin1String("metrics.k8s.io") && m_core.metricsEnabled()) {
            QJsonObject g = apiGroup(group, QStringLiteral("v1beta1"));
            g.insert(QStringLiteral("kind"), QStringLiteral("APIGroup"));
            g.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
            return send(connection, 200, g);
        }
        for (const ResourceType& type : m_core.registry.types()) {
            if (type.group == group) {
                QJsonObject g = apiGroup(group, type.version);
                g.insert(QStringLiteral("kind"), QStringLiteral("APIGroup"));
                g.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
                return send(connection, 200, g);
            }
        }
        return send(connection, ApiStatus::pathNotFound());
    }
    const bool coreList = segments.size() == 2 && segments[0] == QLatin1String("api");
    const bool groupList = segments.size() == 3 && segments[0] == QLatin1String("apis");
    if (coreList || groupList) {
        const QString group = coreList ? QString() : segments[1];
        const QString version = coreList ? segments[1] : segments[2];
        const QString groupVersionText = coreList ? version : group + QLatin1Char('/') + version;
        QJsonArray resources;
        if (group == QLatin1String("metrics.k8s.io")) {
            if (!m_core.metricsEnabled() || version != QLatin1String("v1beta1"))
                return send(connection, ApiStatus::pathNotFound());
            const QStringList verbs { QStringLiteral("get"), QStringLiteral("list") };
            resources.append(
                apiResource(QStringLiteral("nodes"), QString(), false, QStringLiteral("NodeMetrics"), verbs));
            resources.append(apiResource(QStringLiteral("pods"), QString(), true, QStringLiteral("PodMetrics"), verbs));
        } else {
            for (const ResourceType& type : m_core.registry.types()) {
                if (type.group != group || type.version != version)
                    continue;
                resources.append(apiResource(type.resource, type.singular, type.namespaced, type.kind, type.verbs,
                                             type.shortNames, type.categories));
                for (const QString& sub : type.subresources) {
                    const QString name = type.resource + QLatin1Char('/') + sub;
                    if (sub == QLatin1String("log")) {
                        resources.append(apiResource(name, QString(), true, type.kind, { QStringLiteral("get") }));
                    } else if (sub == QLatin1String("eviction")) {
                        QJsonObject eviction = apiResource(name, QString(), true, QStringLiteral("Eviction"),
                                                           { QStringLiteral("create") });
                        eviction.insert(QStringLiteral("group"), QStringLiteral("policy"));
                        eviction.insert(QStringLiteral("version"), QStringLiteral("v1"));
                        resources.append(eviction);
                    } else if (sub == QLatin1String("scale")) {
                        QJsonObject scaleResource
                            = apiResource(name, QString(), true, QStringLiteral("Scale"),
                                          { QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update") });
                        scaleResource.insert(QStringLiteral("group"), QStringLiteral("autoscaling"));
                        scaleResource.insert(QStringLiteral("version"), QStringLiteral("v1"));
                        resources.append(scaleResource);
                    } else {
                        resources.append(
                            apiResource(name, QString(), type.namespaced, type.kind,
                                        { QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update") }));
                    }
                }
            }
            if (resources.isEmpty())
                return send(connection, ApiStatus::pathNotFound());
        }
        QJsonObject list { { QStringLiteral("kind"), QStringLiteral("APIResourceList") },
                           { QStringLiteral("groupVersion"), groupVersionText },
                           { QStringLiteral("resources"), resources } };
        if (!coreList)
            list.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
        return send(connection, 200, list);
    }
    *handled = false;
    return 0;
}

int ApiHandler::metrics(HttpConnection* connection, const HttpRequest& request, const QStringList& rest)
{
    if (!m_core.metricsEnabled())
        return send(connection, ApiStatus::pathNotFound());
    if (request.method != "GET")
        return send(connection,
                    ApiStatus::methodNotSupported(QStringLiteral("metrics.k8s.io"), rest.value(0),
                                                  QString::fromLatin1(request.method)));
    QString ns;
    QString resource;
    QString name;
    if (rest.size() >= 3 && rest[0] == QLatin1String("namespaces")) {
        ns = rest[1];
        resource = rest[2];
        name = rest.value(3);
    } else {
        resource = rest.value(0);
        name = rest.value(1);
    }
    const QDateTime now = m_core.now();
    const LabelSelector selector = LabelSelector::parse(request.queryValue(QStringLiteral("labelSelector")));
    const auto running = [](const QJsonObject& pod) {
        return pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
            == QLatin1String("Running")
            && !meta(pod).contains(QStringLiteral("deletionTimestamp"));
    };
    if (resource == QLatin1String("pods")) {
        if (!name.isEmpty()) {
            const auto pod = m_core.store.get(QStringLiteral("pods"), ns, name);
            if (!pod || !running(*pod))
                return send(connection,
                            ApiStatus::notFound(QStringLiteral("metrics.k8s.io"), QStringLiteral("podmetrics"), name));
            return send(connection, 200, MetricsGenerator::podMetrics(*pod, now));
        }
        QJsonArray items;
        for (const QJsonObject& pod : m_core.store.list(QStringLiteral("pods"), ns)) {
            if (running(pod) && selector.matches(meta(pod).value(QStringLiteral("labels")).toObject()))
                items.append(stripTypeMeta(MetricsGenerator::podMetrics(pod, now)));
        }
        return send(connection, 200,
                    { { QStringLiteral("kind"), QStringLiteral("PodMetricsList") },
                      { QStringLiteral("apiVersion"), QStringLiteral("metrics.k8s.io/v1beta1") },
                      { QStringLiteral("metadata"), QJsonObject() },
                      { QStringLiteral("items"), items } });
    }
    if (resource == QLatin1String("nodes") && ns.isEmpty()) {
        const QList<QJsonObject> pods = m_core.store.list(QStringLiteral("pods"));
        QJsonArray items;
        for (const QJsonObject& node : m_core.store.list(QStringLiteral("nodes"))) {
            const QString nodeName = meta(node).value(QStringLiteral("name")).toString();
            if (!name.isEmpty() && nodeName != name)
                continue;
            QList<QJsonObject> onNode;
            for (const QJsonObject& pod : pods) {
                if (running(pod)
                    && pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("nodeName")).toString()
                        == nodeName)
                    onNode.append(pod);
            }
            const QJsonObject metricsObject = MetricsGenerator::nodeMetrics(node, onNode, now);
            if (!name.isEmpty())
                return send(connection, 200, metricsObject);
            if (selector.matches(meta(node).value(QStringLiteral("labels")).toObject()))
                items.append(stripTypeMeta(metricsObject));
        }
        if (!name.isEmpty())
            return send(connection,
                        ApiStatus::notFound(QStringLiteral("metrics.k8s.io"), QStringLiteral("nodemetrics"), name));
        return send(connection, 200,
                    { { QStringLiteral("kind"), QStringLiteral("NodeMetricsList") },
                      { QStringLiteral("apiVersion"), QStringLiteral("metrics.k8s.io/v1beta1") },
                      { QStringLiteral("metadata"), QJsonObject() },
                      { QStringLiteral("items"), items } });
    }
    return send(connection, ApiStatus::pathNotFound());
}

int ApiHandler::list(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    bool ok = true;
    QString error;
    const LabelSelector labels = LabelSelector::parse(request.queryValue(QStringLiteral("labelSelector")), &ok, &error);
    if (!ok)
        return send(connection, ApiStatus::badRequest(error));
    const FieldSelector fields = FieldSelector::parse(request.queryValue(QStringLiteral("fieldSelector")), &ok, &error);
    if (!ok)
        return send(connection, ApiStatus::badRequest(error));
    const qint64 current = m_core.store.resourceVersion();
    const QString requested = request.queryValue(QStringLiteral("resourceVersion"));
    if (!requested.isEmpty() && requested != QLatin1String("0")) {
        bool numberOk = false;
        const qint64 rv = requested.toLongLong(&numberOk);
        if (!numberOk)
            return send(connection,
                        ApiStatus::badRequest(QStringLiteral("invalid resource version: %1").arg(requested)));
        if (request.queryValue(QStringLiteral("resourceVersionMatch")) == QLatin1String("Exact")
            && rv < m_core.store.oldestWatchable()) {
            return send(connection,
                        ApiStatus::gone(QStringLiteral("The resourceVersion for the provided list is too old.")));
        }
    }
    QString start;
    const QString continueText = request.queryValue(QStringLiteral("continue"));
    if (!continueText.isEmpty()) {
        const auto token = decodeContinue(continueText);
        if (!token)
            return send(
                connection,
                ApiStatus::badRequest(QStringLiteral(
                    "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")));
        if (token->resourceVersion < m_core.store.oldestWatchable()) {
            return send(connection,
                        ApiStatus::expired(QStringLiteral(
                            "The provided continue parameter is too old to display a consistent list result. You can "
                            "start a new list without the continue parameter, or use the continue token in this "
                            "response to retrieve the remainder of the results. Continuing with the provided token "
                            "results in an inconsistent list - objects that were created, modified, or deleted "
                            "between the time the first chunk was returned and now may show up in the list.")));
        }
        start = token->start;
    }
    const qint64 limit = request.queryValue(QStringLiteral("limit")).toLongLong();
    QList<QJsonObject> items;
    qint64 remaining = 0;
    QString next;
    for (const QJsonObject& object : m_core.store.list(target.type->resource, target.ns)) {
        if (!start.isEmpty() && keyOf(object) < start)
            continue;
        if (!labels.matches(meta(object).value(QStringLiteral("labels")).toObject()) || !fields.matches(object))
            continue;
        if (limit > 0 && items.size() >= limit) {
            if (next.isEmpty())
                next = keyOf(object);
            ++remaining;
            continue;
        }
        items.append(object);
    }
    QJsonObject listMetadata { { QStringLiteral("resourceVersion"), QString::number(current) } };
    if (!next.isEmpty()) {
        listMetadata.insert(QStringLiteral("continue"), encodeContinue({ current, next }));
        listMetadata.insert(QStringLiteral("remainingItemCount"), remaining);
    }
    if (target.output.output == ContentNegotiation::Output::Table) {
        return send(connection, 200,
                    TableConverter::table(
                        *target.type, items, listMetadata, m_core.now(),
                        TableConverter::includeObjectFrom(request.queryValue(QStringLiteral("includeObject")))),
                    target.output.contentType);
    }
    QJsonArray array;
    for (const QJsonObject& object : items)
        array.append(stripTypeMeta(object));
    return send(connection, 200,
                { { QStringLiteral("kind"), listKind(*target.type) },
                  { QStringLiteral("apiVersion"), target.type->apiVersion() },
                  { QStringLiteral("metadata"), listMetadata },
                  { QStringLiteral("items"), array } });
}

int ApiHandler::watch(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    bool ok = true;
    QString error;
    WatchSpec spec;
    spec.type = target.type;
    spec.ns = target.ns;
    spec.labels = LabelSelector::parse(request.queryValue(QStringLiteral("labelSelector")), &ok, &error);
    if (!ok)
        return send(connection, ApiStatus::badRequest(error));
    spec.fields = FieldSelector::parse(request.queryValue(QStringLiteral("fieldSelector")), &ok, &error);
    if (!ok)
        return send(connection, ApiStatus::badRequest(error));
    spec.table = target.output.output == ContentNegotiation::Output::Table;
    spec.include = TableConverter::includeObjectFrom(request.queryValue(QStringLiteral("includeObject")));
    spec.bookmarks = request.queryFlag(QStringLiteral("allowWatchBookmarks"));
    spec.timeoutSeconds = request.queryValue(QStringLiteral("timeoutSeconds")).toInt();
    const bool sendInitialEvents = request.queryFlag(QStringLiteral("sendInitialEvents"));

    const QString requested = request.queryValue(QStringLiteral("resourceVersion"));
    const bool fromNow = requested.isEmpty() || requested == QLatin1String("0");
    qint64 rv = 0;
    if (!fromNow) {
        bool numberOk = false;
        rv = requested.toLongLong(&numberOk);
        if (!numberOk)
            return send(connection,
                        ApiStatus::badRequest(QStringLiteral("invalid resource version: %1").arg(requested)));
    }
    const bool expired = !fromNow && rv < m_core.store.oldestWatchable();
    const ApiStatus expiredStatus = ApiStatus::expired(
        QStringLiteral("too old resource version: %1 (%2)").arg(rv).arg(m_core.store.oldestWatchable()));
    if (expired && m_core.expiredWatchMode() == FakeApiServer::ExpiredWatchMode::HttpStatus)
        return send(connection, expiredStatus);

    auto* stream = new WatchStream(connection, spec, &m_core.hub.settings(), &m_core.hub);
    m_core.startWatch(connection, stream);
    if (expired) {
        stream->sendErrorAndFinish(expiredStatus);
        return 200;
    }
    if (fromNow || sendInitialEvents) {
        stream->sendInitial(m_core.store.list(target.type->resource, target.ns));
        if (sendInitialEvents)
            stream->sendBookmark(m_core.store.resourceVersion(), true);
    } else {
        for (const StoredEvent& event : m_core.store.eventsAfter(rv))
            stream->deliver(event);
    }
    return 200;
}

int ApiHandler::get(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    const auto object = m_core.store.get(target.type->resource, target.ns, target.name);
    if (!object)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    if (target.output.output == ContentNegotiation::Output::Table) {
        return send(
            connection, 200,
            TableConverter::table(
                *target.type, { *object },
                { { QStringLiteral("resourceVersion"), meta(*object).value(QStringLiteral("resourceVersion")) } },
                m_core.now(), TableConverter::includeObjectFrom(request.queryValue(QStringLiteral("includeObject")))),
            target.output.contentType);
    }
    return send(connection, 200, *object);
}

int ApiHandler::create(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    std::optional<ApiStatus> failure;
    const auto parsed = parseBody(request, &failure);
    if (!parsed)
        return send(connection, *failure);
    QJsonObject object = *parsed;
    if (const auto rejected = m_core.admission.admitCreate(*target.type, object, target.ns))
        return send(connection, *rejected);
    const QString name = meta(object).value(QStringLiteral("name")).toString();
    const QString ns = meta(object).value(QStringLiteral("namespace")).toString();
    if (m_core.store.get(target.type->resource, ns, name))
        return send(connection, ApiStatus::alreadyExists(target.type->group, target.type->resource, name));
    FieldManager::recordUpdate(nullptr, object, FieldManager::managerFor(request), m_core.store.now());
    if (request.queryValue(QStringLiteral("dryRun")) == QLatin1String("All")) {
        QJsonObject metadata = meta(object);
        metadata.insert(QStringLiteral("uid"), m_core.store.newUid());
        metadata.insert(QStringLiteral("creationTimestamp"), m_core.store.now());
        object.insert(QStringLiteral("metadata"), metadata);
        return send(connection, 201, object);
    }
    const QJsonObject created = m_core.store.create(target.type->resource, object);
    const int status = send(connection, 201, created);
    m_core.simulator.drain();
    return status;
}

int ApiHandler::update(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    std::optional<ApiStatus> failure;
    const auto parsed = parseBody(request, &failure);
    if (!parsed)
        return send(connection, *failure);
    QJsonObject object = *parsed;
    const auto old = m_core.store.get(target.type->resource, target.ns, target.name);
    if (!old)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    const bool statusOnly = target.subresource == QLatin1String("status");
    if (const auto rejected = m_core.admission.admitUpdate(*target.type, *old, object, statusOnly))
        return send(connection, *rejected);
    if (!statusOnly)
        FieldManager::recordUpdate(&*old, object, FieldManager::managerFor(request), m_core.store.now());
    if (request.queryValue(QStringLiteral("dryRun")) == QLatin1String("All"))
        return send(connection, 200, object);
    const QJsonObject stored = m_core.store.update(target.type->resource, object);
    const int status = send(connection, 200, stored);
    m_core.simulator.drain();
    return status;
}

int ApiHandler::patch(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    const PatchApplier::Type type = PatchApplier::typeFor(request.header("content-type"));
    if (type == PatchApplier::Type::Unsupported)
        return send(connection, ApiStatus::unsupportedMediaType(QString::fromLatin1(request.header("content-type"))));
    const auto old = m_core.store.get(target.type->resource, target.ns, target.name);
    const bool statusOnly = target.subresource == QLatin1String("status");
    if (type == PatchApplier::Type::Apply && !statusOnly)
        return apply(connection, request, target, old);
    if (!old)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    QString error;
    QJsonObject patched = PatchApplier::apply(type, *old, request.body, &error);
    if (!error.isEmpty()) {
        return send(connection,
                    type == PatchApplier::Type::Json ? ApiStatus(422, QStringLiteral("Invalid"), error)
                                                     : ApiStatus::badRequest(error));
    }
    if (const auto rejected = m_core.admission.admitUpdate(*target.type, *old, patched, statusOnly))
        return send(connection, *rejected);
    if (!statusOnly)
        FieldManager::recordUpdate(&*old, patched, FieldManager::managerFor(request), m_core.store.now());
    if (request.queryValue(QStringLiteral("dryRun")) == QLatin1String("All"))
        return send(connection, 200, patched);
    // A patch that changes nothing is not written: no new resourceVersion, no watch event.
    if (patched == *old)
        return send(connection, 200, *old);
    const QJsonObject stored = m_core.store.update(target.type->resource, patched);
    const int status = send(connection, 200, stored);
    m_core.simulator.drain();
    return status;
}

// Server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/): creates the
// object when it does not exist, else merges the applied configuration into it; FieldManager keeps the
// field ownership and finds the conflicts.
int ApiHandler::apply(HttpConnection* connection, const HttpRequest& request, const Target& target,
                      const std::optional<QJsonObject>& old)
{
    QString error;
    QJsonObject configuration = parseJson(request.body, &error);
    if (!error.isEmpty()) {
        return send(connection,
                    ApiStatus::badRequest(
                        QStringLiteral("error decoding YAML: only JSON apply patches are supported by this test "
                                       "server: %1")
                            .arg(error)));
    }
    const QString manager = request.queryValue(QStringLiteral("fieldManager"));
    if (manager.isEmpty()) {
        return send(connection,
                    ApiStatus(422, QStringLiteral("Invalid"),
                              QStringLiteral("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                                             "is required for apply patch")));
    }
    QJsonObject metadata = meta(configuration);
    const QString name = metadata.value(QStringLiteral("name")).toString();
    if (!name.isEmpty() && name != target.name) {
        return send(
            connection,
            ApiStatus::badRequest(QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                                      .arg(name, target.name)));
    }
    metadata.insert(QStringLiteral("name"), target.name);
    configuration.insert(QStringLiteral("metadata"), metadata);
    QJsonObject object;
    if (const auto conflict
        = FieldManager::apply(old ? &*old : nullptr, configuration, manager, request.queryFlag(QStringLiteral("force")),
                              m_core.store.now(), &object))
        return send(connection, *conflict);
    const bool dryRun = request.queryValue(QStringLiteral("dryRun")) == QLatin1String("All");
    if (!old) {
        // Admission drops whatever managedFields a create brings; these are the server's own.
        const QJsonValue managedFields = meta(object).value(QStringLiteral("managedFields"));
        if (const auto rejected = m_core.admission.admitCreate(*target.type, object, target.ns))
            return send(connection, *rejected);
        QJsonObject createdMetadata = meta(object);
        createdMetadata.insert(QStringLiteral("managedFields"), managedFields);
        object.insert(QStringLiteral("metadata"), createdMetadata);
        if (dryRun)
            return send(connection, 201, object);
        const QJsonObject created = m_core.store.create(target.type->resource, object);
        const int status = send(connection, 201, created);
        m_core.simulator.drain();
        return status;
    }
    if (const auto rejected = m_core.admission.admitUpdate(*target.type, *old, object, false))
        return send(connection, *rejected);
    if (dryRun)
        return send(connection, 200, object);
    // An apply that changes nothing, ownership included, is not written.
    if (FieldManager::withoutTimestamps(object) == FieldManager::withoutTimestamps(*old))
        return send(connection, 200, *old);
    const QJsonObject stored = m_core.store.update(target.type->resource, object);
    const int status = send(connection, 200, stored);
    m_core.simulator.drain();
    return status;
}

int ApiHandler::remove(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    std::optional<qint64> grace;
    QString propagation = request.queryValue(QStringLiteral("propagationPolicy"));
    if (request.hasQueryItem(QStringLiteral("gracePeriodSeconds")))
        grace = request.queryValue(QStringLiteral("gracePeriodSeconds")).toLongLong();
    QJsonObject preconditions;
    if (!request.body.trimmed().isEmpty()) {
        // DeleteOptions: JSON from kubectl, protobuf from typed clients (Helm deleting a release Secret).
        std::optional<ApiStatus> failure;
        const auto parsed = parseBody(request, &failure);
        if (!parsed)
            return send(connection, *failure);
        const QJsonObject& options = *parsed;
        if (options.contains(QStringLiteral("gracePeriodSeconds")))
            grace = options.value(QStringLiteral("gracePeriodSeconds")).toInteger();
        if (options.contains(QStringLiteral("propagationPolicy")))
            propagation = options.value(QStringLiteral("propagationPolicy")).toString();
        preconditions = options.value(QStringLiteral("preconditions")).toObject();
    }
    const auto existing = m_core.store.get(target.type->resource, target.ns, target.name);
    if (!existing)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    const QString wantedUid = preconditions.value(QStringLiteral("uid")).toString();
    const QString wantedVersion = preconditions.value(QStringLiteral("resourceVersion")).toString();
    if ((!wantedUid.isEmpty() && wantedUid != meta(*existing).value(QStringLiteral("uid")).toString())
        || (!wantedVersion.isEmpty()
            && wantedVersion != meta(*existing).value(QStringLiteral("resourceVersion")).toString()))
        return send(connection, ApiStatus::conflict(target.type->group, target.type->resource, target.name));
    if (request.queryValue(QStringLiteral("dryRun")) == QLatin1String("All"))
        return send(connection, 200, *existing);
    const auto deletion = m_core.simulator.remove(*target.type, target.ns, target.name, grace, propagation);
    if (!deletion)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    int status = 200;
    if (deletion->gone && target.type->resource != QLatin1String("pods")) {
        QJsonObject details { { QStringLiteral("name"), target.name },
                              { QStringLiteral("kind"), target.type->resource },
                              { QStringLiteral("uid"), meta(deletion->object).value(QStringLiteral("uid")) } };
        if (!target.type->group.isEmpty())
            details.insert(QStringLiteral("group"), target.type->group);
        status = send(connection, ApiStatus::success(details));
    } else {
        status = send(connection, 200, deletion->object);
    }
    m_core.simulator.drain();
    return status;
}

int ApiHandler::removeCollection(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    const LabelSelector labels = LabelSelector::parse(request.queryValue(QStringLiteral("labelSelector")));
    const FieldSelector fields = FieldSelector::parse(request.queryValue(QStringLiteral("fieldSelector")));
    QJsonArray deleted;
    for (const QJsonObject& object : m_core.store.list(target.type->resource, target.ns)) {
        if (!labels.matches(meta(object).value(QStringLiteral("labels")).toObject()) || !fields.matches(object))
            continue;
        const auto deletion
            = m_core.simulator.remove(*target.type, meta(object).value(QStringLiteral("namespace")).toString(),
                                      meta(object).value(QStringLiteral("name")).toString());
        if (deletion)
            deleted.append(stripTypeMeta(deletion->object));
    }
    const int status = send(
        connection, 200,
        { { QStringLiteral("kind"), listKind(*target.type) },
          { QStringLiteral("apiVersion"), target.type->apiVersion() },
          { QStringLiteral("metadata"),
            QJsonObject { { QStringLiteral("resourceVersion"), QString::number(m_core.store.resourceVersion()) } } },
          { QStringLiteral("items"), deleted } });
    m_core.simulator.drain();
    return status;
}

QJsonObject ApiHandler::scaleOf(const ResourceType& type, const QJsonObject& object) const
{
    Q_UNUSED(type)
    const QJsonObject metadata = meta(object);
    const QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
    return { { QStringLiteral("kind"), QStringLiteral("Scale") },
             { QStringLiteral("apiVersion"), QStringLiteral("autoscaling/v1") },
             { QStringLiteral("metadata"),
               QJsonObject {
                   { QStringLiteral("name"), metadata.value(QStringLiteral("name")) },
                   { QStringLiteral("namespace"), metadata.value(QStringLiteral("namespace")) },
                   { QStringLiteral("uid"), metadata.value(QStringLiteral("uid")) },
                   { QStringLiteral("resourceVersion"), metadata.value(QStringLiteral("resourceVersion")) },
                   { QStringLiteral("creationTimestamp"), metadata.value(QStringLiteral("creationTimestamp")) } } },
             { QStringLiteral("spec"),
               QJsonObject { { QStringLiteral("replicas"), spec.value(QStringLiteral("replicas")).toInteger() } } },
             { QStringLiteral("status"),
               QJsonObject {
                   { QStringLiteral("replicas"),
                     object.value(QStringLiteral("status")).toObject().value(QStringLiteral("replicas")).toInteger() },
                   { QStringLiteral("selector"),
                     LabelSelector::fromJson(spec.value(QStringLiteral("selector")).toObject()).toString() } } } };
}

int ApiHandler::scale(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    const auto object = m_core.store.get(target.type->resource, target.ns, target.name);
    if (!object)
        return send(connection, ApiStatus::notFound(target.type->group, target.type->resource, target.name));
    const QJsonObject current = scaleOf(*target.type, *object);
    if (request.method == "GET")
        return send(connection, 200, current);
    QJsonObject wanted;
    QString error;
    if (request.method == "PUT") {
        wanted = parseJson(request.body, &error);
    } else if (request.method == "PATCH") {
        const PatchApplier::Type type = PatchApplier::typeFor(request.header("content-type"));
        if (type == PatchApplier::Type::Unsupported)
            return send(connection,
                        ApiStatus::unsupportedMediaType(QString::fromLatin1(request.header("content-type"))));
        wanted = PatchApplier::apply(type, current, request.body, &error);
    } else {
        return send(connection,
                    ApiStatus::methodNotSupported(target.type->group, target.type->resource + QStringLiteral("/scale"),
                                                  QString::fromLatin1(request.method)));
    }
    if (!error.isEmpty())
        return send(connection, ApiStatus::badRequest(error));
    const QString requestedVersion = meta(wanted).value(QStringLiteral("resourceVersion")).toString();
    if (!requestedVersion.isEmpty()
        && requestedVersion != meta(*object).value(QStringLiteral("resourceVersion")).toString())
        return send(connection, ApiStatus::conflict(target.type->group, target.type->resource, target.name));
    const qint64 replicas
        = wanted.value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInteger(-1);
    if (replicas < 0) {
        return send(
            connection,
            ApiStatus::invalid(QStringLiteral("Scale"), target.name, QStringLiteral("spec.replicas"),
                               QStringLiteral("Invalid value: %1: must be greater than or equal to 0").arg(replicas)));
    }
    QJsonObject updated = *object;
    QJsonObject spec = updated.value(QStringLiteral("spec")).toObject();
    QJsonObject stored = *object;
    if (spec.value(QStringLiteral("replicas")).toInteger() != replicas) {
        spec.insert(QStringLiteral("replicas"), replicas);
        updated.insert(QStringLiteral("spec"), spec);
        stored = m_core.store.update(target.type->resource, updated);
    }
    const int status = send(connection, 200, scaleOf(*target.type, stored));
    m_core.simulator.drain();
    return status;
}

int ApiHandler::logs(HttpConnection* connection, const HttpRequest& request, const Target& target)
{
    const auto pod = m_core.store.get(QStringLiteral("pods"), target.ns, target.name);
    if (!pod)
        return send(connection, ApiStatus::notFound(QString(), QStringLiteral("pods"), target.name));
    QStringList containers;
    for (const QJsonValue& c :
         pod->value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray())
        containers.append(c.toObject().value(QStringLiteral("name")).toString());
    QString container = request.queryValue(QStringLiteral("container"));
    if (container.isEmpty()) {
        if (containers.size() != 1) {
            return send(connection,
                        ApiStatus::badRequest(
                            QStringLiteral("a container name must be specified for pod %1, choose one of: [%2]")
                                .arg(target.name, containers.join(QLatin1Char(' ')))));
        }
        container = containers.first();
    }
    if (!containers.contains(container))
        return send(
            connection,
            ApiStatus::badRequest(QStringLiteral("container %1 is not valid for pod %2").arg(container, target.name)));
    const QString key = target.ns + QLatin1Char('/') + target.name + QLatin1Char('/') + container;
    const auto latest = m_core.logs.latestInstance(key);
    const bool previous = request.queryFlag(QStringLiteral("previous"));
    int instance = latest.value_or(0);
    if (previous) {
        instance = latest.value_or(0) - 1;
        if (!latest || instance < 0 || !m_core.logs.has(key, instance)) {
            return send(
                connection,
                ApiStatus::badRequest(QStringLiteral("previous terminated container \"%1\" in pod \"%2\" not found")
                                          .arg(container, target.name)));
        }
    } else if (!latest) {
        QString reason = QStringLiteral("ContainerCreating");
        for (const QJsonValue& s :
             pod->value(QStringLiteral("status")).toObject().value(QStringLiteral("containerStatuses")).toArray()) {
            const QJsonObject status = s.toObject();
            if (status.value(QStringLiteral("name")).toString() == container) {
                reason = status.value(QStringLiteral("state"))
                             .toObject()
                             .value(QStringLiteral("waiting"))
                             .toObject()
                             .value(QStringLiteral("reason"))
                             .toString(reason);
            }
        }
        const QString explanation
            = reason == QLatin1String("ImagePullBackOff") || reason == QLatin1String("ErrImagePull")
            ? QStringLiteral("trying and failing to pull image")
            : reason == QLatin1String("ErrImageNeverPull") ? QStringLiteral("image can't be pulled")
                                                           : reason;
        return send(connection,
                    ApiStatus::badRequest(QStringLiteral("container \"%1\" in pod \"%2\" is waiting to start: %3")
                                              .arg(container, target.name, explanation)));
    }
    const qint64 nowNs = m_core.nowNs();
    const qint64 count = m_core.logs.lineCount(key, instance, nowNs);
    qint64 first = 0;
    if (request.hasQueryItem(QStringLiteral("tailLines"))) {
        const qint64 tail = request.queryValue(QStringLiteral("tailLines")).toLongLong();
        if (tail >= 0)
            first = std::max<qint64>(0, count - tail);
    }
    if (request.hasQueryItem(QStringLiteral("sinceSeconds"))) {
        const qint64 since = request.queryValue(QStringLiteral("sinceSeconds")).toLongLong();
        if (since <= 0)
            return send(connection,
                        ApiStatus::invalid(QStringLiteral("PodLogOptions"), target.name, QStringLiteral("sinceSeconds"),
                                           QStringLiteral("Invalid value: %1: must be greater than 0").arg(since)));
        first = std::max(first, m_core.logs.firstIndexSince(key, instance, nowNs - since * 1000000000LL, nowNs));
    }
    if (request.hasQueryItem(QStringLiteral("sinceTime"))) {
        const QDateTime since
            = QDateTime::fromString(request.queryValue(QStringLiteral("sinceTime")), Qt::ISODateWithMs);
        if (since.isValid())
            first = std::max(first,
                             m_core.logs.firstIndexSince(key, instance, since.toMSecsSinceEpoch() * 1000000LL, nowNs));
    }
    LogStream::Request stream;
    stream.key = key;
    stream.instance = instance;
    stream.firstLine = first;
    stream.follow = request.queryFlag(QStringLiteral("follow")) && !previous;
    // Without follow the kubelet reads the log to its end as it is now.
    stream.endLine = stream.follow ? -1 : count;
    stream.timestamps = request.queryFlag(QStringLiteral("timestamps"));
    stream.limitBytes = request.hasQueryItem(QStringLiteral("limitBytes"))
        ? request.queryValue(QStringLiteral("limitBytes")).toLongLong()
        : -1;
    stream.batchMs = m_core.logOptions().followBatchMs;
    m_core.startLogStream(connection, stream);
    return 200;
}

} // namespace quayside::test
