#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QPointer>
#include <QStyleHints>
#include <QWidget>

#include <array>
#include <cmath>

namespace quayside::ui {

namespace {

struct Pair
{
    QColor light;
    QColor dark;
};

// One row per Theme::Role, in the enum's order. Light values are dark enough for 4.5:1 on white and
// on the light Window (#f4f5f7); dark values are light enough for 4.5:1 on #1a1d22…#262a31. The
// sidebar is the same navy in both.
const std::array<Pair, 32> kRoles { {
    { QColor(0x1b, 0x7a, 0x36), QColor(0x5c, 0xc7, 0x7a) }, // Ok
    { QColor(0x8f, 0x55, 0x00), QColor(0xf0, 0xa9, 0x3b) }, // Warning
    { QColor(0xc0, 0x27, 0x1f), QColor(0xff, 0x7b, 0x72) }, // Error
    { QColor(0x1d, 0x62, 0xad), QColor(0x6c, 0xb0, 0xff) }, // Info
    { QColor(0x5f, 0x68, 0x73), QColor(0x9a, 0xa3, 0xad) }, // Muted
    { QColor(0x4a, 0x65, 0x82), QColor(0x9d, 0xb4, 0xcc) }, // Neutral
    { QColor(0xff, 0xff, 0xff), QColor(0x1a, 0x1d, 0x22) }, // BadgeGlyph
    { QColor(0x5a, 0x64, 0x70), QColor(0xa3, 0xab, 0xb5) }, // SecondaryText
    { QColor(0xfd, 0xf1, 0xdc), QColor(0x4a, 0x3a, 0x1a) }, // WarningBanner
    { QColor(0x5a, 0x3b, 0x00), QColor(0xff, 0xe2, 0xa8) }, // WarningBannerText
    { QColor(0xfd, 0xec, 0xea), QColor(0x4a, 0x23, 0x23) }, // ErrorBanner
    { QColor(0x8a, 0x1f, 0x17), QColor(0xff, 0xd0, 0xcc) }, // ErrorBannerText
    { QColor(0xe6, 0xf4, 0xea), QColor(0x1f, 0x3d, 0x2a) }, // OkBanner
    { QColor(0x1b, 0x5e, 0x2c), QColor(0xc8, 0xef, 0xd3) }, // OkBannerText
    { QColor(0xe4, 0xee, 0xf8), QColor(0x1e, 0x33, 0x50) }, // InfoBanner
    { QColor(0x1d, 0x4f, 0x86), QColor(0xcf, 0xe3, 0xff) }, // InfoBannerText
    { QColor(0xff, 0xe5, 0x6b), QColor(0x66, 0x55, 0x00) }, // SearchHit
    { QColor(0x2f, 0x6f, 0xb3), QColor(0x2f, 0x6f, 0xb3) }, // Accent
    { QColor(0xff, 0xff, 0xff), QColor(0xff, 0xff, 0xff) }, // AccentText
    { QColor(0xc9, 0xd6, 0xe6), QColor(0x3a, 0x45, 0x52) }, // AccentDisabled
    { QColor(0x3f, 0x4d, 0x5c), QColor(0xb4, 0xbe, 0xc9) }, // AccentDisabledText
    { QColor(0x1f, 0x2a, 0x37), QColor(0x1f, 0x2a, 0x37) }, // Sidebar
    { QColor(0xe6, 0xea, 0xef), QColor(0xe6, 0xea, 0xef) }, // SidebarText
    { QColor(0xff, 0xff, 0xff), QColor(0xff, 0xff, 0xff) }, // SidebarTitle
    { QColor(0x9f, 0xb0, 0xc3), QColor(0x9f, 0xb0, 0xc3) }, // SidebarTagline
    { QColor(0x2f, 0x6f, 0xb3), QColor(0x2f, 0x6f, 0xb3) }, // SidebarHighlight
    { QColor(0xff, 0xff, 0xff), QColor(0xff, 0xff, 0xff) }, // SidebarHighlightText
    { QColor(0xff, 0xff, 0xff), QColor(0x1a, 0x1d, 0x22) }, // ChartBackground
    { QColor(0x1d, 0x23, 0x2b), QColor(0xe6, 0xe9, 0xed) }, // ChartText
    { QColor(0xdd, 0xe1, 0xe6), QColor(0x37, 0x3d, 0x46) }, // ChartGrid
    { QColor(0x5f, 0x6b, 0x7a), QColor(0x9a, 0xa7, 0xb5) }, // ChartRequest
    { QColor(0xa8, 0x3e, 0x3e), QColor(0xff, 0x8a, 0x80) }, // ChartLimit
} };
static_assert(kRoles.size() == static_cast<std::size_t>(Theme::Role::ChartLimit) + 1, "one row per role");

// Tableau-like hues, darkened (light) or lightened (dark) until each reads as text on Base.
const std::array<Pair, 8> kSeries { {
    { QColor(0x1f, 0x63, 0xa8), QColor(0x6c, 0xb0, 0xff) },
    { QColor(0xc0, 0x27, 0x1f), QColor(0xff, 0x7b, 0x72) },
    { QColor(0x1b, 0x7a, 0x36), QColor(0x5c, 0xc7, 0x7a) },
    { QColor(0x7b, 0x4f, 0xb0), QColor(0xc3, 0x9b, 0xf0) },
    { QColor(0xa9, 0x54, 0x00), QColor(0xf0, 0xa9, 0x3b) },
    { QColor(0x0f, 0x72, 0x85), QColor(0x4f, 0xd0, 0xe0) },
    { QColor(0x8c, 0x56, 0x4b), QColor(0xd9, 0xa0, 0x8a) },
    { QColor(0xb0, 0x40, 0x7f), QColor(0xf0, 0x8c, 0xc8) },
} };

QPalette makePalette(const QColor& window, const QColor& text, const QColor& base, const QColor& alternate,
                     const QColor& button, const QColor& highlight, const QColor& tooltip, const QColor& secondary,
                     const QColor& link, const QColor& disabled)
{
    // The (button, window) constructor derives Light, Mid, Dark and Shadow, which Fusion draws frames
    // and bevels with; setting only the roles below would leave those from the platform's light palette.
    QPalette p(button, window);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, base);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::ToolTipBase, tooltip);
    p.setColor(QPalette::ToolTipText, text);
    // Pages use PlaceholderText for secondary labels, so it has to be readable text, not a hint.
    p.setColor(QPalette::PlaceholderText, secondary);
    p.setColor(QPalette::Link, link);
    p.setColor(QPalette::LinkVisited, link);
    for (QPalette::ColorRole role : { QPalette::Text, QPalette::ButtonText, QPalette::WindowText })
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

double linear(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

Theme::Theme(QObject* parent)
    : QObject(parent)
    , m_systemPalette(QApplication::palette()) // the platform's, before any theme was applied
{
    m_scheme = detectSystemScheme();
    qApp->installEventFilter(this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_preference == Preferences::Theme::System)
            resolve();
    });
#endif
}

