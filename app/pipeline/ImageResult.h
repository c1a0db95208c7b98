#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside {

// What the Images step produced for one image; kept across a retry so done images are not redone.
struct ImageResult
{
    enum class Outcome {
        Pending,
        Reused, // the cluster already had the content tag: nothing built
        Built,
        Failed,
    };

    QString name;
    QString repository;
    QString tag; // first 12 hex digits of hash
    QString hash;
    Outcome outcome = Outcome::Pending;
    qint64 elapsedMs = 0;
    QString failingStep; // "5/9 RUN npm ci" for a failed build

    QString reference() const { return tag.isEmpty() ? repository : repository + QLatin1Char(':') + tag; }
    QJsonObject toJson() const;
    static QString outcomeName(Outcome outcome);
};

} // namespace quayside
