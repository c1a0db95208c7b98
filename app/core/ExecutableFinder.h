#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside {

// Finds tools the way a shell would, plus the places a GUI started from a desktop launcher often lacks
// on its PATH (/usr/local/bin, /opt/homebrew/bin, ~/.local/bin, ...). $PATH always wins, so a stand-in
// first on PATH is what tests get.
class ExecutableFinder
{
public:
    static QStringList searchPath();
    // Absolute path of an executable, or empty. A name containing a slash is checked as given. A tool
    // with an override (Settings → Tools) is that file and nothing else: a wrong override is reported
    // as the tool missing rather than quietly replaced by another copy on PATH.
    static QString find(const QString& name);

    // Paths set by hand per tool name ("docker" -> "/opt/docker/bin/docker"). Process-wide, since every
    // ToolRunner and check looks tools up here; the Workspace sets them from the preferences.
    static void setOverrides(const QMap<QString, QString>& overrides);
    static QString overrideFor(const QString& name);
};

} // namespace quayside