Theme* Theme::instance()
{
    // Parented to the application so it goes with it; a later QApplication (tests) gets a new one.
    static QPointer<Theme> theme;
    if (!theme)
        theme = new Theme(qApp);
    return theme;
}

QColor Theme::color(Role role, Scheme scheme)
{
    const Pair& pair = kRoles.at(static_cast<std::size_t>(role));
    return scheme == Scheme::Dark ? pair.dark : pair.light;
}

QColor Theme::color(Role role)
{
    return color(role, instance()->scheme());
}

int Theme::seriesCount()
{
    return static_cast<int>(kSeries.size());
}

QColor Theme::series(int index, Scheme scheme)
{
    const Pair& pair = kSeries.at(static_cast<std::size_t>(std::abs(index) % seriesCount()));
    return scheme == Scheme::Dark ? pair.dark : pair.light;
}

QColor Theme::series(int index)
{
    return series(index, instance()->scheme());
}

QPalette Theme::palette(Scheme scheme)
{
    if (scheme == Scheme::Dark)
        return makePalette(QColor(0x23, 0x27, 0x2e), QColor(0xe6, 0xe9, 0xed), QColor(0x1a, 0x1d, 0x22),
                           QColor(0x26, 0x2a, 0x31), QColor(0x30, 0x35, 0x3d), QColor(0x2f, 0x6f, 0xb3),
                           QColor(0x30, 0x35, 0x3d), QColor(0x9a, 0xa3, 0xad), QColor(0x6c, 0xa8, 0xf0),
                           QColor(0x6d, 0x74, 0x7d));
    return makePalette(QColor(0xf4, 0xf5, 0xf7), QColor(0x1d, 0x23, 0x2b), QColor(0xff, 0xff, 0xff),
                       QColor(0xf0, 0xf2, 0xf5), QColor(0xe9, 0xec, 0xf0), QColor(0x2f, 0x6f, 0xb3),
                       QColor(0xff, 0xff, 0xe6), QColor(0x5f, 0x68, 0x73), QColor(0x1d, 0x5f, 0xa8),
                       QColor(0x9a, 0xa1, 0xa9));
}

