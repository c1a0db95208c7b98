#pragma once

#include "secrets/SecretApi.h"
#include "secrets/SecretSpecs.h"
#include "secrets/SecretValues.h"

#include <QObject>
#include <QStringList>

namespace quayside {

// Creates or updates the profile's Kubernetes Secret (type Opaque) with exactly the given values.
//
// POST the Secret; if it already exists (409 AlreadyExists), replace its whole `data` with one JSON
// patch that first tests the type is Opaque. So the existing data is never read back (a GET would
// bring every old value into this process), keys that are no longer stored disappear, and a Secret of
// another type is reported rather than overwritten. A missing namespace is created first.
class SecretApplier : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        bool created = false; // a new Secret (else the data of an existing one was replaced)
        QString message; // what happened, or what went wrong and what to do
        QString checksum; // SecretChecksum of the data applied, for the pod template annotation
        QStringList keys; // the keys now in the Secret
    };

    explicit SecretApplier(SecretApi* api, QObject* parent = nullptr);

    // Asynchronous; finished() once. The values are wiped when done.
    void apply(const QString& nameSpace, const QString& secretName, SecretValues values, const QString& profile = {});

    // Empty when `values` can be applied; else a sentence naming the missing or invalid secrets.
    static QString checkComplete(const SecretSpecs& specs, const SecretValues& values);

    // The request bodies (exposed for tests). Keys must be valid Secret keys; values are base64-encoded.
    static QByteArray secretJson(const QString& nameSpace, const QString& secretName, const SecretValues& values,
                                 const QString& profile);
    static QByteArray dataPatchJson(const SecretValues& values);

Q_SIGNALS:
    void finished(const quayside::SecretApplier::Result& result);

private:
    void create(bool namespaceCreated);
    void replaceData();
    void finish(bool ok, bool created, const QString& message);

    SecretApi* m_api;
    QString m_nameSpace;
    QString m_secretName;
    QString m_profile;
    SecretValues m_values;
    bool m_running = false;
};

} // namespace quayside

Q_DECLARE_METATYPE(quayside::SecretApplier::Result)
