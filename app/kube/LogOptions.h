#pragma once

#include <QString>
#include <QUrlQuery>

namespace quayside::kube {

// The query of GET /api/v1/namespaces/{ns}/pods/{pod}/log, as kubectl logs spells its flags.
struct LogOptions
{
    QString container; // -c; empty: the pod's default container
    bool follow = false; // -f
    qint64 tailLines = -1; // --tail; -1: all
    qint64 sinceSeconds = 0; // --since; 0: not set
    bool timestamps = false; // --timestamps: RFC3339Nano and a space before each line
    bool previous = false; // --previous: the last terminated instance
    qint64 limitBytes = 0; // 0: not set

    QUrlQuery query(const QString& containerName) const
    {
        QUrlQuery q;
        if (!containerName.isEmpty())
            q.addQueryItem(QStringLiteral("container"), containerName);
        if (follow)
            q.addQueryItem(QStringLiteral("follow"), QStringLiteral("true"));
        if (tailLines >= 0)
            q.addQueryItem(QStringLiteral("tailLines"), QString::number(tailLines));
        if (sinceSeconds > 0)
            q.addQueryItem(QStringLiteral("sinceSeconds"), QString::number(sinceSeconds));
        if (timestamps)
            q.addQueryItem(QStringLiteral("timestamps"), QStringLiteral("true"));
        if (previous)
            q.addQueryItem(QStringLiteral("previous"), QStringLiteral("true"));
        if (limitBytes > 0)
            q.addQueryItem(QStringLiteral("limitBytes"), QString::number(limitBytes));
        return q;
    }
};

} // namespace quayside::kube
