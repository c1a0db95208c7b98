#include "dashboard/LogView.h"

#include "dashboard/LogLineDelegate.h"
#include "kube/KubeClient.h"
#include "kube/LogFollower.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
constexpr int kFlushIntervalMs = 100;

// "Only matching lines": the needle is matched against the text and the pod/container.
class LogFilterModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setNeedle(const QString& needle)
    {
        if (needle == m_needle)
            return;
        m_needle = needle;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex&) const override
    {
        if (m_needle.isEmpty())
            return true;
        const auto* model = static_cast<const LogModel*>(sourceModel());
        const LogModel::Entry& e = model->entry(row);
        return e.text.contains(m_needle, Qt::CaseInsensitive) || e.source.contains(m_needle, Qt::CaseInsensitive);
    }

private:
    QString m_needle;
};

QToolButton* toolButton(const QString& text, const QString& objectName, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(objectName);
    b->setAccessibleName(tip);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

QCheckBox* checkBox(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* c = new QCheckBox(text, parent);
    c->setObjectName(objectName);
    c->setAccessibleName(text);
    return c;
}
} // namespace

LogView::LogView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LogModel(this))
    , m_filter(new LogFilterModel(this))
    , m_delegate(new LogLineDelegate(this))
    , m_target(new QLabel(tr("No log selected: pick a pod or a deployment."), this))
    , m_followBox(checkBox(tr("Follow"), QStringLiteral("logFollow"), this))
    , m_pause(toolButton(tr("Pause"), QStringLiteral("logPause"), tr("Pause showing new lines (they are kept)"), this))
    , m_timestamps(checkBox(tr("Timestamps"), QStringLiteral("logTimestamps"), this))
    , m_previous(checkBox(tr("Previous"), QStringLiteral("logPrevious"), this))
    , m_search(new QLineEdit(this))
    , m_prev(toolButton(tr("◀"), QStringLiteral("logFindPrevious"), tr("Previous match (Shift+F3)"), this))
    , m_next(toolButton(tr("▶"), QStringLiteral("logFindNext"), tr("Next match (F3)"), this))
    , m_onlyMatching(checkBox(tr("Only matching"), QStringLiteral("logOnlyMatching"), this))
    , m_wrap(checkBox(tr("Wrap"), QStringLiteral("logWrap"), this))
    , m_clear(toolButton(tr("Clear"), QStringLiteral("logClear"), tr("Clear the view"), this))
    , m_save(toolButton(tr("Save…"), QStringLiteral("logSave"), tr("Save the kept lines to a file"), this))
    , m_status(new QLabel(this))
    , m_list(new QListView(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setDynamicSortFilter(false);
    m_target->setObjectName(QStringLiteral("logTarget"));
    m_followBox->setChecked(true);
    m_followBox->setToolTip(tr("Keep streaming new lines (kubectl logs -f)"));
    m_timestamps->setToolTip(tr("Prefix each line with the time the container wrote it"));
    m_previous->setToolTip(tr("Show the previous, crashed instance of the container"));
    m_pause->setCheckable(true);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(260);
    m_status->setObjectName(QStringLiteral("logStatus"));

    m_list->setObjectName(QStringLiteral("logLines"));
    m_list->setAccessibleName(tr("Log lines"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(m_delegate);
    // One height for every row: the view lays out nothing but what is on screen.
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copy = new QAction(tr("Copy"), m_list);
    copy->setObjectName(QStringLiteral("logCopy"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &LogView::copySelection);
    m_list->addAction(copy);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_target, 1);
    for (QWidget* w : std::initializer_list<QWidget*> { m_followBox, m_pause, m_timestamps, m_previous, m_search,
                                                        m_prev, m_next, m_onlyMatching, m_wrap, m_clear, m_save })
        bar->addWidget(w);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);

    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogView::flushPending);
    connect(m_pause, &QToolButton::toggled, this, &LogView::setPaused);
    connect(m_clear, &QToolButton::clicked, this, &LogView::clear);
    connect(m_followBox, &QCheckBox::toggled, this, &LogView::restartFollower);
    connect(m_timestamps, &QCheckBox::toggled, this, &LogView::restartFollower);
    connect(m_previous, &QCheckBox::toggled, this, &LogView::restartFollower);
    connect(m_wrap, &QCheckBox::toggled, this, [this](bool on) {
        // Wrapped lines differ in height: the view must ask for each one (slower, so only on demand).
        m_delegate->setWrap(on);
        m_list->setUniformItemSizes(!on);
        m_list->setWordWrap(on);
        m_list->setHorizontalScrollBarPolicy(on ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
        m_list->doItemsLayout();
    });
    connect(m_search, &QLineEdit::textChanged, this, &LogView::searchChanged);
    connect(m_search, &QLineEdit::returnPressed, this, &LogView::findNext);
    connect(m_onlyMatching, &QCheckBox::toggled, this, &LogView::searchChanged);
    connect(m_next, &QToolButton::clicked, this, &LogView::findNext);
    connect(m_prev, &QToolButton::clicked, this, &LogView::findPrevious);
    connect(m_save, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save log"), targetText().replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".log"));
        QString error;
        if (!path.isEmpty() && !saveTo(path, &error))
            m_lastError = error;
        updateStatus();
    });
    auto* find = new QShortcut(QKeySequence::Find, this, this, &LogView::focusSearch);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    new QShortcut(QKeySequence::FindNext, this, this, &LogView::findNext, Qt::WidgetWithChildrenShortcut);
    new QShortcut(QKeySequence::FindPrevious, this, this, &LogView::findPrevious, Qt::WidgetWithChildrenShortcut);
    updateStatus();
}

LogView::~LogView()
{
    stop();
}

void LogView::follow(kube::KubeClient* client, const QString& nameSpace, const QString& pod, const QString& deployment,
                     const QString& container)
{
    m_client = client;
    m_nameSpace = nameSpace;
    m_pod = pod;
    m_deployment = deployment;
    m_container = container;
    m_target->setText(targetText());
    clear();
    restartFollower();
}

QString LogView::targetText() const
{
    if (!m_deployment.isEmpty())
        return QStringLiteral("deploy/") + m_deployment;
    if (m_pod.isEmpty())
        return {};
    return m_container.isEmpty() ? m_pod : QString(m_pod + QLatin1Char('/') + m_container);
}

void LogView::stop()
{
    if (m_follower) {
        m_follower->disconnect(this);
        m_follower->stop();
        m_follower->deleteLater();
        m_follower = nullptr;
    }
}

void LogView::reset()
{
    stop();
    m_client = nullptr;
    m_pod.clear();
    m_deployment.clear();
    m_container.clear();
    m_target->setText(tr("No log selected: pick a pod or a deployment."));
    clear();
}

void LogView::restartFollower()
{
    stop();
    if (!m_client || (m_pod.isEmpty() && m_deployment.isEmpty()))
        return;
    kube::LogOptions options;
    options.container = m_container;
    options.follow = m_followBox->isChecked();
    options.timestamps = m_timestamps->isChecked();
    options.previous = m_previous->isChecked();
    // Start near the end: the model keeps N lines anyway, and a long-lived pod's whole log is slow.
    options.tailLines = std::min(m_model->capacity(), 2000);
    kube::LogFollower::Target target;
    target.pod = m_pod;
    target.deployment = m_deployment;
    m_lastError.clear();
    m_follower = new kube::LogFollower(m_client, m_nameSpace, target, options, this);
    connect(m_follower, &kube::LogFollower::readyRead, this, &LogView::onReadyRead);
    connect(m_follower, &kube::LogFollower::warning, this, [this](const QString& message) {
        m_lastError = message;
        updateStatus();
    });
    connect(m_follower, &kube::LogFollower::finished, this, [this] {
        onReadyRead();
        if (m_follower && !m_follower->error().message().isEmpty())
            m_lastError = m_follower->error().message();
        updateStatus();
    });
    m_follower->start();
}

void LogView::onReadyRead()
{
    if (m_follower)
        appendLines(m_follower->read()); // drain: the follower's queue is bounded, so is ours
}

void LogView::appendLines(const QList<kube::LogLine>& lines)
{
    const bool multi = !m_deployment.isEmpty();
    for (const kube::LogLine& line : lines)
        m_pending.append({ multi ? QString(line.pod + QLatin1Char('/') + line.container) : QString(),
                           QString::fromUtf8(line.text) });
    // Never hold more waiting lines than the model could keep.
    if (m_pending.size() > m_model->capacity()) {
        const qsizetype excess = m_pending.size() - m_model->capacity();
        m_pending.remove(0, excess);
        m_pendingDropped += excess;
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogView::flushPending()
{
    m_flushTimer.stop();
    if (m_paused || m_pending.isEmpty()) {
        updateStatus();
        return;
    }
    QScrollBar* scroll = m_list->verticalScrollBar();
    // Follow only while the user is at the bottom: scrolling up to read must not be undone.
    const bool atBottom = scroll->value() >= scroll->maximum() - 1;
    QList<LogModel::Entry> batch;
    batch.swap(m_pending);
    m_model->append(std::move(batch));
    if (atBottom)
        m_list->scrollToBottom();
    updateStatus();
}

void LogView::searchChanged()
{
    const QString needle = m_search->text();
    m_delegate->setHighlight(needle);
    static_cast<LogFilterModel*>(m_filter)->setNeedle(m_onlyMatching->isChecked() ? needle : QString());
    m_list->viewport()->update();
    updateStatus();
}

QStringList LogView::visibleLines() const
{
    QStringList lines;
    for (int row = 0; row < m_filter->rowCount(); ++row)
        lines << m_filter->index(row, 0).data().toString();
    return lines;
}

int LogView::currentMatchRow() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? m_filter->mapToSource(current).row() : -1;
}

void LogView::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused)
        flushPending(); // everything that arrived meanwhile, within the capacity
    updateStatus();
}

