#include "secrets/SecretApplier.h"

#include "core/Log.h"
#include "core/SecureMemory.h"
#include "secrets/SecretChecksum.h"
#include "secrets/SecretValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace quayside {

namespace {

QString secretsPath(const QString& nameSpace)
{
    return QStringLiteral("/api/v1/namespaces/%1/secrets").arg(nameSpace);
}

// {"KEY":"base64",...}: written by hand rather than through QJsonObject so that every buffer holding
// the encoded values is one this code owns and can wipe.
QByteArray dataObject(const SecretValues& values)
{
    QByteArray out("{");
    bool first = true;
    for (auto it = values.map().constBegin(); it != values.map().constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        QByteArray encoded = it.value().toBase64();
        // The key through the JSON writer (the profile validates keys, but the body must be JSON
        // whatever reached it); only the encoded values are written by hand.
        QByteArray key = QJsonDocument(QJsonArray { it.key() }).toJson(QJsonDocument::Compact);
        out += key.mid(1, key.size() - 2);
        out += ":\"";
        out += encoded;
        out += '"';
        secureWipe(encoded);
    }
    out += '}';
    return out;
}

} // namespace

SecretApplier::SecretApplier(SecretApi* api, QObject* parent)
    : QObject(parent)
    , m_api(api)
{
    qRegisterMetaType<quayside::SecretApplier::Result>();
}

QString SecretApplier::checkComplete(const SecretSpecs& specs, const SecretValues& values)
{
    QStringList missing;
    QStringList invalid;
    for (const SecretSpec& spec : specs.specs) {
        if (!values.contains(spec.name)) {
            if (spec.required)
                missing << spec.name;
            continue;
        }
        if (!SecretValidator::validate(spec, values.map().value(spec.name)).acceptable())
            invalid << spec.name;
    }
    QStringList problems;
    if (!missing.isEmpty()) {
        problems << QStringLiteral(
                        "required secrets are not set: %1 (quayside secrets set NAME, or import a .env file)")
                        .arg(missing.join(QStringLiteral(", ")));
    }
    if (!invalid.isEmpty()) {
        problems << QStringLiteral("stored values are invalid: %1 (quayside secrets list shows why)")
                        .arg(invalid.join(QStringLiteral(", ")));
    }
    return problems.join(QStringLiteral("; "));
}

QByteArray SecretApplier::secretJson(const QString& nameSpace, const QString& secretName, const SecretValues& values,
                                     const QString& profile)
{
    QJsonObject labels { { QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("quayside") } };
    if (!profile.isEmpty())
        labels.insert(QStringLiteral("app.kubernetes.io/part-of"), profile);
    const QJsonObject metadata { { QStringLiteral("name"), secretName },
                                 { QStringLiteral("namespace"), nameSpace },
                                 { QStringLiteral("labels"), labels } };
    QByteArray data = dataObject(values);
    QByteArray out = QByteArray(R"({"apiVersion":"v1","kind":"Secret","metadata":)")
        + QJsonDocument(metadata).toJson(QJsonDocument::Compact) + R"(,"type":"Opaque","data":)" + data + '}';
    secureWipe(data);
    return out;
}

QByteArray SecretApplier::dataPatchJson(const SecretValues& values)
{
    QByteArray data = dataObject(values);
    // "add" replaces /data when it exists and creates it when it does not; "test" makes the whole patch
    // fail (422) when the Secret is not Opaque, instead of putting our keys into e.g. a TLS Secret.
    QByteArray out = QByteArray(R"([{"op":"test","path":"/type","value":"Opaque"},{"op":"add","path":"/data","value":)")
        + data + "}]";
    secureWipe(data);
    return out;
}

void SecretApplier::apply(const QString& nameSpace, const QString& secretName, SecretValues values,
                          const QString& profile)
{
    if (m_running) {
        values.wipe();
        return;
    }
    m_running = true;
    m_nameSpace = nameSpace;
    m_secretName = secretName;
    m_profile = profile;
    m_values = std::move(values);
    if (!m_api)
        return finish(false, false, QStringLiteral("No connection to a cluster."));
    create(false);
}

void SecretApplier::create(bool namespaceCreated)
{
    QByteArray body = secretJson(m_nameSpace, m_secretName, m_values, m_profile);
    m_api->create(secretsPath(m_nameSpace), body, this, [this, namespaceCreated](const SecretApi::Response& response) {
        if (response.ok())
            return finish(true, true,
                          QStringLiteral("Created Secret %1 in namespace %2.").arg(m_secretName, m_nameSpace));
        if (response.httpStatus == 409)
            return replaceData();
        if (response.httpStatus == 404 && !namespaceCreated) {
            // The namespace does not exist yet (secrets are applied before the first deploy).
            const QByteArray ns
                = QJsonDocument(QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                                              { QStringLiteral("kind"), QStringLiteral("Namespace") },
                                              { QStringLiteral("metadata"),
                                                QJsonObject { { QStringLiteral("name"), m_nameSpace } } } })
                      .toJson(QJsonDocument::Compact);
            m_api->create(QStringLiteral("/api/v1/namespaces"), ns, this, [this](const SecretApi::Response& created) {
                if (!created.ok() && created.httpStatus != 409) {
                    return finish(false, false,
                                  QStringLiteral("Cannot create namespace %1: %2").arg(m_nameSpace, created.message));
                }
                create(true);
            });
            return;
        }
        finish(false, false,
               QStringLiteral("Cannot create Secret %1 in namespace %2: %3")
                   .arg(m_secretName, m_nameSpace, response.message));
    });
    secureWipe(body);
}

void SecretApplier::replaceData()
{
    QByteArray patch = dataPatchJson(m_values);
    m_api->patchJson(
        secretsPath(m_nameSpace) + QLatin1Char('/') + m_secretName, patch, this,
        [this](const SecretApi::Response& response) {
            if (response.ok()) {
                return finish(true, false,
                              QStringLiteral("Updated Secret %1 in namespace %2.").arg(m_secretName, m_nameSpace));
            }
            const bool typeTestFailed = response.message.contains(QLatin1String("/type"))
                || response.message.contains(QLatin1String("test"), Qt::CaseInsensitive);
            if (response.httpStatus == 422 && typeTestFailed) {
                return finish(
                    false, false,
                    QStringLiteral("Secret %1 in namespace %2 exists but is not of type Opaque (%3): delete it "
                                   "(kubectl delete secret %1 -n %2) so Quayside can create it.")
                        .arg(m_secretName, m_nameSpace, response.message));
            }
            finish(false, false,
                   QStringLiteral("Cannot update Secret %1 in namespace %2: %3")
                       .arg(m_secretName, m_nameSpace, response.message));
        });
    secureWipe(patch);
}

void SecretApplier::finish(bool ok, bool created, const QString& message)
{
    Result result;
    result.ok = ok;
    result.created = created;
    result.message = message;
    if (ok) {
        result.checksum = SecretChecksum::compute(m_values.map());
        result.keys = m_values.names();
        spdlog::info("secrets: {} ({} keys, checksum {})", log::str(message), result.keys.size(),
                     log::str(result.checksum));
    } else {
        spdlog::warn("secrets: {}", log::str(message));
    }
    m_values.wipe();
    m_running = false;
    // Always from the event loop, even when apply() fails at once.
    QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
}

} // namespace quayside
