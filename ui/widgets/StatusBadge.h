#pragma once

#include <QIcon>
#include <QTimer>
#include <QWidget>

#include <functional>

class QPainter;

namespace quayside::ui {

// A round status mark drawn with QPainter (no icon theme or font glyphs needed, so it looks the same
// on every desktop, under Xvfb and on a projector). Running turns a blue arc: at a glance, something is
// still happening. Each kind has its own shape as well as its colour (tick, cross, "!", dash, dotted
// ring, arc), so the state reads without telling red from green.
class StatusBadge : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Pending, Running, Ok, Failed, Warning, Skipped };
    explicit StatusBadge(QWidget* parent = nullptr);

    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    QSize sizeHint() const override { return { 22, 22 }; }

    // The kind's colour in the current theme.
    static QColor color(Kind kind);
    // The mark as vectors: sharp at any device pixel ratio. color defaults to the kind's.
    static void paint(QPainter* painter, const QRectF& rect, Kind kind, int angle = 0, QColor color = {});
    // The same mark as an icon for item views, labels and menus; it paints with the theme's colours at
    // paint time, so it follows a theme change.
    static QIcon icon(Kind kind);
    static QIcon icon(Kind kind, const std::function<QColor()>& color);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Kind m_kind = Kind::Pending;
    QTimer m_spin;
    int m_angle = 0;
};

} // namespace quayside::ui
