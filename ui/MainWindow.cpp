#include "MainWindow.h"

#include "Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace quayside {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Quayside"));
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* side = new QWidget(central);
    side->setObjectName(QStringLiteral("sidePanel"));
    side->setFixedWidth(210);
    side->setAutoFillBackground(true);
    QPalette sidePalette = side->palette();
    sidePalette.setColor(QPalette::Window, ui::Theme::color(ui::Theme::Role::Sidebar));
    sidePalette.setColor(QPalette::Base, ui::Theme::color(ui::Theme::Role::Sidebar));
    sidePalette.setColor(QPalette::Text, ui::Theme::color(ui::Theme::Role::SidebarText));
    sidePalette.setColor(QPalette::WindowText, ui::Theme::color(ui::Theme::Role::SidebarTitle));
    sidePalette.setColor(QPalette::Highlight, ui::Theme::color(ui::Theme::Role::SidebarHighlight));
    sidePalette.setColor(QPalette::HighlightedText, ui::Theme::color(ui::Theme::Role::SidebarHighlightText));
    side->setPalette(sidePalette);
    auto* brand = new QLabel(tr("Quayside"), side);
    brand->setObjectName(QStringLiteral("brand"));
    QFont brandFont = brand->font();
    brandFont.setPointSizeF(brandFont.pointSizeF() * 1.5);
    brandFont.setBold(true);
    brand->setFont(brandFont);
    auto* tagline = new QLabel(tr("source → Minikube"), side);
    tagline->setStyleSheet(QStringLiteral("color: %1;").arg(ui::Theme::color(ui::Theme::Role::SidebarTagline).name()));
    m_sidebar = new QListWidget(side);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Steps"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFocusPolicy(Qt::StrongFocus);
    QFont itemFont = m_sidebar->font();
    itemFont.setPointSizeF(itemFont.pointSizeF() * 1.15);
    m_sidebar->setFont(itemFont);
    m_sidebar->setSpacing(3);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(14, 16, 8, 12);
    sideLayout->addWidget(brand);
    sideLayout->addWidget(tagline);
    sideLayout->addSpacing(18);
    sideLayout->addWidget(m_sidebar, 1);

    // Ctrl+, is the desktop convention (QKeySequence::Preferences is empty on some platforms).
    m_settings = new QAction(tr("&Settings…"), this);
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence(QKeySequence::Preferences) });
    m_settings->setShortcutContext(Qt::ApplicationShortcut);
    addAction(m_settings);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    auto* settingsButton = new QToolButton(side);
    settingsButton->setObjectName(QStringLiteral("settingsButton"));
    settingsButton->setDefaultAction(m_settings);
    settingsButton->setText(tr("⚙  Settings"));
    settingsButton->setToolTip(tr("Settings (Ctrl+,)"));
    settingsButton->setAccessibleName(tr("Settings"));
    settingsButton->setAutoRaise(true);
    settingsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    settingsButton->setStyleSheet(QStringLiteral("QToolButton { color: %1; padding: 6px 4px; }")
                                      .arg(ui::Theme::color(ui::Theme::Role::SidebarText).name()));
    sideLayout->addWidget(settingsButton, 0, Qt::AlignLeft);
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    layout->addWidget(side);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    buildMenus();
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
        if (QAction* action = pageAction(index))
            action->setChecked(true);
        Q_EMIT currentPageChanged(index);
    });
    // Large enough for the dashboard's three panes, never larger than the screen.
    QSize size(1440, 900);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 0.95);
    resize(size);
}

int MainWindow::addPage(const QString& title, const QString& objectName, QWidget* page)
{
    page->setObjectName(objectName);
    page->setAccessibleName(title);
    const int index = m_pages->addWidget(page);
    m_sidebar->addItem(title);
    // "Build & Deploy": a menu would read the & as a mnemonic.
    auto* action = new QAction(QString(title).replace(QLatin1Char('&'), QStringLiteral("&&")), m_pageGroup);
    action->setObjectName(objectName + QStringLiteral("Action"));
    action->setCheckable(true);
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, action] { showPage(int(m_pageActions.indexOf(action))); });
    addAction(action);
    m_viewMenu->insertAction(m_pageSeparator, action);
    m_pageActions << action;
    if (index == 0)
        m_sidebar->setCurrentRow(0);
    return index;
}

