#include "widgets/StatusBadge.h"

#include "Theme.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>

namespace quayside::ui {

StatusBadge::StatusBadge(QWidget* parent)
    : QWidget(parent)
{
    setFixedSize(sizeHint());
    m_spin.setInterval(50);
    connect(&m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 18) % 360;
        update();
    });
    connect(Theme::instance(), &Theme::changed, this, qOverload<>(&QWidget::update));
}

void StatusBadge::setKind(Kind kind)
{
    if (m_kind == kind)
        return;
    m_kind = kind;
    if (kind == Kind::Running)
        m_spin.start();
    else
        m_spin.stop();
    update();
}

QColor StatusBadge::color(Kind kind)
{
    switch (kind) {
    case Kind::Ok:
        return Theme::color(Theme::Role::Ok);
    case Kind::Failed:
        return Theme::color(Theme::Role::Error);
    case Kind::Warning:
        return Theme::color(Theme::Role::Warning);
    case Kind::Running:
        return Theme::color(Theme::Role::Info);
    case Kind::Skipped:
    case Kind::Pending:
        break;
    }
    return Theme::color(Theme::Role::Muted);
}

void StatusBadge::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paint(&p, QRectF(rect()), m_kind, m_angle);
}

void StatusBadge::paint(QPainter* painter, const QRectF& rect, Kind kind, int angle, QColor color)
{
    QPainter& p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    // Strokes scale with the mark, so a 16 px table icon and a 22 px badge look alike.
    const double unit = rect.width() / 22.0;
    const QRectF r = rect.adjusted(unit, unit, -unit, -unit);
    const QColor c = color.isValid() ? color : StatusBadge::color(kind);
    if (kind == Kind::Pending) {
        p.setPen(QPen(c, 2 * unit, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(unit, unit, -unit, -unit));
        p.restore();
        return;
    }
    if (kind == Kind::Running) {
        const QRectF ring = r.adjusted(unit, unit, -unit, -unit);
        QColor track = c;
        track.setAlphaF(0.35);
        p.setPen(QPen(track, 3 * unit));
        p.drawEllipse(ring);
        p.setPen(QPen(c, 3 * unit, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(ring, -angle * 16, 100 * 16);
        p.restore();
        return;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(r);
    p.setPen(QPen(Theme::color(Theme::Role::BadgeGlyph), 2.2 * unit, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const double w = r.width();
    const QPointF o = r.topLeft();
    auto at = [&](double x, double y) { return o + QPointF(x * w, y * w); };
    switch (kind) {
    case Kind::Ok: {
        QPainterPath path(at(0.27, 0.52));
        path.lineTo(at(0.43, 0.68));
        path.lineTo(at(0.73, 0.34));
        p.drawPath(path);
        break;
    }
    case Kind::Failed:
        p.drawLine(at(0.33, 0.33), at(0.67, 0.67));
        p.drawLine(at(0.67, 0.33), at(0.33, 0.67));
        break;
    case Kind::Warning:
        p.drawLine(at(0.5, 0.25), at(0.5, 0.58));
        p.drawPoint(at(0.5, 0.75));
        break;
    case Kind::Skipped:
        p.drawLine(at(0.3, 0.5), at(0.7, 0.5));
        break;
    case Kind::Pending:
    case Kind::Running:
        break;
    }
    p.restore();
}

namespace {

// Draws the mark itself at whatever size and device pixel ratio is asked for, instead of scaling a
// bitmap: a 2x screen gets a 2x drawing.
class StatusIconEngine : public QIconEngine
{
public:
    StatusIconEngine(StatusBadge::Kind kind, std::function<QColor()> color)
        : m_kind(kind)
        , m_color(std::move(color))
    { }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        const double side = std::min(rect.width(), rect.height());
        const QRectF square(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side);
        QColor c = m_color ? m_color() : QColor();
        if (mode == QIcon::Disabled)
            c = Theme::color(Theme::Role::Muted);
        StatusBadge::paint(painter, square, m_kind, 0, c);
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // Qt 6.4's QIcon::pixmap(size, dpr) passes the size in device pixels already multiplied by the
    // ratio, and sets the ratio on the result itself: draw at exactly that many pixels.
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine* clone() const override { return new StatusIconEngine(m_kind, m_color); }

private:
    StatusBadge::Kind m_kind;
    std::function<QColor()> m_color;
};

} // namespace

QIcon StatusBadge::icon(Kind kind, const std::function<QColor()>& color)
{
    return QIcon(new StatusIconEngine(kind, color));
}

QIcon StatusBadge::icon(Kind kind)
{
    return icon(kind, {});
}

} // namespace quayside::ui
