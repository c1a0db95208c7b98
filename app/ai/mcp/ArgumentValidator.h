#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::mcp {

// Checks tools/call arguments against the tool's input schema, the part of JSON Schema our tools use:
// an object with `properties`, `required` and `additionalProperties: false`; per property `type`
// (string, integer, number, boolean), `minimum`/`maximum`, `minLength`/`maxLength`, `pattern` and
// `enum`. Returns empty when the arguments fit, else one sentence naming the argument.
class ArgumentValidator
{
public:
    static QString check(const QJsonObject& schema, const QJsonObject& arguments);
};

} // namespace quayside::mcp
