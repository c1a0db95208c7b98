#include "deploy/StepRow.h"

#include "Theme.h"
#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
StatusBadge::Kind badgeKind(StepState state)
{
    switch (state) {
    case StepState::Running:
        return StatusBadge::Kind::Running;
    case StepState::Done:
        return StatusBadge::Kind::Ok;
    case StepState::Failed:
        return StatusBadge::Kind::Failed;
    case StepState::Cancelled:
        return StatusBadge::Kind::Warning;
    case StepState::Skipped:
        return StatusBadge::Kind::Skipped;
    case StepState::Pending:
        break;
    }
    return StatusBadge::Kind::Pending;
}
} // namespace

StepRow::StepRow(const QString& id, const QString& title, QWidget* parent)
    : QFrame(parent)
    , m_badge(new StatusBadge(this))
    , m_title(new QLabel(title, this))
    , m_elapsed(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("stepRow_") + id);
    m_badge->setObjectName(QStringLiteral("stepBadge_") + id);
    m_message->setObjectName(QStringLiteral("stepMessage_") + id);
    m_elapsed->setObjectName(QStringLiteral("stepElapsed_") + id);
    setAccessibleName(tr("Step %1").arg(title));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.08);
    m_title->setFont(bold);
    m_elapsed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    Theme::bindPalette(m_elapsed, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    m_message->setWordWrap(true);
    Theme::bindPalette(m_message, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    connect(Theme::instance(), &Theme::changed, this, &StepRow::updateLook);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_badge);
    top->addWidget(m_title, 1);
    top->addWidget(m_elapsed);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(2);
    layout->addLayout(top);
    auto* messageRow = new QHBoxLayout;
    messageRow->setContentsMargins(30, 0, 0, 0);
    messageRow->addWidget(m_message);
    layout->addLayout(messageRow);
    setAutoFillBackground(true);
    updateLook();
}

QString StepRow::formatElapsed(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60'000)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1:%2").arg(ms / 60'000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
}

void StepRow::setState(StepState state)
{
    m_state = state;
    m_badge->setKind(badgeKind(state));
    updateLook();
}

void StepRow::setMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void StepRow::setElapsed(qint64 ms)
{
    m_elapsed->setText(ms > 0 ? formatElapsed(ms) : QString());
}

void StepRow::setSelected(bool selected)
{
    m_selected = selected;
    updateLook();
}

StepState StepRow::state() const
{
    return m_state;
}

QString StepRow::message() const
{
    return m_message->text();
}

QString StepRow::elapsedText() const
{
    return m_elapsed->text();
}

void StepRow::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QFrame::mousePressEvent(event);
}

void StepRow::updateLook()
{
    QPalette pal = palette();
    QColor background = QApplication::palette().color(QPalette::Base);
    QColor text = QApplication::palette().color(QPalette::WindowText);
    if (m_selected) {
        background = Theme::color(Theme::Role::InfoBanner);
        text = Theme::color(Theme::Role::InfoBannerText);
    } else if (state() == StepState::Failed) {
        background = Theme::color(Theme::Role::ErrorBanner);
        text = Theme::color(Theme::Role::ErrorBannerText);
    }
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, text);
    setPalette(pal);
    m_title->setStyleSheet(state() == StepState::Pending
                               ? Theme::styleSheet(QStringLiteral("color: %1;"), { Theme::Role::Muted })
                               : QString());
}

} // namespace quayside::ui
