#include "ProtobufDecoder.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>

namespace quayside::test {

namespace {

// How a field of a Kubernetes API message is encoded and shown in JSON. The field numbers and names
// are those of the `protobuf:"..."` struct tags in k8s.io/api and k8s.io/apimachinery.
enum class FieldKind {
    String, // omitted when empty (omitempty)
    Bytes, // JSON: base64
    Int, // omitted when 0, unless `present` (a *int64: 0 is a value)
    Bool, // pointer fields in every message here: shown when present, false included
    Message,
    Time, // metav1.Time {seconds, nanos} -> RFC 3339, omitted when zero
    StringMap, // map<string, string>: repeated {1: key, 2: value}
    BytesMap, // map<string, bytes>: values shown in base64
    Strings, // repeated string
    Messages, // repeated message
    FieldsV1, // metav1.FieldsV1 {1: Raw}: the raw bytes are JSON
};

struct MessageSchema;

struct Field
{
    int number;
    const char* name;
    FieldKind kind;
    const MessageSchema* message = nullptr;
    bool present = false;
};

struct MessageSchema
{
    QList<Field> fields;

    const Field* find(int number) const
    {
        for (const Field& field : fields) {
            if (field.number == number)
                return &field;
        }
        return nullptr;
    }
};

const MessageSchema& ownerReference()
{
    static const MessageSchema schema { {
        { 1, "kind", FieldKind::String },
        { 3, "name", FieldKind::String },
        { 4, "uid", FieldKind::String },
        { 5, "apiVersion", FieldKind::String },
        { 6, "controller", FieldKind::Bool },
        { 7, "blockOwnerDeletion", FieldKind::Bool },
    } };
    return schema;
}

const MessageSchema& managedFieldsEntry()
{
    static const MessageSchema schema { {
        { 1, "manager", FieldKind::String },
        { 2, "operation", FieldKind::String },
        { 3, "apiVersion", FieldKind::String },
        { 4, "time", FieldKind::Time },
        { 6, "fieldsType", FieldKind::String },
        { 7, "fieldsV1", FieldKind::FieldsV1 },
        { 8, "subresource", FieldKind::String },
    } };
    return schema;
}

const MessageSchema& objectMeta()
{
    static const MessageSchema schema { {
        { 1, "name", FieldKind::String },
        { 2, "generateName", FieldKind::String },
        { 3, "namespace", FieldKind::String },
        { 4, "selfLink", FieldKind::String },
        { 5, "uid", FieldKind::String },
        { 6, "resourceVersion", FieldKind::String },
        { 7, "generation", FieldKind::Int },
        { 8, "creationTimestamp", FieldKind::Time },
        { 9, "deletionTimestamp", FieldKind::Time },
        { 10, "deletionGracePeriodSeconds", FieldKind::Int, nullptr, true },
        { 11, "labels", FieldKind::StringMap },
        { 12, "annotations", FieldKind::StringMap },
        { 13, "ownerReferences", FieldKind::Messages, &ownerReference() },
        { 14, "finalizers", FieldKind::Strings },
        { 17, "managedFields", FieldKind::Messages, &managedFieldsEntry() },
    } };
    return schema;
}

const MessageSchema& secret()
{
    static const MessageSchema schema { {
        { 1, "metadata", FieldKind::Message, &objectMeta() },
        { 2, "data", FieldKind::BytesMap },
        { 3, "type", FieldKind::String },
        { 4, "stringData", FieldKind::StringMap },
        { 5, "immutable", FieldKind::Bool },
    } };
    return schema;
}

const MessageSchema& configMap()
{
    static const MessageSchema schema { {
        { 1, "metadata", FieldKind::Message, &objectMeta() },
        { 2, "data", FieldKind::StringMap },
        { 3, "binaryData", FieldKind::BytesMap },
        { 4, "immutable", FieldKind::Bool },
    } };
    return schema;
}

const MessageSchema& preconditions()
{
    static const MessageSchema schema { {
        { 1, "uid", FieldKind::String },
        { 2, "resourceVersion", FieldKind::String },
    } };
    return schema;
}

const MessageSchema& deleteOptions()
{
    static const MessageSchema schema { {
        { 1, "gracePeriodSeconds", FieldKind::Int, nullptr, true },
        { 2, "preconditions", FieldKind::Message, &preconditions() },
        { 3, "orphanDependents", FieldKind::Bool },
        { 4, "propagationPolicy", FieldKind::String },
        { 5, "dryRun", FieldKind::Strings },
    } };
    return schema;
}

const MessageSchema* schemaFor(const QString& apiVersion, const QString& kind)
{
    // Options kinds are registered in every group version; objects only in their own.
    if (kind == QLatin1String("DeleteOptions"))
        return &deleteOptions();
    if (apiVersion != QLatin1String("v1"))
        return nullptr;
    if (kind == QLatin1String("Secret"))
        return &secret();
    if (kind == QLatin1String("ConfigMap"))
        return &configMap();
    return nullptr;
}

// The protobuf wire format (https://protobuf.dev/programming-guides/encoding/).
class Reader
{
public:
    explicit Reader(QByteArray data)
        : m_data(std::move(data))
    { }

