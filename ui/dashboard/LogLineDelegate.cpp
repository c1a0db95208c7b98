#include "dashboard/LogLineDelegate.h"

#include "Theme.h"
#include "dashboard/LogModel.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QTextLayout>

namespace quayside::ui {

void LogLineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, option.palette.highlight());
    const QString source = index.data(LogModel::SourceRole).toString();
    const QString text = index.data(LogModel::TextRole).toString();
    QRect r = option.rect.adjusted(4, 0, -4, 0);
    QFont bold = option.font;
    bold.setBold(true);

    int x = r.left();
    if (!source.isEmpty()) {
        const QString prefix = QLatin1Char('[') + source + QStringLiteral("] ");
        painter->setFont(bold);
        painter->setPen(selected ? option.palette.highlightedText().color()
                                 : index.data(LogModel::SourceColorRole).value<QColor>());
        painter->drawText(QRect(x, r.top(), r.width(), r.height()), Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine,
                          prefix);
        x += QFontMetrics(bold).horizontalAdvance(prefix);
    }
    painter->setFont(option.font);
    const QFontMetrics fm(option.font);
    const QRect textRect(x, r.top(), r.right() - x, r.height());
    // Search hits: a highlighter box behind each occurrence (single-line layout only; wrapped lines get
    // the box on the first visual line, which is where the match starts in the common case).
    if (!m_needle.isEmpty() && !m_wrap) {
        qsizetype from = 0;
        while ((from = text.indexOf(m_needle, from, Qt::CaseInsensitive)) >= 0) {
            const int left = x + fm.horizontalAdvance(text.left(from));
            const int width = fm.horizontalAdvance(text.mid(from, m_needle.size()));
            painter->fillRect(QRect(left, r.top(), width, fm.height()), Theme::color(Theme::Role::SearchHit));
            from += m_needle.size();
            if (left > r.right())
                break;
        }
    }
    painter->setPen(selected ? option.palette.highlightedText().color() : option.palette.text().color());
    const int flags = Qt::AlignLeft | Qt::AlignTop | (m_wrap ? Qt::TextWrapAnywhere : Qt::TextSingleLine);
    painter->drawText(textRect, flags, text);
    painter->restore();
}

QSize LogLineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QFontMetrics fm(option.font);
    if (!m_wrap)
        return { fm.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 8, fm.height() + 1 };
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const int width = std::max(100, (view ? view->viewport()->width() : 800) - 8);
    QFont bold = option.font;
    bold.setBold(true);
    const QString source = index.data(LogModel::SourceRole).toString();
    const int prefix
        = source.isEmpty() ? 0 : QFontMetrics(bold).horizontalAdvance(QLatin1Char('[') + source + QStringLiteral("] "));
    const QRect bounds = fm.boundingRect(QRect(0, 0, std::max(50, width - prefix), 100000), Qt::TextWrapAnywhere,
                                         index.data(LogModel::TextRole).toString());
    return { width, std::max(fm.height(), bounds.height()) + 1 };
}

} // namespace quayside::ui