void MainWindow::replacePage(int index, QWidget* page)
{
    QWidget* old = m_pages->widget(index);
    if (!old || old == page)
        return;
    page->setObjectName(old->objectName());
    page->setAccessibleName(old->accessibleName());
    const bool current = m_pages->currentIndex() == index;
    m_pages->insertWidget(index, page);
    m_pages->removeWidget(old);
    old->deleteLater();
    if (current)
        m_pages->setCurrentIndex(index);
}

QWidget* MainWindow::page(int index) const
{
    return m_pages->widget(index);
}

int MainWindow::pageIndex(const QString& objectName) const
{
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->widget(i)->objectName() == objectName)
            return i;
    }
    return -1;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    Q_EMIT closing();
    QMainWindow::closeEvent(event);
}

QAction* MainWindow::pageAction(int index) const
{
    return m_pageActions.value(index);
}

void MainWindow::buildMenus()
{
    // Application-wide so they also work while a non-modal dialog (About, Settings) has the focus.
    const auto make = [this](const QString& text, const QString& name, const QList<QKeySequence>& keys = {}) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::ApplicationShortcut);
        addAction(action);
        return action;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    m_openProfile = make(tr("&Open profile…"), QStringLiteral("openProfileAction"), { QKeySequence::Open });
    m_openProfile->setStatusTip(tr("Use another deployment profile (a quayside.yaml)"));
    connect(m_openProfile, &QAction::triggered, this, &MainWindow::openProfileRequested);
    file->addAction(m_openProfile);
    file->addAction(m_settings);
    file->addSeparator();
    // QKeySequence::Quit is Ctrl+Q on Linux and macOS but empty on Windows: Ctrl+Q everywhere.
    QList<QKeySequence> quitKeys { QKeySequence(Qt::CTRL | Qt::Key_Q) };
    if (const QKeySequence quit(QKeySequence::Quit); !quit.isEmpty() && !quitKeys.contains(quit))
        quitKeys << quit;
    m_quit = make(tr("&Quit"), QStringLiteral("quitAction"), quitKeys);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    file->addAction(m_quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_pageGroup = new QActionGroup(this);
    m_pageGroup->setExclusive(true);
    m_pageSeparator = m_viewMenu->addSeparator();
    m_refresh = make(tr("&Refresh"), QStringLiteral("refreshAction"), { QKeySequence(Qt::Key_F5) });
    m_refresh->setShortcutContext(Qt::WindowShortcut);
    m_refresh->setStatusTip(tr("Show the current page's data again"));
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refreshRequested);
    m_viewMenu->addAction(m_refresh);
    // QKeySequence::FullScreen is F11 on Windows, Ctrl+Meta+F on macOS and Ctrl+Shift+F (KDE) or F11
    // on Linux: F11 is always added.
    QList<QKeySequence> fullKeys = QKeySequence::keyBindings(QKeySequence::FullScreen);
    if (!fullKeys.contains(QKeySequence(Qt::Key_F11)))
        fullKeys << QKeySequence(Qt::Key_F11);
    m_fullScreen = make(tr("&Full screen"), QStringLiteral("fullScreenAction"), fullKeys);
    m_fullScreen->setCheckable(true);
    connect(m_fullScreen, &QAction::toggled, this, [this](bool on) {
        if (on == isFullScreen())
            return;
        if (on)
            showFullScreen();
        else
            showNormal();
    });
    m_viewMenu->addAction(m_fullScreen);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    m_documentation = make(tr("&Documentation"), QStringLiteral("documentationAction"), { QKeySequence::HelpContents });
    connect(m_documentation, &QAction::triggered, this, &MainWindow::documentationRequested);
    help->addAction(m_documentation);
    m_troubleshooting = make(tr("&Troubleshooting"), QStringLiteral("troubleshootingAction"));
    connect(m_troubleshooting, &QAction::triggered, this, &MainWindow::troubleshootingRequested);
    help->addAction(m_troubleshooting);
    help->addSeparator();
    m_about = make(tr("&About Quayside"), QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::aboutRequested);
    help->addAction(m_about);
    QAction* aboutQt = make(tr("About &Qt"), QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    help->addAction(aboutQt);
}

void MainWindow::changeEvent(QEvent* event)
{
    // The window manager (or Esc in some) can leave full screen too: the check follows.
    if (event->type() == QEvent::WindowStateChange && m_fullScreen)
        m_fullScreen->setChecked(isFullScreen());
    QMainWindow::changeEvent(event);
}

void MainWindow::showPage(int index)
{
    m_sidebar->setCurrentRow(index);
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

} // namespace quayside