    bool atEnd() const { return m_position >= m_data.size(); }
    bool failed() const { return m_failed; }

    quint64 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (atEnd())
                return fail();
            const auto byte = static_cast<quint8>(m_data.at(m_position++));
            value |= static_cast<quint64>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        return fail();
    }

    QByteArray lengthDelimited()
    {
        const quint64 length = varint();
        if (m_failed || length > static_cast<quint64>(m_data.size() - m_position)) {
            fail();
            return {};
        }
        const QByteArray bytes = m_data.mid(m_position, static_cast<qsizetype>(length));
        m_position += static_cast<qsizetype>(length);
        return bytes;
    }

    void skip(int wireType)
    {
        switch (wireType) {
        case 0:
            varint();
            break;
        case 1:
            advance(8);
            break;
        case 2:
            lengthDelimited();
            break;
        case 5:
            advance(4);
            break;
        default: // groups (3, 4) are not used by Kubernetes
            fail();
        }
    }

private:
    quint64 fail()
    {
        m_failed = true;
        m_position = m_data.size();
        return 0;
    }
    void advance(qsizetype bytes)
    {
        if (m_data.size() - m_position < bytes)
            fail();
        else
            m_position += bytes;
    }

    const QByteArray m_data; // a shallow copy: callers pass temporaries
    qsizetype m_position = 0;
    bool m_failed = false;
};

QString timeText(const QByteArray& bytes, bool* ok)
{
    Reader reader(bytes);
    qint64 seconds = 0;
    while (!reader.atEnd()) {
        const quint64 key = reader.varint();
        if (key >> 3 == 1 && (key & 7) == 0)
            seconds = static_cast<qint64>(reader.varint());
        else
            reader.skip(static_cast<int>(key & 7)); // nanos: metav1.Time shows whole seconds
    }
    *ok = !reader.failed();
    if (seconds == 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

std::optional<QJsonObject> decodeMessage(const QByteArray& bytes, const MessageSchema& schema, QString* error);

bool decodeField(Reader& reader, const Field& field, int wireType, QJsonObject& out, QString* error)
{
    const QString name = QString::fromLatin1(field.name);
    const bool varintField = field.kind == FieldKind::Int || field.kind == FieldKind::Bool;
    if (wireType != (varintField ? 0 : 2)) {
        *error = QStringLiteral("field %1 (%2) has wire type %3").arg(name).arg(field.number).arg(wireType);
        return false;
    }
    switch (field.kind) {
    case FieldKind::Int: {
        const auto value = static_cast<qint64>(reader.varint());
        if (value != 0 || field.present)
            out.insert(name, value);
        return true;
    }
    case FieldKind::Bool:
        out.insert(name, reader.varint() != 0);
        return true;
    default:
        break;
    }
    const QByteArray bytes = reader.lengthDelimited();
    if (reader.failed())
        return true; // reported by the caller
    switch (field.kind) {
    case FieldKind::String:
        if (!bytes.isEmpty())
            out.insert(name, QString::fromUtf8(bytes));
        return true;
    case FieldKind::Bytes:
        out.insert(name, QString::fromLatin1(bytes.toBase64()));
        return true;
    case FieldKind::Time: {
        bool ok = false;
        const QString text = timeText(bytes, &ok);
        if (!ok)
            *error = QStringLiteral("field %1: a malformed Time").arg(name);
        else if (!text.isEmpty())
            out.insert(name, text);
        return ok;
    }
    case FieldKind::Message:
    case FieldKind::Messages: {
        const auto message = decodeMessage(bytes, *field.message, error);
        if (!message)
            return false;
        if (field.kind == FieldKind::Message) {
            out.insert(name, *message);
        } else {
            QJsonArray list = out.value(name).toArray();
            list.append(*message);
            out.insert(name, list);
        }
        return true;
    }
    case FieldKind::StringMap:
    case FieldKind::BytesMap: {
        Reader entry(bytes);
        QString key;
        QString value;
        while (!entry.atEnd()) {
            const quint64 tag = entry.varint();
            if ((tag & 7) != 2) {
                entry.skip(static_cast<int>(tag & 7));
                continue;
            }
            const QByteArray part = entry.lengthDelimited();
            if (tag >> 3 == 1)
                key = QString::fromUtf8(part);
            else if (tag >> 3 == 2)
                value = field.kind == FieldKind::StringMap ? QString::fromUtf8(part)
                                                           : QString::fromLatin1(part.toBase64());
        }
        if (entry.failed()) {
            *error = QStringLiteral("field %1: a malformed map entry").arg(name);
            return false;
        }
        QJsonObject map = out.value(name).toObject();
        map.insert(key, value);
        out.insert(name, map);
        return true;
    }
    case FieldKind::Strings: {
        QJsonArray list = out.value(name).toArray();
        list.append(QString::fromUtf8(bytes));
        out.insert(name, list);
        return true;
    }
    case FieldKind::FieldsV1: {
        Reader raw(bytes);
        while (!raw.atEnd()) {
            const quint64 tag = raw.varint();
            if (tag >> 3 != 1 || (tag & 7) != 2) {
                raw.skip(static_cast<int>(tag & 7));
                continue;
            }
            const QJsonDocument document = QJsonDocument::fromJson(raw.lengthDelimited());
            if (document.isObject())
                out.insert(name, document.object());
        }
        return !raw.failed();
    }
    case FieldKind::Int:
    case FieldKind::Bool:
        break;
    }
    return true;
}

std::optional<QJsonObject> decodeMessage(const QByteArray& bytes, const MessageSchema& schema, QString* error)
{
    Reader reader(bytes);
    QJsonObject out;
    while (!reader.atEnd()) {
        const quint64 key = reader.varint();
        const int wireType = static_cast<int>(key & 7);
        const Field* field = schema.find(static_cast<int>(key >> 3));
        if (!field) {
            // Fields newer than this table: skipped, as a Go server skips unknown protobuf fields.
            reader.skip(wireType);
            continue;
        }
        if (!decodeField(reader, *field, wireType, out, error))
            return std::nullopt;
    }
    if (reader.failed()) {
        *error = QStringLiteral("truncated or malformed protobuf message");
        return std::nullopt;
    }
    return out;
}

} // namespace

bool ProtobufDecoder::knows(const QString& apiVersion, const QString& kind)
{
    return schemaFor(apiVersion, kind) != nullptr;
}

std::optional<QJsonObject> ProtobufDecoder::decode(const QByteArray& body, QString* error)
{
    static const QByteArray magic("k8s\0", 4);
    if (!body.startsWith(magic)) {
        *error
            = QStringLiteral("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        return std::nullopt;
    }
    // runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType.
    Reader envelope(body.mid(magic.size()));
    QString apiVersion;
    QString kind;
    QByteArray raw;
    QString encoding;
    while (!envelope.atEnd()) {
        const quint64 key = envelope.varint();
        const int wireType = static_cast<int>(key & 7);
        if (wireType != 2) {
            envelope.skip(wireType);
            continue;
        }
        const QByteArray bytes = envelope.lengthDelimited();
        switch (key >> 3) {
        case 1: {
            Reader typeMeta(bytes);
            while (!typeMeta.atEnd()) {
                const quint64 tag = typeMeta.varint();
                if ((tag & 7) != 2) {
                    typeMeta.skip(static_cast<int>(tag & 7));
                    continue;
                }
                const QString text = QString::fromUtf8(typeMeta.lengthDelimited());
                if (tag >> 3 == 1)
                    apiVersion = text;
                else if (tag >> 3 == 2)
                    kind = text;
            }
            break;
        }
        case 2:
            raw = bytes;
            break;
        case 3:
            encoding = QString::fromUtf8(bytes);
            break;
        default:
            break;
        }
    }
    if (envelope.failed()) {
        *error = QStringLiteral("truncated or malformed protobuf envelope");
        return std::nullopt;
    }
    if (!encoding.isEmpty()) {
        *error = QStringLiteral("unsupported content encoding %1").arg(encoding);
        return std::nullopt;
    }
    const MessageSchema* schema = schemaFor(apiVersion, kind);
    if (!schema) {
        *error = QStringLiteral("no protobuf decoding for %1, Kind=%2 in this test server").arg(apiVersion, kind);
        return std::nullopt;
    }
    auto object = decodeMessage(raw, *schema, error);
    if (!object)
        return std::nullopt;
    object->insert(QStringLiteral("apiVersion"), apiVersion);
    object->insert(QStringLiteral("kind"), kind);
    return object;
}

} // namespace quayside::test
