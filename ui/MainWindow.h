#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace quayside {

// A frame, not a brain: a sidebar of steps and a stack of pages. Pages own their behaviour; the window
// only wires them together.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Adds a page under a sidebar entry; returns its index.
    int addPage(const QString& title, const QString& objectName, QWidget* page);
    void showPage(int index);
    int currentPage() const;

private:
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
};

} // namespace quayside
