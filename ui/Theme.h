#pragma once

#include "workspace/Preferences.h"

#include <QColor>
#include <QObject>
#include <QPalette>

#include <functional>
#include <utility>

class QWidget;

namespace quayside::ui {

// The one place that knows colours. Light or dark as the user chose in Settings, or what the platform
// says ("System"); applied to the whole application at once, so it takes effect without a restart.
// Widgets and models never spell a colour: they ask for a semantic role and re-read it on changed()
// (tests/ui/ThemeTest.cpp fails on any colour literal in ui/ outside this file's .cpp).
class Theme : public QObject
{
    Q_OBJECT
public:
    enum class Scheme { Light, Dark };

    // Every text role reaches WCAG AA (4.5:1) on the palette's Window, Base and AlternateBase, or on
    // its paired background (…Banner / …BannerText); ThemeTest checks each pair in both schemes.
    enum class Role {
        // Status marks and status text: the badge fill, the pod status text, "✔ done".
        Ok,
        Warning,
        Error,
        Info, // running, in progress
        Muted, // pending, skipped, gone
        Neutral, // completed: finished, neither good nor bad news
        BadgeGlyph, // the tick or cross drawn inside a filled status mark
        SecondaryText, // captions, elapsed times, "no app URL yet"
        // Tinted strips: a warning banner, a failed step, a Warning event row.
        WarningBanner,
        WarningBannerText,
        ErrorBanner,
        ErrorBannerText,
        OkBanner,
        OkBannerText,
        InfoBanner,
        InfoBannerText,
        SearchHit, // the box behind a log search match; the line's text stays the palette's Text
        // The one primary button on a page (Build & deploy).
        Accent,
        AccentText,
        AccentDisabled,
        AccentDisabledText,
        // The navigation column is dark in both schemes: it frames the page rather than belonging to it.
        Sidebar,
        SidebarText,
        SidebarTitle,
        SidebarTagline,
        SidebarHighlight,
        SidebarHighlightText,
        // Charts draw on their own background, so they follow the scheme too.
        ChartBackground,
        ChartText,
        ChartGrid,
        ChartRequest, // a pod's request line (dashed)
        ChartLimit, // a pod's limit line (dotted)
    };
    Q_ENUM(Role)

    static Theme* instance();

    // The colour of a role in the scheme in effect now.
    static QColor color(Role role);
    static QColor color(Role role, Scheme scheme);
    // Series colours for charts and log sources: neighbours differ in hue, each readable as text on
    // the scheme's Base.
    static QColor series(int index);
    static QColor series(int index, Scheme scheme);
    static int seriesCount();
    static QPalette palette(Scheme scheme);
    // The WCAG 2 contrast ratio (1…21) of two colours.
    static double contrast(const QColor& a, const QColor& b);

    // Kept for the existing callers: same as instance()->setPreference(theme).
    static void apply(Preferences::Theme theme);
    void setPreference(Preferences::Theme theme);
    Preferences::Theme preference() const { return m_preference; }
    Scheme scheme() const { return m_scheme; }
    bool isDark() const { return m_scheme == Scheme::Dark; }

    // Runs apply now and again after every change, for as long as context lives. For style sheets,
    // palettes and rich text built from theme colours.
    static void bind(QObject* context, const std::function<void()>& apply);
    // Sets these palette roles of widget to theme colours, now and after every change.
    static void bindPalette(QWidget* widget, const QList<std::pair<QPalette::ColorRole, Role>>& roles);
    // A style sheet whose %1, %2… are the colours of roles, re-applied after every change.
    static void bindStyleSheet(QWidget* widget, const QString& sheet, const QList<Role>& roles);
    static QString styleSheet(const QString& sheet, const QList<Role>& roles);

signals:
    // The scheme or the palette changed (the setting, or the platform's colours under "System").
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit Theme(QObject* parent);
    Scheme detectSystemScheme() const;
    void resolve();

    Preferences::Theme m_preference = Preferences::Theme::System;
    Scheme m_scheme = Scheme::Light;
    QPalette m_systemPalette;
    bool m_applying = false;
};

} // namespace quayside::ui
