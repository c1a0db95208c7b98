#include "deploy/ImageProgressRow.h"

#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QResizeEvent>

namespace quayside::ui {

ImageProgressRow::ImageProgressRow(const QString& image, QWidget* parent)
    : QWidget(parent)
    , m_name(new QLabel(image, this))
    , m_bar(new QProgressBar(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("imageProgress_") + image);
    m_bar->setObjectName(QStringLiteral("imageProgressBar_") + image);
    m_text->setObjectName(QStringLiteral("imageProgressText_") + image);
    m_bar->setAccessibleName(tr("Build progress of %1").arg(image));
    m_name->setMinimumWidth(64);
    m_bar->setTextVisible(true);
    m_bar->setFixedHeight(16);
    m_bar->setMinimumWidth(120);
    Theme::bindPalette(m_text, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    m_text->setMinimumWidth(40);
    // The text is elided to whatever room the row has; it never widens the steps column.
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(32, 0, 4, 0);
    layout->setSpacing(8);
    layout->addWidget(m_name);
    layout->addWidget(m_bar, 2);
    layout->addWidget(m_text, 3);
    reset();
}

void ImageProgressRow::reset()
{
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setFormat(QStringLiteral("waiting"));
    m_fullText.clear();
    m_text->clear();
    m_text->setToolTip({});
}

void ImageProgressRow::setProgress(int current, int total, const QString& text)
{
    if (total <= 0) {
        // Not known yet (hashing, asking docker): a busy bar.
        m_bar->setRange(0, 0);
        m_bar->setFormat(QString());
    } else {
        // The position in words is in the text next to the bar ("step 5/7 of stage 2/3: COPY . .").
        m_bar->setRange(0, total);
        m_bar->setValue(std::min(current, total));
        m_bar->setFormat(QStringLiteral("%p%"));
    }
    m_fullText = text;
    m_text->setToolTip(text);
    elide();
}

void ImageProgressRow::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    elide();
}

void ImageProgressRow::elide()
{
    m_text->setText(m_text->fontMetrics().elidedText(m_fullText, Qt::ElideRight, std::max(40, m_text->width())));
}

int ImageProgressRow::value() const
{
    return m_bar->value();
}

int ImageProgressRow::maximum() const
{
    return m_bar->maximum();
}

QString ImageProgressRow::text() const
{
    return m_fullText;
}

} // namespace quayside::ui
