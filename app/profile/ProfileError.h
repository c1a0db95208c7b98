#pragma once

#include <QList>
#include <QString>

namespace quayside {

// One problem with a profile, pointing at the place to fix: file, line (1-based, 0 when unknown),
// column and the field's path ("images[1].dockerfile"), like a compiler error.
struct ProfileError
{
    QString file;
    int line = 0;
    int column = 0;
    QString field;
    QString message;

    // "todo.yaml:12:5: images[1].dockerfile: the file does not exist (/abs/path)"
    QString toString() const;
    static QString join(const QList<ProfileError>& errors);
};

} // namespace quayside
