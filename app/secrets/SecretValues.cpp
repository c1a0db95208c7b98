#include "secrets/SecretValues.h"

#include "core/SecureMemory.h"

namespace quayside {

void SecretValues::insert(const QString& name, QByteArray&& value)
{
    auto it = m_values.find(name);
    if (it != m_values.end()) {
        secureWipe(*it);
        *it = std::exchange(value, {});
    } else {
        m_values.insert(name, std::exchange(value, {}));
    }
}

void SecretValues::wipe()
{
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        secureWipe(*it);
    m_values.clear();
}

} // namespace quayside
