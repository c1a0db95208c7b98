#pragma once

#include "secrets/SecretSpec.h"
#include "secrets/SecretState.h"

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace quayside::ui {

class StatusBadge;

// One secret on the Secrets page: its name, what it is for, its state, and a masked field to enter a
// new value with reveal-while-held, paste, Generate (JWT_SECRET) and validation as you type.
//
// The stored value is never loaded into the row: the field only ever holds what the user is about to
// store, and is emptied (with its undo history) once it is stored.
class SecretRow : public QFrame
{
    Q_OBJECT
public:
    explicit SecretRow(const SecretSpec& spec, QWidget* parent = nullptr);

    const QString& name() const { return m_spec.name; }
    SecretState state() const { return m_status.state; }
    void setStatus(const SecretStatus& status);
    // While a save or delete runs: the controls are disabled and the state says so.
    void setBusy(bool busy, const QString& what = {});
    // The value typed (UTF-8) for the store; the field is emptied. Wipe the result when done.
    QByteArray takeValue();
    QLineEdit* valueEdit() const { return m_value; }

    // Accepted and rejected the way the state label shows them ("Set", "Not set", ...).
    static QString stateText(const SecretStatus& status, bool required);

Q_SIGNALS:
    void saveRequested();
    void deleteRequested();

private:
    void validate();
    void updateButtons();
    void paste();
    void generate();
    void clearValue();

    SecretSpec m_spec;
    SecretStatus m_status;
    bool m_busy = false;
    bool m_valueAcceptable = false;
    StatusBadge* m_badge;
    QLabel* m_nameLabel;
    QLabel* m_requiredLabel;
    QLabel* m_stateLabel;
    QLabel* m_description;
    QLineEdit* m_value;
    QToolButton* m_reveal;
    QToolButton* m_paste;
    QPushButton* m_generate = nullptr;
    QPushButton* m_save;
    QPushButton* m_delete;
    QLabel* m_validation;
};

} // namespace quayside::ui
