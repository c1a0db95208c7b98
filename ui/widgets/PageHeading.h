#pragma once

#include <QLabel>

namespace quayside::ui {

// The title at the top of every page, one size and weight everywhere so the pages read as one app.
class PageHeading : public QLabel
{
    Q_OBJECT
public:
    PageHeading(const QString& text, const QString& objectName, QWidget* parent = nullptr);
};

} // namespace quayside::ui
