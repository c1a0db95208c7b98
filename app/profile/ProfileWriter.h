#pragma once

#include "profile/Profile.h"

#include <QString>

namespace quayside {

// Writes a profile as commented YAML, the file `quayside init` creates: every field with a line
// saying what it is for, so the file itself is the documentation a newcomer reads. ProfileLoader reads
// back exactly what was written.
class ProfileWriter
{
public:
    // `outputFile` is where the text will be saved: `root:` is written relative to its directory, so
    // the profile keeps pointing at the same Dockerfiles and chart.
    static QString toYaml(const Profile& profile, const QString& outputFile);
    // Writes atomically with mode 0644 (a profile holds no secrets); false with `error` set on failure.
    static bool save(const Profile& profile, const QString& outputFile, QString* error);

    // A YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
    static QString scalar(const QString& value);
};

} // namespace quayside
