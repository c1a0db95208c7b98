#include "profile/ProfileLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace quayside {

QStringList ProfileLocator::searchDirectories()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("QUAYSIDE_PROFILE_DIR");
    if (!env.isEmpty())
        dirs << env;
    if (QCoreApplication::instance())
        dirs << QDir::cleanPath(QCoreApplication::applicationDirPath()
                                + QStringLiteral("/../share/quayside/resources/profiles"));
#ifdef QUAYSIDE_SOURCE_PROFILES_DIR
    dirs << QStringLiteral(QUAYSIDE_SOURCE_PROFILES_DIR);
#endif
    return dirs;
}

QString ProfileLocator::shippedProfile(const QString& name)
{
    for (const QString& dir : searchDirectories()) {
        const QFileInfo file(dir + QLatin1Char('/') + name + QStringLiteral(".yaml"));
        if (file.isFile())
            return file.absoluteFilePath();
    }
    return {};
}

QString ProfileLocator::defaultProfile()
{
    const QFileInfo local(defaultInitFile());
    if (local.isFile())
        return local.absoluteFilePath();
    return shippedProfile();
}

} // namespace quayside
