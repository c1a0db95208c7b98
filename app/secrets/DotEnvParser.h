#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

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

    // A .env file is small; anything larger is refused rather than read.
    static constexpr qint64 kMaximumFileSize = 1024 * 1024;
    // The content of the .env file at `path`, or nullopt and a message naming `path` in `*error`.
    // Refuses what is not a regular file (a FIFO, a device, a directory) before reading a byte: a FIFO
    // has no size, so a size() check would let `yes > fifo` through and readAll() would never return.
    // Opened non-blocking, so a FIFO without a writer does not hang either; reads at most `limit` + 1
    // bytes. Callers wipe the content (secureWipe) once parsed.
    static std::optional<QByteArray> readFile(const QString& path, QString* error, qint64 limit = kMaximumFileSize);
    static bool isValidName(QStringView name);
};

} // namespace quayside
