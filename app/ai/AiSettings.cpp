#include "ai/AiSettings.h"

#include "workspace/Preferences.h"

namespace quayside::ai {

AiSettings AiSettings::fromPreferences(const Preferences& preferences)
{
    AiSettings s;
    s.provider = preferences.aiProvider();
    s.model = preferences.aiModel();
    s.timeout = preferences.aiTimeout();
    s.kagentAgent = preferences.kagentAgent();
    s.kagentNamespace = preferences.kagentNamespace();
    s.terminalCommand = preferences.terminalCommand();
    return s;
}

} // namespace quayside::ai
