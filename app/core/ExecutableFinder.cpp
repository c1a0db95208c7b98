#include "core/ExecutableFinder.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QStandardPaths>

namespace quayside {

namespace {
// Tool jobs resolve programs on whichever thread starts them.
QMutex overridesMutex;
QMap<QString, QString>& overrides()
{
    static QMap<QString, QString> map;
    return map;
}
} // namespace

void ExecutableFinder::setOverrides(const QMap<QString, QString>& map)
{
    QMutexLocker lock(&overridesMutex);
    overrides().clear();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!it.value().trimmed().isEmpty())
            overrides().insert(it.key(), it.value().trimmed());
    }
}

QString ExecutableFinder::overrideFor(const QString& name)
{
    QMutexLocker lock(&overridesMutex);
    return overrides().value(name);
}

QStringList ExecutableFinder::searchPath()
{
    QStringList dirs = qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
    // Tests (and packagers) can replace the built-in extras, so a stand-in-only PATH really means it.
    if (qEnvironmentVariableIsSet("QUAYSIDE_EXTRA_TOOL_DIRS")) {
        for (const QString& extra : qEnvironmentVariable("QUAYSIDE_EXTRA_TOOL_DIRS").split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
            if (!dirs.contains(extra))
                dirs.append(extra);
        }
        return dirs;
    }
    const QString home = QDir::homePath();
    const QStringList extras = {
        QStringLiteral("/usr/local/bin"), QStringLiteral("/opt/homebrew/bin"), QStringLiteral("/usr/bin"),
        QStringLiteral("/bin"),           QStringLiteral("/snap/bin"),         home + QStringLiteral("/.local/bin"),
        home + QStringLiteral("/bin"),    home + QStringLiteral("/.krew/bin"),
    };
    for (const QString& extra : extras) {
        if (!dirs.contains(extra))
            dirs.append(extra);
    }
    return dirs;
}

QString ExecutableFinder::find(const QString& name)
{
    if (name.isEmpty())
        return {};
    if (const QString path = overrideFor(name); !path.isEmpty()) {
        const QFileInfo info(path);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    if (name.contains(QLatin1Char('/'))) {
        const QFileInfo info(name);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(name, searchPath());
}

} // namespace quayside
