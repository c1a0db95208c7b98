#include "pipeline/ImageResult.h"

namespace quayside {

QString ImageResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pending:
        return QStringLiteral("pending");
    case Outcome::Reused:
        return QStringLiteral("reused");
    case Outcome::Built:
        return QStringLiteral("built");
    case Outcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QJsonObject ImageResult::toJson() const
{
    QJsonObject o { { QStringLiteral("name"), name },
                    { QStringLiteral("image"), reference() },
                    { QStringLiteral("outcome"), outcomeName(outcome) },
                    { QStringLiteral("elapsedMs"), elapsedMs } };
    if (!failingStep.isEmpty())
        o.insert(QStringLiteral("failingStep"), failingStep);
    return o;
}

} // namespace quayside
