#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside::diagnosis {

// A known reason for a crash, recognised in the last lines a container printed.
struct LogCause
{
    enum class Kind {
        MissingVariable, // "KeyError: 'DATABASE_URL'", "JWT_SECRET is not set", pydantic's "Field required"
        DatabaseTls, // the server wants TLS: "connection is insecure (try using `sslmode=require`)"
        DatabaseConnection, // "could not connect to server", "password authentication failed" ...
        AddressInUse, // "[Errno 98] Address already in use", EADDRINUSE
        PythonException, // the last line of a Python traceback
    };
    Kind kind = Kind::PythonException;
    QString line; // the line it was recognised in, as printed
    QString variable; // MissingVariable: the variable's name
    int port = 0; // AddressInUse: the port, when the line names it
    bool neon = false; // Database*: the log names a Neon host or Neon's own wording

    bool operator==(const LogCause&) const = default;
};

// Recognises the usual reasons an app exits at start in its log: pure text matching, no I/O.
class LogAnalyzer
{
public:
    // The causes found, most telling first (a missing variable explains a traceback, not the reverse),
    // at most one per kind and variable.
    static QList<LogCause> analyze(const QStringList& lines);
    // The last line of the last Python traceback in the log, or empty.
    static QString pythonExceptionLine(const QStringList& lines);
};

} // namespace quayside::diagnosis
