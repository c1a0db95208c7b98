#pragma once

#include "pipeline/StepState.h"

#include <QFrame>

class QLabel;

namespace quayside::ui {

class StatusBadge;

// One step of the pipeline in the page's list: state mark, title, elapsed time and its latest
// message. Clicking it shows the step's log (and its commands).
class StepRow : public QFrame
{
    Q_OBJECT
public:
    StepRow(const QString& id, const QString& title, QWidget* parent = nullptr);

    void setState(StepState state);
    void setMessage(const QString& message);
    void setElapsed(qint64 ms);
    void setSelected(bool selected);
    StepState state() const;
    QString message() const;
    QString elapsedText() const;

    static QString formatElapsed(qint64 ms);

Q_SIGNALS:
    void clicked();

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void updateLook();

    StatusBadge* m_badge;
    StepState m_state = StepState::Pending;
    QLabel* m_title;
    QLabel* m_elapsed;
    QLabel* m_message;
    bool m_selected = false;
};

} // namespace quayside::ui
