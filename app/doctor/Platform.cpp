#include "doctor/Platform.h"

#include <QtGlobal>

namespace quayside {

Platform currentPlatform()
{
#if defined(Q_OS_MACOS)
    return Platform::MacOS;
#elif defined(Q_OS_WIN)
    return Platform::Windows;
#else
    return Platform::Linux;
#endif
}

QString toString(Platform platform)
{
    switch (platform) {
    case Platform::Linux:
        return QStringLiteral("linux");
    case Platform::MacOS:
        return QStringLiteral("macos");
    case Platform::Windows:
        return QStringLiteral("windows");
    }
    return {};
}

} // namespace quayside
