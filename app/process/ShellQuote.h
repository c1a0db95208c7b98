#pragma once

#include <QString>
#include <QStringList>

namespace quayside {

// POSIX-shell quoting for what Quayside *shows* (command previews, copied commands, generated docs);
// what it *runs* is always an argv (ToolCommand) and never passes through a shell.
// A word of safe characters stays bare; anything else is single-quoted, with ' written as '\''.
QString shellQuote(const QString& word);
QString shellJoin(const QStringList& words);

// The reverse for a command line a person or an AI wrote: POSIX quoting ('…', "…" with \" \\ \$ \`,
// backslash escapes outside quotes). Refuses — returns false with a reason — anything a shell would
// interpret beyond quoting: pipes, redirections, command lists, substitutions, variables, globs,
// comments, so the words returned are exactly what a shell would have passed to the program.
bool shellSplit(const QString& line, QStringList* words, QString* error);

} // namespace quayside
