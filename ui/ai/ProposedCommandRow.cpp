#include "ai/ProposedCommandRow.h"

#include "core/Redactor.h"
#include "widgets/StatusBadge.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QVBoxLayout>

namespace quayside::ui {

ProposedCommandRow::ProposedCommandRow(const ai::ProposedCommand& command, int index, QWidget* parent)
    : QFrame(parent)
    , m_command(command)
    , m_run(new QPushButton(tr("Run…"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_refusal(new QLabel(this))
{
    setObjectName(QStringLiteral("proposedCommand_%1").arg(index));
    setFrameShape(QFrame::NoFrame);
    // As tall as its text, the list's stretch takes the rest.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    // The answer is already redacted by AskJob; once more here, since this text is shown and copied.
    m_command.text = Redactor::instance().redact(m_command.text);

    m_text = new QLabel(m_command.text, this);
    QLabel* text = m_text;
    text->setObjectName(QStringLiteral("proposedCommandText_%1").arg(index));
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    // Says at a glance which commands would change something: those are the ones to read twice.
    m_kind = new QLabel(this);
    QLabel* kind = m_kind;
    kind->setObjectName(QStringLiteral("proposedCommandKind_%1").arg(index));
    const QColor color = StatusBadge::color(m_command.changes ? StatusBadge::Kind::Warning : StatusBadge::Kind::Ok);
    kind->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                      .arg(color.name(), m_command.changes ? tr("changes the cluster") : tr("read-only")));
    kind->setTextFormat(Qt::RichText);

    m_run->setObjectName(QStringLiteral("proposedCommandRun_%1").arg(index));
    m_run->setAccessibleName(tr("Run %1").arg(m_command.text));
    m_copy->setObjectName(QStringLiteral("proposedCommandCopy_%1").arg(index));
    m_copy->setAccessibleName(tr("Copy %1").arg(m_command.text));
    m_copy->setToolTip(tr("Copy the command as the answer wrote it"));

    m_refusal->setObjectName(QStringLiteral("proposedCommandRefusal_%1").arg(index));
    m_refusal->setTextFormat(Qt::PlainText);
    m_refusal->setWordWrap(true);
    m_refusal->setForegroundRole(QPalette::PlaceholderText);
    m_refusal->setText(m_command.refusal);
    m_refusal->setVisible(!m_command.canRun());
    m_refusal->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    if (m_command.canRun()) {
        m_run->setToolTip(
            tr("Shows the exact command, with Quayside's kubeconfig, context and namespace, before it runs"));
    } else {
        m_run->setEnabled(false);
        m_run->setToolTip(m_command.refusal);
    }

    // The command on a line of its own, as wide as the list: a long one wraps instead of being cut off.
    auto* controls = new QHBoxLayout;
    controls->setSpacing(8); // kSpacing in resizeEvent()
    controls->addWidget(kind);
    controls->addWidget(m_refusal, 1);
    if (m_command.canRun())
        controls->addStretch(1);
    controls->addWidget(m_run);
    controls->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addWidget(text);
    layout->addLayout(controls);

    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(m_command); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_command.text); });
}

void ProposedCommandRow::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    // A word-wrapped label in a scroll area's list gets a height from its size hint, not from the
    // width it has: too short for a long command, too tall for a short one.
    // So both labels are given the exact height their text needs at the width they are about to get
    // (computed from the row's: they may not be laid out yet).
    const QMargins margins = layout()->contentsMargins();
    const int width = contentsRect().width() - margins.left() - margins.right();
    if (width <= 0)
        return;
    m_text->setFixedHeight(m_text->heightForWidth(width));
    if (m_refusal->isVisibleTo(this)) {
        constexpr int kSpacing = 8;
        const int refusalWidth = width - m_kind->sizeHint().width() - m_run->sizeHint().width()
            - m_copy->sizeHint().width() - 3 * kSpacing;
        if (refusalWidth > 0)
            m_refusal->setFixedHeight(m_refusal->heightForWidth(refusalWidth));
    }
}

void ProposedCommandRow::setRunAllowed(bool allowed)
{
    m_run->setEnabled(allowed && m_command.canRun());
}

} // namespace quayside::ui
