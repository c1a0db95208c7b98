#pragma once

#include "process/ToolCommand.h"

#include <QList>
#include <QString>

namespace quayside {

// "Show commands": what a step does as plain shell commands a newcomer can read, copy and run without
// Quayside. Secret values never appear: the secrets step writes *** where a value would go, and every
// line also passes through the Redactor, so a value that slipped in anyway is masked.
class CommandPreview
{
public:
    struct Line
    {
        QString comment; // printed as "# comment" above the command; may be alone
        QString command; // one shell line (may continue with " \" lines); may be empty
    };

    // Program and arguments quoted for bash. The command's environment is left out on purpose: where
    // it comes from (e.g. `eval $(minikube docker-env)`) is a line of its own.
    static QString shellLine(const ToolCommand& command);
    static QString quote(const QString& argument);
    // "kubectl --kubeconfig 'F' --context 'C'" for a script: the cluster the pipeline talks to.
    static QString kubectl(const QStringList& clusterArguments);
    static QString masked(const QString& text);
    // The lines as a shell script fragment, masked.
    static QString render(const QList<Line>& lines);
};

} // namespace quayside
