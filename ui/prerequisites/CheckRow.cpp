#include "prerequisites/CheckRow.h"

#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
StatusBadge::Kind badgeKind(const CheckResult& r)
{
    switch (r.status) {
    case CheckStatus::Pending:
        return StatusBadge::Kind::Pending;
    case CheckStatus::Ok:
        return r.warning ? StatusBadge::Kind::Warning : StatusBadge::Kind::Ok;
    case CheckStatus::Skipped:
        return StatusBadge::Kind::Skipped;
    default:
        return r.required ? StatusBadge::Kind::Failed : StatusBadge::Kind::Warning;
    }
}
} // namespace

CheckRow::CheckRow(const CheckResult& result, QWidget* parent)
    : QFrame(parent)
    , m_badge(new StatusBadge(this))
    , m_title(new QLabel(this))
    , m_version(new QLabel(this))
    , m_message(new QLabel(this))
    , m_fixBox(new QWidget(this))
    , m_fix(new QLineEdit(m_fixBox))
    , m_copy(new QPushButton(tr("Copy"), m_fixBox))
    , m_docs(new QLabel(this))
{
    const QString id = result.id;
    setObjectName(QStringLiteral("checkRow_") + id);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    m_badge->setObjectName(QStringLiteral("checkBadge_") + id);
    m_title->setObjectName(QStringLiteral("checkTitle_") + id);
    m_version->setObjectName(QStringLiteral("checkVersion_") + id);
    m_message->setObjectName(QStringLiteral("checkMessage_") + id);
    m_fix->setObjectName(QStringLiteral("checkFix_") + id);
    m_copy->setObjectName(QStringLiteral("checkCopyFix_") + id);
    m_docs->setObjectName(QStringLiteral("checkDocs_") + id);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_version->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix->setReadOnly(true);
    m_fix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fix->setAccessibleName(tr("Fix command for %1").arg(result.title));
    m_copy->setAccessibleName(tr("Copy the fix command for %1").arg(result.title));
    m_copy->setToolTip(tr("Copy the command to the clipboard"));
    m_docs->setOpenExternalLinks(true);
    m_docs->setTextFormat(Qt::RichText);

    auto* fixLayout = new QHBoxLayout(m_fixBox);
    fixLayout->setContentsMargins(0, 2, 0, 0);
    fixLayout->addWidget(m_fix, 1);
    fixLayout->addWidget(m_copy);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_version);
    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addLayout(top);
    text->addWidget(m_message);
    text->addWidget(m_fixBox);
    text->addWidget(m_docs);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(m_badge, 0, Qt::AlignTop);
    layout->addSpacing(6);
    layout->addLayout(text, 1);

    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_fix->text());
        m_copy->setText(tr("Copied"));
        Q_EMIT fixCopied(m_fix->text());
    });
    setResult(result);
}

void CheckRow::setResult(const CheckResult& result)
{
    m_result = result;
    m_badge->setKind(badgeKind(result));
    m_badge->setAccessibleName(tr("%1: %2").arg(result.title, toString(result.status)));
    m_title->setText(result.title);
    QString version = result.version;
    if (!result.minimum.isEmpty() && result.status != CheckStatus::Ok)
        version
            = version.isEmpty() ? tr("needs %1").arg(result.minimum) : tr("%1 (needs %2)").arg(version, result.minimum);
    m_version->setText(version);
    m_message->setText(result.status == CheckStatus::Pending ? tr("Checking…") : result.message);
    const bool showFix = !result.fix.isEmpty() && (result.status != CheckStatus::Ok || result.warning);
    m_fix->setText(result.fix);
    m_fix->setCursorPosition(0);
    m_copy->setText(tr("Copy"));
    m_fixBox->setVisible(showFix);
    m_docs->setVisible(showFix && !result.docsUrl.isEmpty());
    m_docs->setText(tr("<a href=\"%1\">Install guide</a>").arg(result.docsUrl.toHtmlEscaped()));
    setToolTip(result.message);
}

} // namespace quayside::ui