void LogView::clear()
{
    m_pending.clear();
    m_pendingDropped = 0;
    m_model->clear();
    updateStatus();
}

void LogView::setCapacity(int lines)
{
    m_model->setCapacity(lines);
    updateStatus();
}

void LogView::copySelection() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex& index : std::as_const(rows))
        lines << index.data().toString();
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void LogView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void LogView::findNext()
{
    find(false);
}

void LogView::findPrevious()
{
    find(true);
}

void LogView::find(bool backwards)
{
    const QString needle = m_search->text();
    const int rows = m_filter->rowCount();
    if (needle.isEmpty() || rows == 0)
        return;
    const QModelIndex current = m_list->currentIndex();
    const int start = current.isValid() ? current.row() : (backwards ? rows : -1);
    // Wraps around, as every editor does.
    for (int step = 1; step <= rows; ++step) {
        const int row = ((start + (backwards ? -step : step)) % rows + rows) % rows;
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data().toString().contains(needle, Qt::CaseInsensitive)) {
            m_list->setCurrentIndex(index);
            m_list->scrollTo(index, QAbstractItemView::PositionAtCenter);
            return;
        }
    }
}

void LogView::updateStatus()
{
    QStringList parts;
    parts << tr("%1 lines").arg(QLocale().toString(m_model->size()));
    const qint64 dropped = m_model->droppedTotal() + m_pendingDropped;
    if (dropped > 0)
        parts << tr("⚠ %1 older lines dropped (keeping the last %2)")
                     .arg(QLocale().toString(dropped), QLocale().toString(m_model->capacity()));
    if (m_paused)
        parts << tr("paused: %1 new lines waiting").arg(QLocale().toString(m_pending.size()));
    if (!m_search->text().isEmpty() && m_onlyMatching->isChecked())
        parts << tr("%1 matching").arg(QLocale().toString(m_filter->rowCount()));
    if (!m_lastError.isEmpty())
        parts << m_lastError;
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

bool LogView::saveTo(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot save to %1: %2").arg(path, file.errorString());
        return false;
    }
    for (int i = 0; i < m_model->size(); ++i) {
        const LogModel::Entry& e = m_model->entry(i);
        if (!e.source.isEmpty())
            file.write(QByteArray('[' + e.source.toUtf8() + "] "));
        file.write(e.text.toUtf8());
        file.write("\n");
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot save to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace quayside::ui
