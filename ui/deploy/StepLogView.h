#pragma once

#include <QPlainTextEdit>
#include <QStringList>
#include <QTimer>

namespace quayside::ui {

// A step's output: lines are queued and appended in chunks on a short timer, the document keeps at
// most kMaxLines (the oldest go first), and the view follows the end only while the user is at the
// bottom (Qt Creator's output window does the same), so a long build log neither grows memory without
// bound nor yanks the view away from what the user is reading.
class StepLogView : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 5000;

    explicit StepLogView(QWidget* parent = nullptr);
    void appendLine(const QString& line);
    void setLines(const QStringList& lines);
    void clearLog();
    void flush();

private:
    QStringList m_pending;
    QTimer m_timer;
};

} // namespace quayside::ui
