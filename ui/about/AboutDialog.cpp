#include "about/AboutDialog.h"

#include "help/HelpLinks.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace quayside::ui {

AboutDialog::AboutDialog(const DoctorReport& report, QWidget* parent)
    : QDialog(parent)
    , m_versions(new QLabel(this))
    , m_tools(new QLabel(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Quayside"));
    setMinimumWidth(420);
    auto* title = new QLabel(tr("<h2>Quayside</h2>From source to a running app on Minikube."), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    m_versions->setObjectName(QStringLiteral("aboutVersions"));
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString version = QCoreApplication::applicationVersion().isEmpty() ? QStringLiteral(QUAYSIDE_VERSION)
                                                                             : QCoreApplication::applicationVersion();
    m_versions->setText(
        tr("Quayside %1<br>Qt %2 (built with Qt %3)")
            .arg(version.toHtmlEscaped(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    m_tools->setObjectName(QStringLiteral("aboutTools"));
    m_tools->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* links = new QLabel(tr("Source code, license and issues: <a href=\"%1\">%1</a>")
                                 .arg(HelpLinks::projectUrl().toString().toHtmlEscaped()),
                             this);
    links->setObjectName(QStringLiteral("aboutLinks"));
    links->setOpenExternalLinks(true);
    links->setWordWrap(true);
    links->setAccessibleName(tr("License and links"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setDefault(true);
    close->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_versions);
    layout->addWidget(m_tools);
    layout->addWidget(links);
    layout->addWidget(buttons);
    setReport(report);
}

QStringList AboutDialog::toolIds()
{
    return { QStringLiteral("docker"),  QStringLiteral("minikube"),   QStringLiteral("helm"),
             QStringLiteral("kubectl"), QStringLiteral("kubectl-ai"), QStringLiteral("kagent"),
             QStringLiteral("gordon") };
}

void AboutDialog::setReport(const DoctorReport& report)
{
    QString rows;
    for (const QString& id : toolIds()) {
        QString value = tr("not checked yet");
        for (const CheckResult& check : report.checks) {
            if (check.id != id)
                continue;
            if (!check.version.isEmpty())
                value = check.version;
            else if (check.status == CheckStatus::Pending)
                value = tr("checking…");
            else if (check.status == CheckStatus::Missing)
                value = tr("not found");
            else if (check.status == CheckStatus::Error)
                value = tr("error (see Prerequisites)");
            else
                value = toString(check.status);
        }
        rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;%2</td></tr>").arg(id, value.toHtmlEscaped());
    }
    m_tools->setText(tr("<b>Tools found by the prerequisites check</b><table>%1</table>").arg(rows));
}

QString AboutDialog::versionsText() const
{
    return m_versions->text() + QLatin1Char('\n') + m_tools->text();
}

} // namespace quayside::ui
