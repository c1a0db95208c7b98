#include "widgets/PageHeading.h"

namespace quayside::ui {

PageHeading::PageHeading(const QString& text, const QString& objectName, QWidget* parent)
    : QLabel(text, parent)
{
    setObjectName(objectName);
    setAccessibleName(text);
    QFont headingFont = font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setBold(true);
    setFont(headingFont);
}

} // namespace quayside::ui
