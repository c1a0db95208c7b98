#pragma once

#include "doctor/CheckResult.h"

#include <QDialog>

class QLabel;

namespace quayside::ui {

// Help → About Quayside: Quayside's version, Qt's (the one running and the one built against) and the
// tools the doctor last found, from its report (the tools are never run again for this). Non-modal:
// shown with show(), deleted on close.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const DoctorReport& report, QWidget* parent = nullptr);

    // A newer report (the doctor finished while the dialog was open).
    void setReport(const DoctorReport& report);
    QString versionsText() const;

    // The tools listed, in this order.
    static QStringList toolIds();

private:
    QLabel* m_versions;
    QLabel* m_tools;
};

} // namespace quayside::ui
