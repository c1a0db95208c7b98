#include "deploy/ReleaseHistoryPanel.h"

#include "Theme.h"
#include "pipeline/HelmOperations.h"
#include "widgets/MessageBox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quayside::ui {

ReleaseHistoryPanel::ReleaseHistoryPanel(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 4, this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_rollback(new QPushButton(tr("Roll back to selected"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("releaseHistory"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_refresh->setObjectName(QStringLiteral("historyRefreshButton"));
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_table->setAccessibleName(tr("Release history"));
    m_table->setHorizontalHeaderLabels({ tr("Revision"), tr("Updated"), tr("Status"), tr("Description") });
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    Theme::bindPalette(m_status, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    auto* title = new QLabel(tr("Release history"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto* top = new QHBoxLayout;
    top->addWidget(title);
    top->addWidget(m_status, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_rollback);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table);
    connect(m_refresh, &QPushButton::clicked, this, &ReleaseHistoryPanel::refresh);
    connect(m_rollback, &QPushButton::clicked, this, &ReleaseHistoryPanel::rollback);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReleaseHistoryPanel::updateButtons);
    updateButtons();
    hide();
}

void ReleaseHistoryPanel::setOperations(HelmOperations* operations)
{
    if (m_operations)
        m_operations->disconnect(this);
    m_operations = operations;
    if (m_operations) {
        connect(m_operations, &HelmOperations::historyReady, this,
                [this](const QList<HelmHistory::Revision>& history, const QString& error) {
                    if (!error.isEmpty())
                        m_status->setText(error);
                    setHistory(history);
                });
        connect(m_operations, &HelmOperations::outputLine, this, &ReleaseHistoryPanel::outputLine);
        connect(m_operations, &HelmOperations::rollbackFinished, this, [this](bool ok, const QString& message) {
            m_status->setText(message);
            if (ok)
                Q_EMIT rolledBack(selectedRevision());
            refresh();
        });
    }
    updateButtons();
}

void ReleaseHistoryPanel::setHistory(const QList<HelmHistory::Revision>& history)
{
    m_history = history;
    m_table->setRowCount(0);
    // Newest first, as a user reads a history.
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* revision = new QTableWidgetItem(QString::number(it->revision));
        revision->setData(Qt::UserRole, it->revision);
        m_table->setItem(row, 0, revision);
        m_table->setItem(row, 1,
                         new QTableWidgetItem(it->updated.isValid() ? it->updated.toLocalTime().toString(
                                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                                                    : it->updatedText));
        auto* status = new QTableWidgetItem(it->status);
        if (it->status == QLatin1String("deployed"))
            status->setForeground(Theme::color(Theme::Role::Ok));
        else if (it->status == QLatin1String("failed"))
            status->setForeground(Theme::color(Theme::Role::Error));
        m_table->setItem(row, 2, status);
        m_table->setItem(row, 3, new QTableWidgetItem(it->description));
    }
    // Nothing to show before the first install: the panel stays out of the way.
    setVisible(!history.isEmpty());
    if (history.isEmpty() && m_status->text().isEmpty())
        m_status->setText(tr("no release yet"));
    else if (!history.isEmpty())
        m_status->setText(tr("%n revision(s)", nullptr, static_cast<int>(history.size())));
    updateButtons();
}

int ReleaseHistoryPanel::selectedRevision() const
{
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    for (QTableWidgetItem* item : items) {
        if (item->column() == 0)
            return item->data(Qt::UserRole).toInt();
    }
    return 0;
}

void ReleaseHistoryPanel::refresh()
{
    if (m_operations && !m_operations->isBusy())
        m_operations->fetchHistory();
}

void ReleaseHistoryPanel::rollback()
{
    const int revision = selectedRevision();
    if (!m_operations || revision <= 0)
        return;
    MessageBox::confirm(this, tr("Roll back"),
                        tr("Roll the release back to revision %1? Helm installs that revision's manifests again "
                           "and waits for the pods.")
                            .arg(revision),
                        tr("Roll back"), [this, revision](bool accepted) {
                            if (!accepted || !m_operations)
                                return;
                            m_status->setText(tr("rolling back to revision %1…").arg(revision));
                            m_operations->rollback(revision);
                            updateButtons();
                        });
}

void ReleaseHistoryPanel::updateButtons()
{
    const bool busy = m_operations && m_operations->isBusy();
    m_refresh->setEnabled(m_operations && !busy);
    const int revision = selectedRevision();
    const bool current = HelmHistory::deployedRevision(m_history) == revision;
    m_rollback->setEnabled(m_operations && !busy && revision > 0 && !current);
}

} // namespace quayside::ui
