#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace quayside::ui {

// One image's build: its name, a progress bar driven by the build's "step n of m", and what it is
// doing ("RUN npm ci", "up to date", "failed").
class ImageProgressRow : public QWidget
{
    Q_OBJECT
public:
    ImageProgressRow(const QString& image, QWidget* parent = nullptr);

    void setProgress(int current, int total, const QString& text);
    void reset();
    int value() const;
    int maximum() const;
    QString text() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_fullText;
    QLabel* m_name;
    QProgressBar* m_bar;
    QLabel* m_text;
};

} // namespace quayside::ui
