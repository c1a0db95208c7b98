#include "problems/ProblemsPanel.h"

#include "Theme.h"
#include "problems/FindingsModel.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace quayside::ui {

using diagnosis::Action;
using diagnosis::Evidence;
using diagnosis::Finding;

namespace {

QString evidencePrefix(Evidence::Kind kind)
{
    switch (kind) {
    case Evidence::Kind::Event:
        return QStringLiteral("event  ");
    case Evidence::Kind::LogLine:
        return QStringLiteral("log    ");
    case Evidence::Kind::SpecField:
        return QStringLiteral("spec   ");
    case Evidence::Kind::Status:
        return QStringLiteral("status ");
    case Evidence::Kind::Number:
        return QStringLiteral("number ");
    }
    return {};
}

} // namespace

ProblemsPanel::ProblemsPanel(FindingsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_list(new QListView(this))
    , m_detailStack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_evidence(new QPlainTextEdit(this))
    , m_result(new QLabel(this))
    , m_copyEvidence(new QPushButton(tr("Copy evidence"), this))
    , m_askAi(new QPushButton(tr("Ask AI…"), this))
{
    setObjectName(QStringLiteral("problemsPanel"));
    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setAccessibleName(tr("Problems"));
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);

    m_empty->setObjectName(QStringLiteral("problemsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("<b>All healthy.</b><br>Nothing in this namespace needs attention. Problems appear here as "
                        "soon as a pod or deployment turns unhealthy, with the evidence and what to do."));

    m_title->setObjectName(QStringLiteral("problemTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setObjectName(QStringLiteral("problemExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidence->setObjectName(QStringLiteral("problemEvidence"));
    m_evidence->setAccessibleName(tr("Evidence"));
    m_evidence->setReadOnly(true);
    m_evidence->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_evidence->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setObjectName(QStringLiteral("problemActionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    m_copyEvidence->setObjectName(QStringLiteral("copyEvidenceButton"));
    m_copyEvidence->setAccessibleName(tr("Copy the evidence"));
    m_askAi->setObjectName(QStringLiteral("askAiButton"));
    m_askAi->setAccessibleName(tr("Ask AI about this problem"));
    m_askAi->setToolTip(tr("Opens Ask AI with a prompt filled from this problem and its evidence (secret values "
                           "replaced by ***); nothing is sent until you press Ask there"));

    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(8, 0, 0, 0);
    detailsLayout->addWidget(m_title);
    detailsLayout->addWidget(m_explanation);
    auto* evidenceHeader = new QHBoxLayout;
    evidenceHeader->addWidget(new QLabel(tr("<b>Evidence</b>"), details));
    evidenceHeader->addStretch(1);
    evidenceHeader->addWidget(m_copyEvidence);
    detailsLayout->addLayout(evidenceHeader);
    detailsLayout->addWidget(m_evidence, 1);
    auto* actionsHeader = new QHBoxLayout;
    actionsHeader->addWidget(new QLabel(tr("<b>What to do</b>"), details));
    actionsHeader->addStretch(1);
    actionsHeader->addWidget(m_askAi);
    detailsLayout->addLayout(actionsHeader);
    detailsLayout->addWidget(m_result);
    m_actionsLayout = detailsLayout;

    m_detailStack->addWidget(m_empty);
    m_detailStack->addWidget(details);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("problemsSplitter"));
    splitter->addWidget(m_list);
    splitter->addWidget(m_detailStack);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 420, 760 });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);

    connect(m_copyEvidence, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_evidence->toPlainText()); });
    connect(m_askAi, &QPushButton::clicked, this, [this] {
        if (const Finding* finding = currentFinding())
            Q_EMIT askAiRequested(*finding);
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        m_shownKey = current.data(FindingsModel::KeyRole).toString();
        showCurrent();
    });
    // Rows move and change as the cluster does: keep showing the same problem, refreshed.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ProblemsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProblemsPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ProblemsPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProblemsPanel::updateEmptyState);
    updateEmptyState();
}

void ProblemsPanel::showActionResult(bool ok, const QString& message)
{
    m_result->setText(QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                          .arg(Theme::color(ok ? Theme::Role::Ok : Theme::Role::Error).name(),
                               ok ? QStringLiteral("✔") : QStringLiteral("✘"), message.toHtmlEscaped()));
    m_result->show();
}

const Finding* ProblemsPanel::currentFinding() const
{
    return m_model->findingAt(m_model->rowOf(m_shownKey));
}

void ProblemsPanel::showFinding(const QString& key)
{
    const int row = m_model->rowOf(key);
    if (row < 0)
        return;
    m_list->setCurrentIndex(m_model->index(row));
}

void ProblemsPanel::showObject(const QString& objectKind, const QString& objectName)
{
    const int row = m_model->rowFor(objectKind, objectName);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

void ProblemsPanel::updateEmptyState()
{
    if (m_model->rowCount() > 0 && !m_list->currentIndex().isValid())
        m_list->setCurrentIndex(m_model->index(0));
    showCurrent();
}

void ProblemsPanel::showCurrent()
{
    const Finding* finding = currentFinding();
    if (!finding) {
        m_detailStack->setCurrentWidget(m_empty);
        return;
    }
    m_detailStack->setCurrentIndex(1);
    m_title->setText(QStringLiteral("<b>%1 %2</b><br>%3")
                         .arg(finding->objectKind.toHtmlEscaped(), finding->objectName.toHtmlEscaped(),
                              finding->summary.toHtmlEscaped()));
    m_explanation->setText(finding->explanation);
    m_explanation->setVisible(!finding->explanation.isEmpty());
    QStringList lines;
    for (const Evidence& e : finding->evidence)
        lines << evidencePrefix(e.kind) + e.text;
    // Keep the user's selection in the evidence when the same finding is merely refreshed.
    if (m_evidence->toPlainText() != lines.join(QLatin1Char('\n')))
        m_evidence->setPlainText(lines.join(QLatin1Char('\n')));

    // The buttons and commands live in one host widget, replaced as a whole.
    delete m_actionsHost;
    m_actionButtons.clear();
    m_actionsHost = new QWidget(this);
    m_actionsHost->setObjectName(QStringLiteral("problemActions"));
    auto* actionsLayout = new QVBoxLayout(m_actionsHost);
    actionsLayout->setContentsMargins(0, 0, 0, 0);
    m_actionsLayout->addWidget(m_actionsHost);
    for (const Action& action : finding->actions) {
        auto* row = new QHBoxLayout;
        auto* button = new QPushButton(action.isOneClick() ? action.title : tr("Copy command"), m_actionsHost);
        button->setObjectName(QStringLiteral("problemAction_%1").arg(m_actionButtons.size()));
        button->setAccessibleName(action.title);
        button->setToolTip(action.command);
        auto* command
            = new QLabel(QStringLiteral("<code>%1</code>").arg(action.command.toHtmlEscaped()), m_actionsHost);
        command->setTextInteractionFlags(Qt::TextSelectableByMouse);
        command->setWordWrap(true);
        row->addWidget(button);
        row->addWidget(command, 1);
        actionsLayout->addLayout(row);
        m_actionButtons << button;
        const QString key = finding->key();
        connect(button, &QPushButton::clicked, this, [this, key, action] {
            const Finding* now = m_model->findingAt(m_model->rowOf(key));
            if (!now)
                return;
            if (!action.isOneClick()) {
                QGuiApplication::clipboard()->setText(action.command);
                return;
            }
            Q_EMIT actionRequested(*now, action);
        });
    }
}

} // namespace quayside::ui
