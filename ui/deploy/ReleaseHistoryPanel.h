#pragma once

#include "pipeline/HelmHistory.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace quayside {
class HelmOperations;
}

namespace quayside::ui {

// The Helm release's revisions with "Roll back to selected" (helm rollback REL REV --wait), the same
// operation as `quayside rollback REV`. Asks before rolling back.
class ReleaseHistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseHistoryPanel(QWidget* parent = nullptr);

    // The operations to use (owned elsewhere); nullptr disables the panel.
    void setOperations(HelmOperations* operations);
    void setHistory(const QList<HelmHistory::Revision>& history);
    const QList<HelmHistory::Revision>& history() const { return m_history; }
    int selectedRevision() const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void rolledBack(int revision);
    void outputLine(const QString& line);

private:
    void rollback();
    void updateButtons();

    HelmOperations* m_operations = nullptr;
    QList<HelmHistory::Revision> m_history;
    QTableWidget* m_table;
    QPushButton* m_refresh;
    QPushButton* m_rollback;
    QLabel* m_status;
};

} // namespace quayside::ui
