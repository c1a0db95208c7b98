#pragma once

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
    // Absolute path of an executable, or empty. A name containing a slash is checked as given.
    static QString find(const QString& name);
};

} // namespace quayside
