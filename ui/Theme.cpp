#include "Theme.h"

#include <QApplication>
#include <QStyle>

namespace quayside::ui {

namespace {

// The palette the platform gave us before any theme was applied: "System" goes back to it.
QPalette systemPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

} // namespace

QPalette Theme::lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1d, 0x23, 0x2b));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf2, 0xf5));
    p.setColor(QPalette::Text, QColor(0x1d, 0x23, 0x2b));
    p.setColor(QPalette::Button, QColor(0xe9, 0xec, 0xf0));
    p.setColor(QPalette::ButtonText, QColor(0x1d, 0x23, 0x2b));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe6));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x88, 0x92));
    p.setColor(QPalette::Link, QColor(0x1d, 0x5f, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa1, 0xa9));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa1, 0xa9));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa1, 0xa9));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x23, 0x27, 0x2e));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe9, 0xed));
    p.setColor(QPalette::Base, QColor(0x1a, 0x1d, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x2a, 0x31));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe9, 0xed));
    p.setColor(QPalette::Button, QColor(0x30, 0x35, 0x3d));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe9, 0xed));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x35, 0x3d));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe9, 0xed));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x92, 0x9c));
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xf0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6d, 0x74, 0x7d));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6d, 0x74, 0x7d));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6d, 0x74, 0x7d));
    return p;
}

void Theme::apply(Preferences::Theme theme)
{
    const QPalette system = systemPalette();
    switch (theme) {
    case Preferences::Theme::System:
        QApplication::setPalette(system);
        break;
    case Preferences::Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Preferences::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
}

} // namespace quayside::ui
