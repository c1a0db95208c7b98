#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace quayside {

struct DotEnvEntry
{
    QString name;
    QString value;
    int line = 0; // 1-based line of the assignment that won
};

struct DotEnvProblem
{
    int line = 0; // 1-based; 0 for the file as a whole
    QString message; // names the line and, for duplicates, the variable; never a value
};

struct DotEnvResult
{
    // One entry per name in order of first appearance, holding the last assignment's value.
    QList<DotEnvEntry> entries;
    QList<DotEnvProblem> warnings; // e.g. a name assigned twice
    QList<DotEnvProblem> errors; // malformed lines; when there is any, `entries` is empty

    bool ok() const { return errors.isEmpty(); }
    const DotEnvEntry* find(const QString& name) const;
    // Overwrites every value; call when done with them.
    void wipe();
};

// Reads a .env file the way docker compose and python-dotenv do, for the parts people use:
//   NAME=value            unquoted: trimmed, a " #" starts a comment
//   export NAME=value     the shell's prefix is accepted
//   NAME='value'          single quotes: literal, may span lines
//   NAME="value"          double quotes: \n \r \t \" \\ \$ escapes, may span lines
//   # comment, blank lines, CRLF line ends, a UTF-8 byte order mark
// No ${VAR} expansion: values are taken literally. Any malformed line makes the whole file an error
// (with its line number) and nothing is returned, so a half-understood file is never half imported.
class DotEnvParser
{
public:
    static DotEnvResult parse(const QByteArray& content);
    static bool isValidName(QStringView name);
};

} // namespace quayside
