#include "help/HelpLinks.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace quayside::ui {

namespace {

const char* const kProjectSite = "https://github.com/quayside/quayside";

// <prefix>/share/quayside next to <prefix>/bin/quayside (how `cmake --install` and the packages lay it out).
QString installedShare()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/quayside"));
}

QString installedDoc()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/quayside"));
}

} // namespace

QUrl HelpLinks::projectUrl()
{
    return QUrl(QString::fromLatin1(kProjectSite));
}

QUrl HelpLinks::documentationUrl()
{
    QStringList candidates { installedDoc() + QStringLiteral("/README.md"),
                             installedShare() + QStringLiteral("/README.md") };
#ifdef QUAYSIDE_SOURCE_DIR
    candidates << QStringLiteral(QUAYSIDE_SOURCE_DIR "/README.md");
#endif
    return firstExisting(candidates, QUrl(QString::fromLatin1(kProjectSite) + QStringLiteral("#readme")));
}

QUrl HelpLinks::troubleshootingUrl()
{
    QStringList candidates { installedShare() + QStringLiteral("/k8s-templates/TROUBLESHOOTING.md") };
#ifdef QUAYSIDE_SOURCE_DIR
    candidates << QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/TROUBLESHOOTING.md");
#endif
    return firstExisting(
        candidates,
        QUrl(QString::fromLatin1(kProjectSite) + QStringLiteral("/blob/main/k8s-templates/TROUBLESHOOTING.md")));
}

QUrl HelpLinks::firstExisting(const QStringList& candidates, const QUrl& fallback)
{
    for (const QString& path : candidates) {
        if (QFileInfo(path).isFile())
            return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    }
    return fallback;
}

} // namespace quayside::ui
