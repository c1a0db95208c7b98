#pragma once

#include "profile/Profile.h"
#include "profile/ProfileError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace quayside {

// Reads and validates a deployment profile. Every problem found is reported (not only the first),
// each with file, line and the field's path, so a user fixes the file in one go. Unknown fields are
// errors too: a misspelt key silently ignored is how a deploy ends up with defaults nobody chose.
class ProfileLoader
{
public:
    struct Options
    {
        // --source DIR (absolute): replaces the file's `source:`.
        QString sourceOverride;
        // Also check that the directories and files the profile names exist (the pipeline needs
        // them); off for `quayside init` templates and for syntax-only checks.
        bool checkPaths = true;
    };

    static std::optional<Profile> loadFile(const QString& path, QList<ProfileError>* errors, const Options& options);
    // `fileName` is what errors name and what relative paths resolve against (it need not exist).
    static std::optional<Profile> loadString(const QByteArray& yaml, const QString& fileName,
                                             QList<ProfileError>* errors, const Options& options);
};

} // namespace quayside
