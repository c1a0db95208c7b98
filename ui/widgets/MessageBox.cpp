#include "widgets/MessageBox.h"

#include <QPushButton>
#include <QTimer>

namespace quayside::ui {

std::optional<bool> MessageBox::s_nextAnswer;
int MessageBox::s_asked = 0;
QString MessageBox::s_lastQuestion;

QMessageBox* MessageBox::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptText,
                                 std::function<void(bool)> then)
{
    ++s_asked;
    s_lastQuestion = text;
    if (s_nextAnswer) {
        const bool answer = *s_nextAnswer;
        s_nextAnswer.reset();
        QTimer::singleShot(0, parent, [then = std::move(then), answer] { then(answer); });
        return nullptr;
    }
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirmationDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->button(QMessageBox::Yes)->setText(acceptText);
    box->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmAccept"));
    box->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("confirmCancel"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [then = std::move(then)](int result) { then(result == QMessageBox::Yes); });
    box->open();
    return box;
}

void MessageBox::setNextAnswer(bool accept)
{
    s_nextAnswer = accept;
}

int MessageBox::questionsAsked()
{
    return s_asked;
}

QString MessageBox::lastQuestion()
{
    return s_lastQuestion;
}

} // namespace quayside::ui
