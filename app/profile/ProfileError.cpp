#include "profile/ProfileError.h"

#include <QStringList>

namespace quayside {

QString ProfileError::toString() const
{
    QString text = file.isEmpty() ? QStringLiteral("profile") : file;
    if (line > 0) {
        text += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            text += QLatin1Char(':') + QString::number(column);
    }
    text += QStringLiteral(": ");
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    return text + message;
}

QString ProfileError::join(const QList<ProfileError>& errors)
{
    QStringList lines;
    for (const ProfileError& error : errors)
        lines << error.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace quayside
