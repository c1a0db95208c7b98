// The theme object (issue 15, item 4): light and dark values that meet WCAG AA, the setting and the
// platform's palette both resolving the scheme, models and badges re-reading on changed(), status marks
// told apart by shape, icons drawn sharp at a device pixel ratio of 2, and no colour literal left in ui/
// outside Theme.cpp.
#include "Theme.h"

#include "dashboard/LogModel.h"
#include "dashboard/StatusTone.h"
#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using Role = Theme::Role;
using Scheme = Theme::Scheme;

Q_DECLARE_METATYPE(Theme::Scheme)

namespace {

QString schemeName(Scheme scheme)
{
    return scheme == Scheme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

QString roleName(Role role)
{
    return QString::fromLatin1(QMetaEnum::fromType<Role>().valueToKey(static_cast<int>(role)));
}

QImage paintedMark(StatusBadge::Kind kind)
{
    QImage image(44, 44, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    // One colour for every kind: only the shape may tell them apart.
    StatusBadge::paint(&p, QRectF(0, 0, 44, 44), kind, 0, Theme::color(Role::Muted, Scheme::Light));
    return image;
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { Theme::apply(Preferences::Theme::System); }

    void contrastFormula()
    {
        QCOMPARE(qRound(Theme::contrast(QColor(0, 0, 0), QColor(255, 255, 255))), 21);
        QCOMPARE(Theme::contrast(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
        // The WCAG example: #767676 on white is the lightest grey that passes AA.
        QVERIFY(Theme::contrast(QColor(0x76, 0x76, 0x76), QColor(255, 255, 255)) >= 4.5);
        QVERIFY(Theme::contrast(QColor(0x77, 0x77, 0x77), QColor(255, 255, 255)) < 4.5);
    }

    // Text on its background reaches 4.5:1 (WCAG AA) in both schemes: the palette's own pairs, every
    // status and secondary text on every page background, banners, the sidebar, charts, log sources.
    void textContrast_data()
    {
        QTest::addColumn<QColor>("foreground");
        QTest::addColumn<QColor>("background");
        for (Scheme scheme : { Scheme::Light, Scheme::Dark }) {
            const QPalette p = Theme::palette(scheme);
            const QString s = schemeName(scheme);
            auto add = [&](const QString& name, const QColor& fg, const QColor& bg) {
                QTest::addRow("%s %s", qPrintable(s), qPrintable(name)) << fg << bg;
            };
            const std::pair<QPalette::ColorRole, QPalette::ColorRole> paletteRoles[] = {
                { QPalette::Text, QPalette::Base },
                { QPalette::Text, QPalette::AlternateBase },
                { QPalette::WindowText, QPalette::Window },
                { QPalette::ButtonText, QPalette::Button },
                { QPalette::HighlightedText, QPalette::Highlight },
                { QPalette::ToolTipText, QPalette::ToolTipBase },
                { QPalette::PlaceholderText, QPalette::Base },
                { QPalette::PlaceholderText, QPalette::Window },
                { QPalette::Link, QPalette::Base },
            };
            for (const auto& [fg, bg] : paletteRoles)
                add(QStringLiteral("palette %1 on %2").arg(fg).arg(bg), p.color(fg), p.color(bg));
            for (Role role : { Role::Ok, Role::Warning, Role::Error, Role::Info, Role::Muted, Role::Neutral,
                               Role::SecondaryText }) {
                for (QPalette::ColorRole bg : { QPalette::Window, QPalette::Base, QPalette::AlternateBase })
                    add(QStringLiteral("%1 on palette %2").arg(roleName(role)).arg(bg), Theme::color(role, scheme),
                        p.color(bg));
                // The tick or cross inside a filled mark.
                add(QStringLiteral("BadgeGlyph on %1").arg(roleName(role)), Theme::color(Role::BadgeGlyph, scheme),
                    Theme::color(role, scheme));
            }
            const std::pair<Role, Role> pairs[] = {
                { Role::WarningBannerText, Role::WarningBanner },
                { Role::ErrorBannerText, Role::ErrorBanner },
                { Role::OkBannerText, Role::OkBanner },
                { Role::InfoBannerText, Role::InfoBanner },
                { Role::AccentText, Role::Accent },
                { Role::AccentDisabledText, Role::AccentDisabled },
                { Role::SidebarText, Role::Sidebar },
                { Role::SidebarTitle, Role::Sidebar },
                { Role::SidebarTagline, Role::Sidebar },
                { Role::SidebarHighlightText, Role::SidebarHighlight },
                { Role::ChartText, Role::ChartBackground },
                { Role::ChartRequest, Role::ChartBackground },
                { Role::ChartLimit, Role::ChartBackground },
            };
            for (const auto& [fg, bg] : pairs)
                add(roleName(fg) + QStringLiteral(" on ") + roleName(bg), Theme::color(fg, scheme),
                    Theme::color(bg, scheme));
            // A Warning event row: the row's ordinary text and its Type cell on the tint.
            add(QStringLiteral("Text on ErrorBanner"), p.color(QPalette::Text),
                Theme::color(Role::ErrorBanner, scheme));
            add(QStringLiteral("Text on SearchHit"), p.color(QPalette::Text), Theme::color(Role::SearchHit, scheme));
            add(QStringLiteral("Text on InfoBanner (selected step)"), p.color(QPalette::Text),
                Theme::color(Role::InfoBanner, scheme));
            for (int i = 0; i < Theme::seriesCount(); ++i) {
                add(QStringLiteral("series %1 on Base").arg(i), Theme::series(i, scheme), p.color(QPalette::Base));
                add(QStringLiteral("series %1 on chart").arg(i), Theme::series(i, scheme),
                    Theme::color(Role::ChartBackground, scheme));
            }
        }
    }

    void textContrast()
    {
        QFETCH(QColor, foreground);
        QFETCH(QColor, background);
        const double ratio = Theme::contrast(foreground, background);
        QVERIFY2(ratio >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2: %3:1, AA needs 4.5:1")
                                .arg(foreground.name(), background.name())
                                .arg(ratio, 0, 'f', 2)));
    }

    // The setting decides; System goes back to the platform's palette.
    void followsTheSetting()
    {
        const QPalette system = QApplication::palette();
        QSignalSpy changed(Theme::instance(), &Theme::changed);
        Theme::apply(Preferences::Theme::Dark);
        QVERIFY(Theme::instance()->isDark());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::palette(Scheme::Dark).color(QPalette::Window));
        QCOMPARE(Theme::color(Role::Ok), Theme::color(Role::Ok, Scheme::Dark));
        Theme::apply(Preferences::Theme::Dark);
        QCOMPARE(changed.count(), 1); // nothing changed, nothing to re-read
        Theme::apply(Preferences::Theme::Light);
        QVERIFY(!Theme::instance()->isDark());
        QCOMPARE(changed.count(), 2);
        Theme::apply(Preferences::Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
        // Offscreen's Fusion palette is light.
        QVERIFY(!Theme::instance()->isDark());
    }

    // Under System, a new platform palette (the desktop went dark) is detected from the palette's
    // lightness on Qt 6.4, which has no QStyleHints::colorScheme().
    void followsThePlatformPalette()
    {
        Theme::apply(Preferences::Theme::System);
        const QPalette system = QApplication::palette();
        QSignalSpy changed(Theme::instance(), &Theme::changed);
        // What a platform theme does when the desktop switches: a new application palette.
        QApplication::setPalette(Theme::palette(Scheme::Dark));
        QTRY_VERIFY(changed.count() >= 1);
        QVERIFY(Theme::instance()->isDark());
        QApplication::setPalette(system);
        QTRY_VERIFY(!Theme::instance()->isDark());
        QVERIFY(changed.count() >= 2);
        // A chosen scheme is not overridden by the platform.
        Theme::apply(Preferences::Theme::Light);
        QVERIFY(!Theme::instance()->isDark());
    }

    // Models re-read: the log model announces its source colours again, in the new scheme.
    void modelsReReadOnChange()
    {
        Theme::apply(Preferences::Theme::Light);
        LogModel model;
        model.append({ LogModel::Entry { QStringLiteral("backend-1"), QStringLiteral("listening on :8080") } });
        const QColor light = model.index(0).data(LogModel::SourceColorRole).value<QColor>();
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        Theme::apply(Preferences::Theme::Dark);
        QCOMPARE(dataChanged.count(), 1);
        const auto roles = dataChanged.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(LogModel::SourceColorRole));
        const QColor dark = model.index(0).data(LogModel::SourceColorRole).value<QColor>();
        QVERIFY(light != dark);
        QCOMPARE(dark, Theme::series(0, Scheme::Dark));

        // A cached status icon paints in the current scheme's colour.
        const QIcon icon = toneIcon(StatusTone::Bad);
        const QImage darkImage = icon.pixmap(QSize(22, 22), 1.0).toImage();
        Theme::apply(Preferences::Theme::Light);
        const QImage lightImage = icon.pixmap(QSize(22, 22), 1.0).toImage();
        QVERIFY(darkImage != lightImage);
    }

    // Colour-blind safety: every status kind has its own shape, so two kinds drawn in the same colour
    // still differ; the tones map onto different shapes.
    void statusKindsDifferInShape()
    {
        const StatusBadge::Kind kinds[]
            = { StatusBadge::Kind::Pending, StatusBadge::Kind::Running, StatusBadge::Kind::Ok,
                StatusBadge::Kind::Failed,  StatusBadge::Kind::Warning, StatusBadge::Kind::Skipped };
        QList<QImage> images;
        for (StatusBadge::Kind kind : kinds)
            images << paintedMark(kind);
        for (int i = 0; i < images.size(); ++i) {
            for (int j = i + 1; j < images.size(); ++j)
                QVERIFY2(images[i] != images[j],
                         qPrintable(QStringLiteral("kinds %1 and %2 look alike").arg(i).arg(j)));
        }
        const QSet<StatusBadge::Kind> shapes { toneShape(StatusTone::Good), toneShape(StatusTone::Progress),
                                               toneShape(StatusTone::Bad), toneShape(StatusTone::Gone) };
        QCOMPARE(shapes.size(), 4);
    }

    // High DPI: the icon is drawn at the ratio asked for (twice the pixels, not a scaled bitmap), and a
    // widget grabbed onto a 2x image doubles in size.
    void sharpAtTwiceTheDensity()
    {
        const QIcon icon = StatusBadge::icon(StatusBadge::Kind::Ok);
        const QPixmap pixmap = icon.pixmap(QSize(16, 16), 2.0);
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
        QCOMPARE(pixmap.size(), QSize(32, 32));
        // The tick's stroke is antialiased at 2x: more distinct edge pixels than the 1x drawing scaled up.
        const QImage twice = pixmap.toImage();
        const QImage scaled = icon.pixmap(QSize(16, 16), 1.0).toImage().scaled(32, 32);
        QVERIFY(twice != scaled);

        StatusBadge badge;
        badge.setKind(StatusBadge::Kind::Failed);
        QImage image(badge.size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(Qt::transparent);
        badge.render(&image);
        QCOMPARE(image.devicePixelRatio(), 2.0);
        QCOMPARE(image.size(), badge.size() * 2);
        // The centre of the cross is the glyph colour; a point on the ring is the error colour.
        QCOMPARE(image.pixelColor(image.width() / 2, image.height() / 2).rgb(), Theme::color(Role::BadgeGlyph).rgb());
        QCOMPARE(image.pixelColor(image.width() / 2, 6).rgb(), Theme::color(Role::Error).rgb());
    }

    // Every colour goes through the theme: a colour literal anywhere else in ui/ fails here, by name.
    void noHardCodedColoursInUi()
    {
        // (Plain strings, not raw ones: moc 6.4 loses the class after a raw string holding "#".)
        const QRegularExpression literal(QStringLiteral(
            "QColor\\s*\\(\\s*(0x|\\d|\")|QColorConstants|Qt::(red|green|blue|cyan|magenta|yellow|white|"
            "black|gray|darkGray|lightGray|darkRed|darkGreen|darkBlue|darkYellow)\\b|"
            "\\x23[0-9a-fA-F]{3,8}\\b|rgba?\\s*\\(|hsla?\\s*\\(|(color|background):\\s*(\\x23|[a-zA-Z])"));
        QStringList found;
        QDirIterator it(QStringLiteral(QUAYSIDE_SOURCE_DIR "/ui"), { QStringLiteral("*.cpp"), QStringLiteral("*.h") },
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("/ui/Theme.cpp")))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            int number = 0;
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine());
                ++number;
                if (line.trimmed().startsWith(QLatin1String("#include"))
                    || line.trimmed().startsWith(QLatin1String("//")))
                    continue;
                // palette(mid) and friends name a palette role, which the theme sets.
                QString scan = line;
                scan.remove(QRegularExpression(QStringLiteral("(color|background):\\s*palette\\(")));
                if (literal.match(scan).hasMatch())
                    found << QStringLiteral("%1:%2: %3")
                                 .arg(path.mid(qsizetype(sizeof(QUAYSIDE_SOURCE_DIR))))
                                 .arg(number)
                                 .arg(line.trimmed());
            }
        }
        QVERIFY2(found.isEmpty(),
                 qPrintable(QStringLiteral("colours outside ui/Theme.cpp (use a Theme::Role):\n") + found.join('\n')));
    }
};

QTEST_MAIN(TestTheme)
#include "ThemeTest.moc"
