#pragma once

#include <QMainWindow>

class QAction;
class QActionGroup;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace quayside {

// A frame, not a brain: a sidebar of steps, a stack of pages, the menu bar and the status bar. Pages
// own their behaviour; the AppController wires the menu's requests to them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Adds a page under a sidebar entry; returns its index.
    int addPage(const QString& title, const QString& objectName, QWidget* page);
    // Puts another widget in a page's place (a profile that became readable); the old one is deleted.
    void replacePage(int index, QWidget* page);
    QWidget* page(int index) const;
    // The page with that objectName, or -1.
    int pageIndex(const QString& objectName) const;
    void showPage(int index);
    int currentPage() const;

    // Settings… (Ctrl+,): triggers settingsRequested().
    QAction* settingsAction() const { return m_settings; }
    // File → Open profile… (Ctrl+O), Quit (Ctrl+Q: closes the window, which saves its state).
    QAction* openProfileAction() const { return m_openProfile; }
    QAction* quitAction() const { return m_quit; }
    // View → one action per page (Ctrl+1…Ctrl+9 in sidebar order), Refresh (F5), Full screen (F11).
    QAction* pageAction(int index) const;
    QAction* refreshAction() const { return m_refresh; }
    QAction* fullScreenAction() const { return m_fullScreen; }
    // Help → Documentation, Troubleshooting, About Quayside, About Qt.
    QAction* documentationAction() const { return m_documentation; }
    QAction* troubleshootingAction() const { return m_troubleshooting; }
    QAction* aboutAction() const { return m_about; }
    QMenu* viewMenu() const { return m_viewMenu; }

Q_SIGNALS:
    void settingsRequested();
    void openProfileRequested();
    // F5: whatever the current page shows, again (the controller knows what that is per page).
    void refreshRequested();
    void documentationRequested();
    void troubleshootingRequested();
    void aboutRequested();
    void currentPageChanged(int index);
    // The window is closing: save its state now (after this, widgets start going away).
    void closing();

protected:
    void closeEvent(QCloseEvent* event) override;

    void changeEvent(QEvent* event) override;

private:
    void buildMenus();

    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_openProfile = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_fullScreen = nullptr;
    QAction* m_documentation = nullptr;
    QAction* m_troubleshooting = nullptr;
    QAction* m_about = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_pageSeparator = nullptr; // the page actions go before it
    QActionGroup* m_pageGroup = nullptr;
    QList<QAction*> m_pageActions;
};

} // namespace quayside
