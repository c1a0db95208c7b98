#pragma once

#include "process/ToolCommand.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside {
struct ClusterTarget;
}

namespace quayside::ai {

// A kubectl command an AI answer proposes. Quayside never runs it by itself: the panel lists it with a
// Run button, and Run shows the exact command (with Quayside's own --kubeconfig/--context/--namespace
// added) in a confirmation first. Commands a shell would be needed for, or that name another cluster or
// identity, or that never end on their own, are listed without Run (copy only), with the reason.
struct ProposedCommand
{
    QString text; // as the answer wrote it
    QStringList words; // shell-split, words[0] == "kubectl"
    bool changes = false; // not a read-only verb (get, describe, logs, top, ...)
    QString refusal; // why it cannot be run from Quayside; empty when it can

    bool canRun() const { return refusal.isEmpty(); }
    // kubectl with the target's --kubeconfig/--context, --namespace when the command names none.
    ToolCommand toolCommand(const ClusterTarget& target) const;

    // Every distinct kubectl command in an answer: lines of fenced code blocks, "$ kubectl ..." lines
    // and `kubectl ...` spans, in order of appearance.
    static QList<ProposedCommand> extract(const QString& answer);
    static ProposedCommand parse(const QString& text);
};

} // namespace quayside::ai
