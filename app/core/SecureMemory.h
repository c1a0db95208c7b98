#pragma once

#include <QByteArray>
#include <QString>

#include <string>

namespace quayside {

// Overwrites a buffer that held a secret before it is released, in a way the optimiser may not drop
// (KeePassXC scrubs freed memory for the same reason). Qt's implicit sharing means other copies may
// survive: callers keep secrets in as few copies as they can and wipe each one they own.
void secureWipe(void* data, std::size_t size);
void secureWipe(QByteArray& bytes);
void secureWipe(QString& text);
void secureWipe(std::string& text);

// Stops the kernel from writing a core dump of this process (which would contain decrypted secrets).
// Returns false when the limit could not be lowered.
bool disableCoreDumps();

} // namespace quayside
