#pragma once

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;

namespace quayside {

// A frame, not a brain: a sidebar of steps and a stack of pages. Pages own their behaviour; the
// AppController wires them together.
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

Q_SIGNALS:
    void settingsRequested();
    // The window is closing: save its state now (after this, widgets start going away).
    void closing();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
    QAction* m_settings = nullptr;
};

} // namespace quayside
