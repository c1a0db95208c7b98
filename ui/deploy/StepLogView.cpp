#include "deploy/StepLogView.h"

#include <QFontDatabase>
#include <QScrollBar>

namespace quayside::ui {

StepLogView::StepLogView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setUndoRedoEnabled(false);
    m_timer.setInterval(50);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StepLogView::flush);
}

void StepLogView::appendLine(const QString& line)
{
    m_pending << line;
    // Far more queued than the view keeps: drop what would be scrolled out anyway.
    if (m_pending.size() > kMaxLines)
        m_pending = m_pending.mid(m_pending.size() - kMaxLines);
    if (!m_timer.isActive())
        m_timer.start();
}

void StepLogView::setLines(const QStringList& lines)
{
    clearLog();
    m_pending = lines;
    flush();
}

void StepLogView::clearLog()
{
    m_pending.clear();
    m_timer.stop();
    clear();
}

void StepLogView::flush()
{
    if (m_pending.isEmpty())
        return;
    QScrollBar* bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    const int keep = bar->value();
    appendPlainText(m_pending.join(QLatin1Char('\n')));
    m_pending.clear();
    if (atBottom)
        bar->setValue(bar->maximum());
    else
        bar->setValue(keep);
}

} // namespace quayside::ui
