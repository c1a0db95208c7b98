#pragma once

#include <QMessageBox>

#include <functional>
#include <optional>

namespace quayside::ui {

// Confirmations, asynchronously: the box is opened window-modal with open() and the answer arrives in
// a callback, so the GUI never runs a nested event loop (exec()) while watches and log streams keep
// delivering. GUI tests answer the next question without showing anything (KeePassXC's
// MessageBox::setNextAnswer). Esc closes the box as "Cancel".
class MessageBox
{
public:
    // Calls `then(true)` when the user accepts, `then(false)` on Cancel/Esc. Returns the box (null when a
    // test answered) so callers and tests can find it; it deletes itself when closed.
    static QMessageBox* confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptText,
                                std::function<void(bool)> then);

    // The answer the next confirm() gives without showing anything (tests only).
    static void setNextAnswer(bool accept);
    static int questionsAsked();
    static QString lastQuestion();

private:
    static std::optional<bool> s_nextAnswer;
    static int s_asked;
    static QString s_lastQuestion;
};

} // namespace quayside::ui
