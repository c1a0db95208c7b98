#include "secrets/SecretChecksum.h"

#include "core/SecureMemory.h"

#include <QCryptographicHash>

namespace quayside {

QString SecretChecksum::compute(const QMap<QString, QByteArray>& data)
{
    // QMap iterates in key order (QString compares by UTF-16 code units, which for the ASCII names a
    // Secret allows is byte order).
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        QByteArray encoded = it.value().toBase64();
        hash.addData(it.key().toUtf8());
        hash.addData(QByteArrayView("="));
        hash.addData(encoded);
        hash.addData(QByteArrayView("\n"));
        secureWipe(encoded);
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace quayside
