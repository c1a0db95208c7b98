#include "prerequisites/PrerequisitesPage.h"

#include "doctor/Doctor.h"
#include "prerequisites/CheckRow.h"
#include "widgets/PageHeading.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace quayside::ui {

PrerequisitesPage::PrerequisitesPage(Doctor* doctor, QWidget* parent)
    : QWidget(parent)
    , m_doctor(doctor)
    , m_summary(new QLabel(this))
    , m_recheck(new QPushButton(tr("Re-check"), this))
    , m_rows(new QVBoxLayout)
{
    auto* heading = new PageHeading(tr("Prerequisites"), QStringLiteral("prerequisitesHeading"), this);
    auto* intro
        = new QLabel(tr("Quayside builds your app with Docker, runs it on Minikube and installs it with Helm. "
                        "Each line below checks one piece; anything missing comes with the command that fixes it."),
                     this);
    intro->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("prerequisitesSummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_recheck->setObjectName(QStringLiteral("recheckButton"));
    m_recheck->setAccessibleName(tr("Re-check prerequisites"));
    // F5 is the window's View → Refresh, which re-checks on this page (a second F5 would be ambiguous).
    m_recheck->setToolTip(tr("Run every check again (F5)"));

    auto* header = new QHBoxLayout;
    header->addWidget(heading, 1);
    header->addWidget(m_recheck);

    auto* list = new QWidget;
    list->setObjectName(QStringLiteral("checkList"));
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(1);
    list->setLayout(m_rows);
    const QList<CheckResult> results = m_doctor->results();
    for (const CheckResult& result : results) {
        auto* row = new CheckRow(result, list);
        row->setBackgroundRole(m_rowWidgets.size() % 2 ? QPalette::AlternateBase : QPalette::Base);
        m_rowWidgets.append(row);
        m_rows->addWidget(row);
    }
    m_rows->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("checkScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setWidget(list);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addLayout(header);
    layout->addWidget(intro);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);

    connect(m_recheck, &QPushButton::clicked, this, &PrerequisitesPage::recheck);
    connect(m_doctor, &Doctor::resultChanged, this, &PrerequisitesPage::onResultChanged);
    connect(m_doctor, &Doctor::finished, this, &PrerequisitesPage::onFinished);
    connect(m_doctor, &Doctor::started, this, [this] {
        m_recheck->setEnabled(false);
        m_summary->setText(tr("Checking…"));
    });
}

CheckRow* PrerequisitesPage::row(const QString& id) const
{
    for (CheckRow* r : m_rowWidgets) {
        if (r->result().id == id)
            return r;
    }
    return nullptr;
}

void PrerequisitesPage::recheck()
{
    m_doctor->run();
}

void PrerequisitesPage::onResultChanged(int index, const CheckResult& result)
{
    if (index >= 0 && index < m_rowWidgets.size())
        m_rowWidgets[index]->setResult(result);
}

void PrerequisitesPage::onFinished(const DoctorReport& report)
{
    m_recheck->setEnabled(true);
    int failing = 0;
    int optionalMissing = 0;
    for (const CheckResult& r : report.checks) {
        if (r.required && !r.passed())
            ++failing;
        else if (!r.required && !r.passed())
            ++optionalMissing;
    }
    QString text;
    if (failing == 0)
        text = tr("<b>Ready.</b> Every required prerequisite is in place.");
    else if (failing == 1)
        text = tr("<b>1 required item needs attention.</b> Run the fix shown under it, then Re-check.");
    else
        text = tr("<b>%1 required items need attention.</b> Run the fix shown under each, then Re-check.").arg(failing);
    if (optionalMissing == 1)
        text += tr(" 1 optional AI tool is not installed.");
    else if (optionalMissing > 1)
        text += tr(" %1 optional AI tools are not installed.").arg(optionalMissing);
    m_summary->setText(text);
}

} // namespace quayside::ui
