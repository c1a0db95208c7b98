#include "secrets/SecretGenerator.h"

#include <QRandomGenerator>

namespace quayside {

QString SecretGenerator::alphabet()
{
    return QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

QString SecretGenerator::generate(int length)
{
    const QString chars = alphabet();
    QString out;
    out.reserve(length);
    QRandomGenerator* random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i) {
        // bounded() rejects out-of-range draws, so every character is equally likely (no modulo bias).
        out += chars.at(static_cast<qsizetype>(random->bounded(static_cast<quint32>(chars.size()))));
    }
    return out;
}

} // namespace quayside
