#pragma once

#include "doctor/CheckResult.h"

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;

namespace quayside::ui {

class StatusBadge;

// One line of the checklist: status, name, version, what we found, and for a failing check the fix
// command (selectable, with a Copy button) and a link to the tool's install guide.
class CheckRow : public QFrame
{
    Q_OBJECT
public:
    explicit CheckRow(const CheckResult& result, QWidget* parent = nullptr);
    void setResult(const CheckResult& result);
    const CheckResult& result() const { return m_result; }

Q_SIGNALS:
    void fixCopied(const QString& fix);

private:
    CheckResult m_result;
    StatusBadge* m_badge;
    QLabel* m_title;
    QLabel* m_version;
    QLabel* m_message;
    QWidget* m_fixBox;
    QLineEdit* m_fix;
    QPushButton* m_copy;
    QLabel* m_docs;
};

} // namespace quayside::ui
