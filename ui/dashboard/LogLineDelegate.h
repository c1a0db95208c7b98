#pragma once

#include <QStyledItemDelegate>

namespace quayside::ui {

// Paints one log line: the [pod/container] prefix bold in its colour, the text in the fixed font, and
// every occurrence of the search term highlighted. Only visible rows are ever painted.
class LogLineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setHighlight(const QString& needle) { m_needle = needle; }
    void setWrap(bool wrap) { m_wrap = wrap; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QString m_needle;
    bool m_wrap = false;
};

} // namespace quayside::ui
