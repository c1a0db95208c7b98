#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside {

// Reads `minikube docker-env --shell bash` without a shell: its `export NAME="value"` lines become
// environment variables for the docker child process (no eval, so nothing in the output is ever
// executed). Comment lines and blank lines are skipped; `unset NAME` lines (from --unset) are listed
// in unset. Anything else is an error naming the line, because a half-understood environment would
// point docker at the wrong daemon.
class DockerEnvParser
{
public:
    struct Result
    {
        QMap<QString, QString> variables;
        QStringList unset;
        QStringList errors; // "line 3: ..."
        bool ok() const { return errors.isEmpty() && variables.contains(QStringLiteral("DOCKER_HOST")); }
        QString errorText() const;
    };

    static Result parse(const QByteArray& output);
};

} // namespace quayside
