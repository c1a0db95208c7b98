#pragma once

#include "ai/ProposedCommand.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace quayside::ui {

// One kubectl command an AI answer proposed: the command as written (monospace, selectable), whether it
// only reads or changes the cluster, and Run and Copy. Quayside never runs it by itself: Run only asks
// the panel, which shows the exact command in a confirmation first. A command that cannot be run from
// here keeps its Copy button; Run is disabled and the reason is written under it.
class ProposedCommandRow : public QFrame
{
    Q_OBJECT
public:
    ProposedCommandRow(const ai::ProposedCommand& command, int index, QWidget* parent = nullptr);

    const ai::ProposedCommand& command() const { return m_command; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* copyButton() const { return m_copy; }
    QLabel* refusalLabel() const { return m_refusal; }
    // While another command runs, every Run waits (one command at a time, its output in one view).
    void setRunAllowed(bool allowed);

Q_SIGNALS:
    void runRequested(const quayside::ai::ProposedCommand& command);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    ai::ProposedCommand m_command;
    QLabel* m_text;
    QLabel* m_kind;
    QPushButton* m_run;
    QPushButton* m_copy;
    QLabel* m_refusal;
};

} // namespace quayside::ui
