#include "MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
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
    sidePalette.setColor(QPalette::Window, QColor(0x1f, 0x2a, 0x37));
    sidePalette.setColor(QPalette::Base, QColor(0x1f, 0x2a, 0x37));
    sidePalette.setColor(QPalette::Text, QColor(0xe6, 0xea, 0xef));
    sidePalette.setColor(QPalette::WindowText, QColor(0xff, 0xff, 0xff));
    sidePalette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    sidePalette.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    side->setPalette(sidePalette);
    auto* brand = new QLabel(tr("Quayside"), side);
    brand->setObjectName(QStringLiteral("brand"));
    QFont brandFont = brand->font();
    brandFont.setPointSizeF(brandFont.pointSizeF() * 1.5);
    brandFont.setBold(true);
    brand->setFont(brandFont);
    auto* tagline = new QLabel(tr("source → Minikube"), side);
    tagline->setStyleSheet(QStringLiteral("color: #9fb0c3;"));
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
    settingsButton->setStyleSheet(QStringLiteral("QToolButton { color: #e6eaef; padding: 6px 4px; }"));
    sideLayout->addWidget(settingsButton, 0, Qt::AlignLeft);
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    layout->addWidget(side);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
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

void MainWindow::showPage(int index)
{
    m_sidebar->setCurrentRow(index);
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

} // namespace quayside
