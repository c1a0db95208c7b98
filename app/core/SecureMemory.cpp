#include "core/SecureMemory.h"

#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace quayside {

void secureWipe(void* data, std::size_t size)
{
    if (!data || size == 0)
        return;
    // volatile stores cannot be elided even though the buffer is about to die.
    auto* p = static_cast<volatile unsigned char*>(data);
    while (size--)
        *p++ = 0;
}

void secureWipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        // Another QByteArray shares this buffer; detaching would only wipe our fresh copy.
        bytes.clear();
        return;
    }
    secureWipe(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

void secureWipe(QString& text)
{
    if (!text.isEmpty() && !text.isDetached()) {
        text.clear();
        return;
    }
    secureWipe(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

void secureWipe(std::string& text)
{
    secureWipe(text.data(), text.size());
    text.clear();
}

bool disableCoreDumps()
{
#ifdef Q_OS_UNIX
    rlimit limit { 0, 0 };
    bool ok = setrlimit(RLIMIT_CORE, &limit) == 0;
#ifdef Q_OS_LINUX
    // Also stops ptrace attach by non-root and /proc/<pid>/mem reads by other users.
    ok = prctl(PR_SET_DUMPABLE, 0) == 0 && ok;
#endif
    return ok;
#else
    return true;
#endif
}

} // namespace quayside
