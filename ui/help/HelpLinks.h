#pragma once

#include <QString>
#include <QUrl>

namespace quayside::ui {

// Where Help → Documentation and Troubleshooting lead: the installed copy when there is one (offline,
// and the version that matches this binary), else the source tree's (a developer build), else the
// project's site. The site's address is written here and nowhere else.
class HelpLinks
{
public:
    static QUrl projectUrl();
    static QUrl documentationUrl();
    static QUrl troubleshootingUrl();

    // The first existing file among `candidates`, as a file URL; else `fallback`.
    static QUrl firstExisting(const QStringList& candidates, const QUrl& fallback);
};

} // namespace quayside::ui
