#pragma once

#include <QJsonValue>
#include <QString>

namespace quayside::mcp {

// What a JSON value is, as the server's error messages name it ("must be an object, not a string").
class JsonType
{
public:
    // "null", "a boolean", "a number", "a string", "an array", "an object"; "missing" for undefined
    // (a member that is not there).
    static QString describe(const QJsonValue& value);
};

} // namespace quayside::mcp
