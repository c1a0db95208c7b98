#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace quayside {
class Doctor;
struct CheckResult;
struct DoctorReport;
} // namespace quayside

namespace quayside::ui {

class CheckRow;

// The first page a newcomer sees: every prerequisite as a row that fills in live as its check
// finishes, with the exact command that fixes what is missing. The Doctor (core) does the work; the
// page only shows it.
class PrerequisitesPage : public QWidget
{
    Q_OBJECT
public:
    explicit PrerequisitesPage(Doctor* doctor, QWidget* parent = nullptr);

    CheckRow* row(const QString& id) const;

public Q_SLOTS:
    void recheck();

private:
    void onResultChanged(int index, const CheckResult& result);
    void onFinished(const DoctorReport& report);

    Doctor* m_doctor;
    QLabel* m_summary;
    QPushButton* m_recheck;
    QVBoxLayout* m_rows;
    QList<CheckRow*> m_rowWidgets;
};

} // namespace quayside::ui
