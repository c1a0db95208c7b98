#include "widgets/StatusBadge.h"

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
        return QColor(0x2e, 0x9d, 0x4f);
    case Kind::Failed:
        return QColor(0xd0, 0x3b, 0x3b);
    case Kind::Warning:
        return QColor(0xe0, 0x8e, 0x0b);
    case Kind::Running:
        return QColor(0x2f, 0x7f, 0xd1);
    case Kind::Skipped:
    case Kind::Pending:
        break;
    }
    return QColor(0x9a, 0xa0, 0xa6);
}

void StatusBadge::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    const QColor c = color(m_kind);
    if (m_kind == Kind::Pending) {
        p.setPen(QPen(c, 2, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(1, 1, -1, -1));
        return;
    }
    if (m_kind == Kind::Running) {
        const QRectF ring = r.adjusted(1, 1, -1, -1);
        p.setPen(QPen(c.lighter(170), 3));
        p.drawEllipse(ring);
        p.setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(ring, -m_angle * 16, 100 * 16);
        return;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(r);
    p.setPen(QPen(Qt::white, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const double w = r.width();
    const QPointF o = r.topLeft();
    auto at = [&](double x, double y) { return o + QPointF(x * w, y * w); };
    switch (m_kind) {
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
}

} // namespace quayside::ui
