#include "dashboard/StatusTone.h"

#include "Theme.h"

#include <QHash>

namespace quayside::ui {

StatusTone podStatusTone(const QString& status)
{
    if (status == QLatin1String("Running"))
        return StatusTone::Good;
    if (status == QLatin1String("Completed") || status == QLatin1String("Succeeded"))
        return StatusTone::Neutral;
    if (status == QLatin1String("Terminating") || status == QLatin1String("Unknown"))
        return StatusTone::Gone;
    if (status == QLatin1String("Pending") || status == QLatin1String("ContainerCreating")
        || status == QLatin1String("PodInitializing")
        || (status.startsWith(QLatin1String("Init:")) && !status.contains(QLatin1String("Error"))
            && !status.contains(QLatin1String("BackOff"))))
        return StatusTone::Progress;
    // CrashLoopBackOff, Error, ImagePullBackOff, ErrImagePull, ErrImageNeverPull, OOMKilled,
    // CreateContainerConfigError, Evicted, Init:CrashLoopBackOff...
    return StatusTone::Bad;
}

QColor toneColor(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Good:
        return Theme::color(Theme::Role::Ok);
    case StatusTone::Progress:
        return Theme::color(Theme::Role::Warning);
    case StatusTone::Bad:
        return Theme::color(Theme::Role::Error);
    case StatusTone::Gone:
        return Theme::color(Theme::Role::Muted);
    case StatusTone::Neutral:
        break;
    }
    return Theme::color(Theme::Role::Neutral);
}

StatusBadge::Kind toneShape(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Good:
    case StatusTone::Neutral:
        return StatusBadge::Kind::Ok;
    case StatusTone::Progress:
        return StatusBadge::Kind::Running;
    case StatusTone::Bad:
        return StatusBadge::Kind::Failed;
    case StatusTone::Gone:
        break;
    }
    return StatusBadge::Kind::Skipped;
}

QIcon toneIcon(StatusTone tone)
{
    // The engine reads the tone's colour when it paints, so a cached icon follows a theme change.
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(tone);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    return *cache.insert(key, StatusBadge::icon(toneShape(tone), [tone] { return toneColor(tone); }));
}

} // namespace quayside::ui