double Theme::contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void Theme::apply(Preferences::Theme theme)
{
    instance()->setPreference(theme);
}

void Theme::setPreference(Preferences::Theme theme)
{
    m_preference = theme;
    resolve();
}

Theme::Scheme Theme::detectSystemScheme() const
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    if (const Qt::ColorScheme hint = QGuiApplication::styleHints()->colorScheme(); hint != Qt::ColorScheme::Unknown)
        return hint == Qt::ColorScheme::Dark ? Scheme::Dark : Scheme::Light;
#endif
    // Qt 6.4 has no QStyleHints::colorScheme(): a platform whose windows are darker than their text
    // is in dark mode (what the GTK and KDE platform themes hand us when the desktop is dark).
    const QColor window = m_systemPalette.color(QPalette::Window);
    const QColor text = m_systemPalette.color(QPalette::WindowText);
    return window.lightness() < text.lightness() ? Scheme::Dark : Scheme::Light;
}

void Theme::resolve()
{
    const Scheme before = m_scheme;
    const QPalette old = QApplication::palette();
    switch (m_preference) {
    case Preferences::Theme::System:
        m_scheme = detectSystemScheme();
        break;
    case Preferences::Theme::Light:
        m_scheme = Scheme::Light;
        break;
    case Preferences::Theme::Dark:
        m_scheme = Scheme::Dark;
        break;
    }
    m_applying = true;
    QApplication::setPalette(m_preference == Preferences::Theme::System ? m_systemPalette : palette(m_scheme));
    m_applying = false;
    if (before != m_scheme || old != QApplication::palette())
        emit changed();
}

bool Theme::eventFilter(QObject* watched, QEvent* event)
{
    // Qt 6.4 tells the application about a new platform palette (the desktop switched to dark, say)
    // with ApplicationPaletteChange; QGuiApplication::paletteChanged is deprecated and QStyleHints
    // has no colorSchemeChanged before 6.5. Our own setPalette() sends the same event: skip that one.
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && !m_applying
        && m_preference == Preferences::Theme::System) {
        m_systemPalette = QApplication::palette();
        m_scheme = detectSystemScheme();
        emit changed();
    }
    return QObject::eventFilter(watched, event);
}

void Theme::bind(QObject* context, const std::function<void()>& apply)
{
    apply();
    connect(instance(), &Theme::changed, context, apply);
}

void Theme::bindPalette(QWidget* widget, const QList<std::pair<QPalette::ColorRole, Role>>& roles)
{
    bind(widget, [widget, roles] {
        QPalette p = widget->palette();
        for (const auto& [paletteRole, role] : roles)
            p.setColor(paletteRole, color(role));
        widget->setPalette(p);
    });
}

QString Theme::styleSheet(const QString& sheet, const QList<Role>& roles)
{
    QString result = sheet;
    for (Role role : roles)
        result = result.arg(color(role).name());
    return result;
}

void Theme::bindStyleSheet(QWidget* widget, const QString& sheet, const QList<Role>& roles)
{
    bind(widget, [widget, sheet, roles] { widget->setStyleSheet(styleSheet(sheet, roles)); });
}

} // namespace quayside::ui
