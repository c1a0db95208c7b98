#pragma once

#include <QTimer>
#include <QWidget>

namespace quayside::ui {

// A round status mark drawn with QPainter (no icon theme or font glyphs needed, so it looks the same
// on every desktop, under Xvfb and on a projector). Running turns a blue arc: at a glance, something is
// still happening.
class StatusBadge : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Pending, Running, Ok, Failed, Warning, Skipped };
    explicit StatusBadge(QWidget* parent = nullptr);

    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    QSize sizeHint() const override { return { 22, 22 }; }

    static QColor color(Kind kind);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Kind m_kind = Kind::Pending;
    QTimer m_spin;
    int m_angle = 0;
};

} // namespace quayside::ui
