#include "dashboard/StatusTone.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

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
        return QColor(0x2e, 0x9d, 0x4f);
    case StatusTone::Progress:
        return QColor(0xd9, 0x8a, 0x0b);
    case StatusTone::Bad:
        return QColor(0xd0, 0x3b, 0x3b);
    case StatusTone::Gone:
        return QColor(0x8a, 0x90, 0x96);
    case StatusTone::Neutral:
        break;
    }
    return QColor(0x5b, 0x7a, 0x99);
}

QIcon toneIcon(StatusTone tone)
{
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(tone);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QPixmap pixmap(24, 24);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(toneColor(tone));
    p.drawEllipse(QRectF(5, 5, 14, 14));
    p.end();
    return *cache.insert(key, QIcon(pixmap));
}

} // namespace quayside::ui
