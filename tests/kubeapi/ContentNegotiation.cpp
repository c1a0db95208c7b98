#include "ContentNegotiation.h"

#include <algorithm>

namespace quayside::test {

namespace {

bool isJson(const ContentNegotiation::MediaRange& range)
{
    return (range.type == "application" && (range.subtype == "json" || range.subtype == "*"))
        || (range.type == "*" && range.subtype == "*");
}

} // namespace

QList<ContentNegotiation::MediaRange> ContentNegotiation::parse(const QByteArray& accept)
{
    QList<MediaRange> ranges;
    for (const QByteArray& clause : accept.split(',')) {
        const QList<QByteArray> parts = clause.split(';');
        const QByteArray mediaType = parts.value(0).trimmed().toLower();
        if (mediaType.isEmpty())
            continue;
        MediaRange range;
        const qsizetype slash = mediaType.indexOf('/');
        range.type = slash < 0 ? mediaType : mediaType.left(slash);
        range.subtype = slash < 0 ? QByteArray("*") : mediaType.mid(slash + 1);
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            const qsizetype equals = parameter.indexOf('=');
            const QByteArray name = (equals < 0 ? parameter : parameter.left(equals)).trimmed().toLower();
            const QByteArray value = equals < 0 ? QByteArray() : parameter.mid(equals + 1).trimmed();
            if (name == "q")
                range.quality = value.toDouble();
            else if (!name.isEmpty())
                range.parameters.insert(name, value);
        }
        ranges.append(range);
    }
    // goautoneg's order: higher q first, then concrete types before wildcards; otherwise as written.
    std::stable_sort(ranges.begin(), ranges.end(), [](const MediaRange& a, const MediaRange& b) {
        if (a.quality != b.quality)
            return a.quality > b.quality;
        const int specificA = (a.type != "*") + (a.subtype != "*");
        const int specificB = (b.type != "*") + (b.subtype != "*");
        return specificA > specificB;
    });
    return ranges;
}

std::optional<ContentNegotiation::Choice> ContentNegotiation::negotiate(const QByteArray& accept, const Offers& offers)
{
    if (accept.trimmed().isEmpty())
        return Choice { Output::Object, "application/json" };
    for (const MediaRange& range : parse(accept)) {
        if (range.quality <= 0 || !isJson(range))
            continue;
        bool known = true;
        for (auto it = range.parameters.cbegin(); it != range.parameters.cend(); ++it) {
            static const QList<QByteArray> names { "as", "g", "v", "pretty", "stream", "charset" };
            known = known && names.contains(it.key());
        }
        if (!known)
            continue;
        const QByteArray as = range.parameters.value("as");
        const QByteArray group = range.parameters.value("g");
        const QByteArray version = range.parameters.value("v");
        if (as.isEmpty() && group.isEmpty() && version.isEmpty())
            return Choice { Output::Object, "application/json" };
        if (as == "Table" && group == "meta.k8s.io" && (version == "v1" || version == "v1beta1") && offers.table)
            return Choice { Output::Table, "application/json;as=Table;v=" + version + ";g=meta.k8s.io" };
        if (as == "APIGroupDiscoveryList" && group == "apidiscovery.k8s.io" && (version == "v2" || version == "v2beta1")
            && offers.aggregatedDiscovery) {
            return Choice { version == "v2" ? Output::DiscoveryV2 : Output::DiscoveryV2Beta1,
                            "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList" };
        }
        // A conversion this endpoint cannot do (PartialObjectMetadata, a Table of a subresource...):
        // the next range may still be acceptable.
    }
    return std::nullopt;
}

ApiStatus ContentNegotiation::notAcceptable()
{
    return ApiStatus(406, QStringLiteral("NotAcceptable"),
                     QStringLiteral("only the following media types are accepted: application/json"));
}

} // namespace quayside::test
