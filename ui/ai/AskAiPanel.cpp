#include "ai/AskAiPanel.h"

#include "Theme.h"
#include "ai/AiSettings.h"
#include "ai/AiToolProbe.h"
#include "ai/PromptLibrary.h"
#include "ai/ProposedCommandRow.h"
#include "ai/TerminalLauncher.h"
#include "core/ExecutableFinder.h"
#include "core/Redactor.h"
#include "deploy/StepLogView.h"
#include "diagnosis/Finding.h"
#include "process/ShellQuote.h"
#include "process/ToolJob.h"
#include "process/ToolRunner.h"
#include "widgets/MessageBox.h"
#include "widgets/PageHeading.h"
#include "widgets/StatusBadge.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace quayside::ui {

using ai::AiTool;
using ai::AiToolKind;
using ai::PromptLibrary;

namespace {

// A proposed command that never ends by itself is refused (ProposedCommand), but `kubectl wait` or a
// slow API server can still take a while: it should not hold the panel for ever.
constexpr std::chrono::minutes kProposalTimeout { 5 };

QString redacted(const QString& text)
{
    return Redactor::instance().redact(text);
}

QString colored(StatusBadge::Kind kind, const QString& text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>")
        .arg(StatusBadge::color(kind).name(), text.toHtmlEscaped());
}

QLabel* sectionLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    label->setTextFormat(Qt::RichText);
    return label;
}

QFrame* bannerFrame(const QString& objectName, QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    return frame;
}

// The tools' names as a reader says them: "kagent and Gordon (docker ai)".
QString toolList(const QStringList& ids)
{
    QStringList names;
    for (const QString& id : ids) {
        if (const auto kind = AiTool::fromId(id))
            names << AiTool::get(*kind).displayName;
    }
    if (names.size() <= 1)
        return names.join(QString());
    return QObject::tr("%1 and %2").arg(names.mid(0, names.size() - 1).join(QStringLiteral(", ")), names.last());
}

} // namespace

AskAiPanel::AskAiPanel(Workspace* workspace, ToolRunner* runner, ai::AiToolProbe* probe, ai::AiKeyStore* keys,
                       QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runner(runner)
    , m_probe(probe)
    , m_keys(keys)
{
    setObjectName(QStringLiteral("askAiPage"));
    setAccessibleName(tr("Ask AI"));

    auto* heading = new PageHeading(tr("Ask AI"), QStringLiteral("askAiHeading"), this);
    auto* intro = new QLabel(tr("Ask kubectl-ai or kagent about the cluster Quayside shows, or open Docker's Gordon "
                                "with a prompt. Prompts are filled with your workspace's names; secret values are "
                                "replaced by *** before anything leaves Quayside. Read-only: the commands an answer "
                                "proposes run only when you press Run and confirm them."),
                             this);
    intro->setObjectName(QStringLiteral("askAiIntro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("askAiSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildQuestion());
    splitter->addWidget(buildAnswer());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 500, 720 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);

    m_previewTimer.setSingleShot(true);
    // Typing rebuilds the command line (and its private kubeconfig) once the keys pause, not per key.
    m_previewTimer.setInterval(200);
    connect(&m_previewTimer, &QTimer::timeout, this, &AskAiPanel::updatePreview);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AskAiPanel::tick);

    connect(m_probe, &ai::AiToolProbe::statusChanged, this, &AskAiPanel::onProbed);
    connect(m_workspace, &Workspace::targetChanged, this, &AskAiPanel::onWorkspaceChanged);
    connect(m_workspace, &Workspace::profileChanged, this, &AskAiPanel::onWorkspaceChanged);
    // The settings are read again for every question; the command line shown follows them at once.
    connect(m_workspace->preferences(), &Preferences::changed, this, &AskAiPanel::schedulePreview);

    m_base = ai::PromptVariables::fromWorkspace(m_workspace->hasProfile() ? &m_workspace->profile() : nullptr,
                                                m_workspace->target());
    const AiToolKind preferred = AiTool::fromId(m_workspace->preferences()->aiTool()).value_or(AiToolKind::KubectlAi);
    m_toolCombo->setCurrentIndex(m_toolCombo->findData(static_cast<int>(preferred)));
    fillCategories();
    updateToolItems();
    updateToolState();
    updatePreview();
}

AskAiPanel::~AskAiPanel()
{
    // The jobs are children and go with the panel; a running command is stopped with its process group.
    if (m_commandJob)
        m_commandJob->cancel();
}

QWidget* AskAiPanel::buildQuestion()
{
    auto* column = new QWidget(this);
    column->setObjectName(QStringLiteral("askAiQuestion"));
    column->setMinimumWidth(420);

    m_toolCombo = new QComboBox(column);
    m_toolCombo->setObjectName(QStringLiteral("aiToolCombo"));
    m_toolCombo->setAccessibleName(tr("AI tool"));
    for (const AiTool& tool : AiTool::all())
        m_toolCombo->addItem(tool.displayName, static_cast<int>(tool.kind));
    m_toolState = new QLabel(column);
    m_toolState->setObjectName(QStringLiteral("aiToolState"));
    m_toolState->setAccessibleName(tr("Whether the tool is installed"));
    m_toolState->setTextFormat(Qt::RichText);
    m_toolState->setWordWrap(true);
    m_toolDescription = new QLabel(column);
    m_toolDescription->setObjectName(QStringLiteral("aiToolDescription"));
    m_toolDescription->setWordWrap(true);
    m_toolDescription->setTextFormat(Qt::PlainText);
    m_toolDescription->setForegroundRole(QPalette::PlaceholderText);

    m_installBanner = bannerFrame(QStringLiteral("aiInstallBanner"), column);
    Theme::bindPalette(
        m_installBanner,
        { { QPalette::Window, Theme::Role::WarningBanner }, { QPalette::WindowText, Theme::Role::WarningBannerText } });
    m_installHint = new QLabel(m_installBanner);
    m_installHint->setObjectName(QStringLiteral("aiInstallHint"));
    m_installHint->setAccessibleName(tr("How to install the tool"));
    m_installHint->setWordWrap(true);
    m_installHint->setTextFormat(Qt::PlainText);
    m_installHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bannerBadge = new StatusBadge(m_installBanner);
    bannerBadge->setKind(StatusBadge::Kind::Warning);
    auto* bannerLayout = new QHBoxLayout(m_installBanner);
    bannerLayout->addWidget(bannerBadge, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_installHint, 1);
    m_installBanner->hide();

    m_category = new QComboBox(column);
    m_category->setObjectName(QStringLiteral("aiPromptCategoryCombo"));
    m_category->setAccessibleName(tr("Prompt category"));
    m_prompt = new QComboBox(column);
    m_prompt->setObjectName(QStringLiteral("aiPromptCombo"));
    m_prompt->setAccessibleName(tr("Prompt from the library"));
    m_prompt->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_prompt->setMinimumContentsLength(18);
    m_prompt->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto* toolLabel = new QLabel(tr("&Tool:"), column);
    toolLabel->setBuddy(m_toolCombo);
    auto* promptLabel = new QLabel(tr("&Prompt:"), column);
    promptLabel->setBuddy(m_category);
    auto* toolRow = new QHBoxLayout;
    toolRow->addWidget(m_toolCombo);
    toolRow->addWidget(m_toolState, 1);
    auto* promptRow = new QHBoxLayout;
    promptRow->addWidget(m_category);
    promptRow->addWidget(m_prompt, 1);
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(toolLabel, toolRow);
    form->addRow(m_toolDescription);
    form->addRow(m_installBanner);
    form->addRow(promptLabel, promptRow);

    // What the prompt is about when it came from elsewhere (a finding), with a way back to plain names.
    m_contextBar = bannerFrame(QStringLiteral("aiPromptContext"), column);
    m_contextBar->setBackgroundRole(QPalette::AlternateBase);
    m_contextLabel = new QLabel(m_contextBar);
    m_contextLabel->setObjectName(QStringLiteral("aiPromptContextLabel"));
    m_contextLabel->setWordWrap(true);
    m_contextLabel->setTextFormat(Qt::RichText);
    auto* clearContext = new QToolButton(m_contextBar);
    clearContext->setObjectName(QStringLiteral("aiClearContextButton"));
    clearContext->setText(tr("Forget"));
    clearContext->setAccessibleName(tr("Fill the prompt from the workspace only"));
    clearContext->setToolTip(clearContext->accessibleName());
    auto* contextLayout = new QHBoxLayout(m_contextBar);
    contextLayout->setContentsMargins(8, 4, 4, 4);
    contextLayout->addWidget(m_contextLabel, 1);
    contextLayout->addWidget(clearContext, 0, Qt::AlignTop);
    m_contextBar->hide();

    m_promptEdit = new QPlainTextEdit(column);
    m_promptEdit->setObjectName(QStringLiteral("aiPromptEdit"));
    m_promptEdit->setAccessibleName(tr("Prompt"));
    m_promptEdit->setTabChangesFocus(true);
    m_promptEdit->setPlaceholderText(tr("Ask about the cluster in your own words, e.g. \"why does the backend "
                                        "restart?\""));
    m_missingLabel = new QLabel(column);
    m_missingLabel->setObjectName(QStringLiteral("aiMissingVariables"));
    m_missingLabel->setAccessibleName(tr("Still to fill in"));
    m_missingLabel->setWordWrap(true);
    m_missingLabel->setTextFormat(Qt::RichText);
    m_missingLabel->hide();

    m_readOnly = new QCheckBox(tr("&Read-only: tell the tool to propose changes instead of making them"), column);
    m_readOnly->setObjectName(QStringLiteral("aiReadOnlyCheck"));
    m_readOnly->setAccessibleName(tr("Read-only"));
    m_readOnly->setChecked(true);
    m_readOnly->setToolTip(tr("Adds the library's read-only instruction to the prompt. kubectl-ai is never given "
                              "--skip-permissions either way."));

    m_commandLine = new QPlainTextEdit(column);
    m_commandLine->setObjectName(QStringLiteral("aiCommandLine"));
    m_commandLine->setAccessibleName(tr("The command that runs"));
    m_commandLine->setReadOnly(true);
    m_commandLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLine->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_commandLine->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_commandLine->setBackgroundRole(QPalette::AlternateBase);
    m_commandLine->setFixedHeight(m_commandLine->fontMetrics().lineSpacing() * 6 + 12);
    m_copyCommand = new QPushButton(tr("Copy"), column);
    m_copyCommand->setObjectName(QStringLiteral("aiCopyCommandButton"));
    m_copyCommand->setAccessibleName(tr("Copy the command line"));
    auto* commandHeader = new QHBoxLayout;
    commandHeader->addWidget(sectionLabel(tr("Command line"), column));
    commandHeader->addStretch(1);
    commandHeader->addWidget(m_copyCommand);

    m_ask = new QPushButton(tr("&Ask"), column);
    m_ask->setObjectName(QStringLiteral("aiAskButton"));
    m_ask->setAccessibleName(tr("Ask the AI tool"));
    m_ask->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_ask->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), column);
    m_cancel->setObjectName(QStringLiteral("aiCancelButton"));
    m_cancel->setAccessibleName(tr("Stop the AI tool"));
    m_cancel->setToolTip(tr("Stops the tool and everything it started"));
    m_openTerminal = new QPushButton(tr("Open in &terminal"), column);
    m_openTerminal->setObjectName(QStringLiteral("aiOpenTerminalButton"));
    m_openTerminal->setAccessibleName(tr("Open Gordon in a terminal with the prompt"));
    m_copyPrompt = new QPushButton(tr("Copy &prompt"), column);
    m_copyPrompt->setObjectName(QStringLiteral("aiCopyPromptButton"));
    m_copyPrompt->setAccessibleName(tr("Copy the prompt"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_ask);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_openTerminal);
    buttons->addWidget(m_copyPrompt);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 4, 10, 0);
    layout->setSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_contextBar);
    layout->addWidget(m_promptEdit, 1);
    layout->addWidget(m_missingLabel);
    layout->addWidget(m_readOnly);
    layout->addSpacing(4);
    layout->addLayout(commandHeader);
    layout->addWidget(m_commandLine);
    layout->addLayout(buttons);

    connect(m_toolCombo, &QComboBox::currentIndexChanged, this, &AskAiPanel::onToolChanged);
    connect(m_category, &QComboBox::currentIndexChanged, this, &AskAiPanel::onCategoryChanged);
    connect(m_prompt, &QComboBox::currentIndexChanged, this, &AskAiPanel::onPromptChosen);
    connect(m_promptEdit, &QPlainTextEdit::textChanged, this, &AskAiPanel::onPromptEdited);
    connect(m_readOnly, &QCheckBox::toggled, this, &AskAiPanel::schedulePreview);
    connect(clearContext, &QToolButton::clicked, this, [this] {
        const bool unedited = m_promptEdit->toPlainText() == m_filledText;
        m_specific = {};
        m_contextBar->hide();
        if (unedited)
            fillPrompt();
    });
    connect(m_copyCommand, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_commandLine->toPlainText()); });
    connect(m_ask, &QPushButton::clicked, this, &AskAiPanel::ask);
    connect(m_cancel, &QPushButton::clicked, this, &AskAiPanel::cancel);
    connect(m_openTerminal, &QPushButton::clicked, this, &AskAiPanel::openInTerminal);
    connect(m_copyPrompt, &QPushButton::clicked, this, &AskAiPanel::copyPrompt);
    return column;
}

QWidget* AskAiPanel::buildAnswer()
{
    auto* answerPane = new QWidget(this);
    answerPane->setObjectName(QStringLiteral("askAiAnswer"));
    m_badge = new StatusBadge(answerPane);
    m_badge->setObjectName(QStringLiteral("aiStatusBadge"));
    m_badge->hide();
    m_status = new QLabel(answerPane);
    m_status->setObjectName(QStringLiteral("aiStatus"));
    m_status->setAccessibleName(tr("Status of the question"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyAnswer = new QPushButton(tr("Copy answer"), answerPane);
    m_copyAnswer->setObjectName(QStringLiteral("aiCopyAnswerButton"));
    m_copyAnswer->setAccessibleName(tr("Copy the answer"));
    auto* header = new QHBoxLayout;
    header->addWidget(sectionLabel(tr("Answer"), answerPane));
    header->addWidget(m_badge);
    header->addWidget(m_status, 1);
    header->addWidget(m_copyAnswer, 0, Qt::AlignTop);

    m_answer = new StepLogView(answerPane);
    m_answer->setObjectName(QStringLiteral("aiAnswerView"));
    m_answer->setAccessibleName(tr("Answer"));
    // Answers are prose with code blocks: wrapped, still monospace so the code keeps its columns.
    m_answer->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_answer->setPlaceholderText(tr("The answer streams in here as the tool writes it."));
    auto* answerLayout = new QVBoxLayout(answerPane);
    answerLayout->setContentsMargins(10, 4, 0, 4);
    answerLayout->addLayout(header);
    answerLayout->addWidget(m_answer, 1);

    auto* actionsPane = new QWidget(this);
    actionsPane->setObjectName(QStringLiteral("askAiProposals"));
    auto* list = new QWidget;
    list->setObjectName(QStringLiteral("aiProposalList"));
    list->setBackgroundRole(QPalette::Base);
    list->setAutoFillBackground(true);
    m_proposalsLayout = new QVBoxLayout(list);
    m_proposalsLayout->setContentsMargins(2, 2, 2, 2);
    m_proposalsLayout->setSpacing(1);
    m_proposalsEmpty = new QLabel(tr("The kubectl commands an answer proposes are listed here, each with Run."), list);
    m_proposalsEmpty->setObjectName(QStringLiteral("aiProposalsEmpty"));
    m_proposalsEmpty->setWordWrap(true);
    m_proposalsEmpty->setMargin(6);
    m_proposalsEmpty->setForegroundRole(QPalette::PlaceholderText);
    m_proposalsLayout->addWidget(m_proposalsEmpty);
    m_proposalsLayout->addStretch(1);
    auto* scroll = new QScrollArea(actionsPane);
    scroll->setObjectName(QStringLiteral("aiProposalScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(list);

    m_commandStatus = new QLabel(actionsPane);
    m_commandStatus->setObjectName(QStringLiteral("aiCommandStatus"));
    m_commandStatus->setAccessibleName(tr("Status of the proposed command"));
    m_commandStatus->setTextFormat(Qt::RichText);
    m_commandStatus->setWordWrap(true);
    m_stopCommand = new QPushButton(tr("Stop"), actionsPane);
    m_stopCommand->setObjectName(QStringLiteral("aiStopCommandButton"));
    m_stopCommand->setAccessibleName(tr("Stop the proposed command"));
    m_stopCommand->hide();
    auto* outputHeader = new QHBoxLayout;
    outputHeader->addWidget(sectionLabel(tr("Command output"), actionsPane));
    outputHeader->addWidget(m_commandStatus, 1);
    outputHeader->addWidget(m_stopCommand);
    m_commandOutput = new StepLogView(actionsPane);
    m_commandOutput->setObjectName(QStringLiteral("aiCommandOutput"));
    m_commandOutput->setAccessibleName(tr("Output of the proposed command"));
    m_commandOutput->setPlaceholderText(tr("What a command you run from here prints."));
    // The first line is the command as it ran, in full: wrapped rather than cut off at the pane's edge.
    m_commandOutput->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto* actionsLayout = new QVBoxLayout(actionsPane);
    actionsLayout->setContentsMargins(10, 4, 0, 0);
    actionsLayout->addWidget(sectionLabel(tr("Proposed commands"), actionsPane));
    actionsLayout->addWidget(scroll, 3);
    actionsLayout->addLayout(outputHeader);
    actionsLayout->addWidget(m_commandOutput, 1);
    m_commandOutput->setMinimumHeight(m_commandOutput->fontMetrics().lineSpacing() * 5 + 12);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("askAiAnswerSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(answerPane);
    splitter->addWidget(actionsPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 380, 400 });

    connect(m_copyAnswer, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_answer->toPlainText()); });
    connect(m_stopCommand, &QPushButton::clicked, this, [this] {
        if (m_commandJob)
            m_commandJob->cancel();
    });
    return splitter;
}

void AskAiPanel::fillCategories()
{
    const PromptLibrary& library = PromptLibrary::builtIn();
    const QSignalBlocker blocker(m_category);
    m_category->clear();
    m_category->addItem(tr("Your own question"), QString());
    for (const ai::PromptCategory& category : library.categories()) {
        if (!library.inCategory(category.id).isEmpty())
            m_category->addItem(category.title, category.id);
    }
    // A newcomer starts from a prompt that works, not an empty box.
    m_category->setCurrentIndex(m_category->count() > 1 ? 1 : 0);
    onCategoryChanged();
}

void AskAiPanel::onCategoryChanged()
{
    const QString category = m_category->currentData().toString();
    {
        const QSignalBlocker blocker(m_prompt);
        m_prompt->clear();
        const QString toolId = AiTool::get(tool()).id;
        int suited = -1;
        for (const ai::Prompt& prompt : PromptLibrary::builtIn().inCategory(category)) {
            m_prompt->addItem(prompt.title, prompt.id);
            if (suited < 0 && prompt.suits(toolId))
                suited = m_prompt->count() - 1;
        }
        m_prompt->setCurrentIndex(suited >= 0 ? suited : (m_prompt->count() > 0 ? 0 : -1));
        m_prompt->setEnabled(!category.isEmpty());
    }
    updateToolItems();
    onPromptChosen();
}

void AskAiPanel::onPromptChosen()
{
    if (m_category->currentData().toString().isEmpty()) {
        // One's own question starts empty, and nothing of the library's is left to fill in it.
        m_filledText.clear();
        m_missing.clear();
        m_promptEdit->clear();
        m_promptEdit->setFocus(Qt::OtherFocusReason);
        return;
    }
    fillPrompt();
}

bool AskAiPanel::choosePrompt(const QString& id)
{
    const ai::Prompt* prompt = PromptLibrary::builtIn().find(id);
    if (!prompt)
        return false;
    {
        const QSignalBlocker blocker(m_category);
        m_category->setCurrentIndex(std::max(0, m_category->findData(prompt->category)));
    }
    onCategoryChanged();
    {
        const QSignalBlocker blocker(m_prompt);
        m_prompt->setCurrentIndex(m_prompt->findData(id));
    }
    fillPrompt();
    return true;
}

void AskAiPanel::fillPrompt()
{
    const ai::Prompt* prompt = PromptLibrary::builtIn().find(m_prompt->currentData().toString());
    if (!prompt)
        return;
    const ai::PromptVariables::Filled filled = ai::PromptVariables::fill(*prompt, m_base, m_specific);
    m_missing = filled.missing;
    m_filledText = filled.text;
    m_promptEdit->setPlainText(filled.text);
    QString tip = prompt->title;
    if (!prompt->suits(AiTool::get(tool()).id))
        tip += QStringLiteral("\n") + tr("Written for %1.").arg(toolList(prompt->tools));
    m_prompt->setToolTip(tip);
}

QString AskAiPanel::promptText() const
{
    return m_promptEdit->toPlainText();
}

QString AskAiPanel::outgoingPrompt() const
{
    return redacted(m_promptEdit->toPlainText().trimmed());
}

AiToolKind AskAiPanel::tool() const
{
    return static_cast<AiToolKind>(m_toolCombo->currentData().toInt());
}

void AskAiPanel::setTool(AiToolKind kind)
{
    m_toolCombo->setCurrentIndex(m_toolCombo->findData(static_cast<int>(kind)));
}

void AskAiPanel::onToolChanged()
{
    // The user's prompt stays as it is: only what depends on the tool changes.
    updateToolItems();
    updateToolState();
    if (const ai::Prompt* prompt = PromptLibrary::builtIn().find(m_prompt->currentData().toString())) {
        QString tip = prompt->title;
        if (!prompt->suits(AiTool::get(tool()).id))
            tip += QStringLiteral("\n") + tr("Written for %1.").arg(toolList(prompt->tools));
        m_prompt->setToolTip(tip);
    }
}

void AskAiPanel::onProbed(AiToolKind kind)
{
    updateToolItems();
    if (kind == tool())
        updateToolState();
}

void AskAiPanel::updateToolItems()
{
    for (int i = 0; i < m_toolCombo->count(); ++i) {
        const auto kind = static_cast<AiToolKind>(m_toolCombo->itemData(i).toInt());
        const ai::AiToolProbe::Status status = m_probe->status(kind);
        const AiTool& t = AiTool::get(kind);
        m_toolCombo->setItemText(
            i, status.probed && !status.installed ? tr("%1 (not installed)").arg(t.displayName) : t.displayName);
    }
    // Prompts written for other tools say so in the list, so the choice is informed, not hidden.
    const QString toolId = AiTool::get(tool()).id;
    for (int i = 0; i < m_prompt->count(); ++i) {
        const ai::Prompt* prompt = PromptLibrary::builtIn().find(m_prompt->itemData(i).toString());
        if (!prompt)
            continue;
        m_prompt->setItemText(
            i, prompt->suits(toolId) ? prompt->title : tr("%1 (for %2)").arg(prompt->title, toolList(prompt->tools)));
    }
}

void AskAiPanel::updateToolState()
{
    const AiToolKind kind = tool();
    const AiTool& t = AiTool::get(kind);
    const ai::AiToolProbe::Status status = m_probe->status(kind);
    m_toolDescription->setText(t.description);
    if (!status.probed) {
        m_toolState->setText(colored(StatusBadge::Kind::Pending, tr("checking whether it is installed…")));
        m_installBanner->hide();
    } else if (!status.installed) {
        m_toolState->setText(colored(StatusBadge::Kind::Warning, tr("not installed")));
        m_installHint->setText(t.installHint());
        m_installBanner->show();
    } else {
        QString state = status.version.isEmpty() ? tr("installed") : tr("version %1").arg(status.version);
        QString html = colored(StatusBadge::Kind::Ok, state);
        if (!status.problem.isEmpty())
            html += QStringLiteral(" — ") + colored(StatusBadge::Kind::Warning, redacted(status.problem));
        m_toolState->setText(html);
        m_installBanner->hide();
    }
    const bool gordon = kind == AiToolKind::Gordon;
    m_readOnly->setVisible(!gordon);
    m_answer->setPlaceholderText(gordon ? tr("Gordon answers in the terminal it opens in: it has no non-interactive "
                                             "mode Quayside could read.")
                                        : tr("The answer streams in here as the tool writes it."));
    updateButtons();
    schedulePreview();
}

void AskAiPanel::onWorkspaceChanged()
{
    const bool unedited = m_promptEdit->toPlainText() == m_filledText;
    m_base = ai::PromptVariables::fromWorkspace(m_workspace->hasProfile() ? &m_workspace->profile() : nullptr,
                                                m_workspace->target());
    // Another namespace or profile: the names in an untouched prompt follow; the user's edits stay.
    if (unedited && !m_filledText.isEmpty())
        fillPrompt();
    schedulePreview();
}

void AskAiPanel::onPromptEdited()
{
    updateMissing();
    updateButtons();
    schedulePreview();
}

void AskAiPanel::updateMissing()
{
    const QString text = m_promptEdit->toPlainText();
    m_stillMissing.clear();
    QStringList shown;
    for (const QString& name : std::as_const(m_missing)) {
        const QString placeholder = QLatin1Char('<') + name + QLatin1Char('>');
        if (text.contains(placeholder)) {
            m_stillMissing << name;
            shown << QStringLiteral("<code>%1</code>").arg(placeholder.toHtmlEscaped());
        }
    }
    m_missingLabel->setText(
        colored(StatusBadge::Kind::Warning, tr("Still to fill in:")) + QLatin1Char(' ')
        + shown.join(QStringLiteral(", ")) + QLatin1Char(' ')
        + tr("— replace them in the text, or use Ask AI on a problem in the dashboard's Problems tab.")
              .toHtmlEscaped());
    m_missingLabel->setVisible(!m_stillMissing.isEmpty());
}

void AskAiPanel::updateButtons()
{
    const AiToolKind kind = tool();
    const ai::AiToolProbe::Status status = m_probe->status(kind);
    const bool installed = status.probed && status.installed;
    const bool asking = isAsking();
    const bool hasPrompt = !m_promptEdit->toPlainText().trimmed().isEmpty();
    const bool gordon = kind == AiToolKind::Gordon;
    m_ask->setVisible(!gordon);
    m_cancel->setVisible(!gordon);
    m_openTerminal->setVisible(gordon);
    m_copyPrompt->setVisible(gordon);
    m_ask->setEnabled(installed && hasPrompt && !asking);
    m_ask->setToolTip(!status.probed   ? tr("Checking whether %1 is installed…").arg(AiTool::get(kind).displayName)
                          : !installed ? tr("%1 is not installed").arg(AiTool::get(kind).displayName)
                          : !hasPrompt ? tr("Write or choose a prompt first")
                                       : tr("Runs the command line below (Ctrl+Enter)"));
    m_cancel->setEnabled(asking);
    m_openTerminal->setEnabled(installed && hasPrompt);
    m_openTerminal->setToolTip(installed ? tr("Opens a terminal running docker ai with the prompt")
                                         : tr("Gordon is not installed"));
    m_copyPrompt->setEnabled(hasPrompt);
    m_toolCombo->setEnabled(!asking);
}

void AskAiPanel::schedulePreview()
{
    m_previewTimer.start();
}

ai::AskJob::Spec AskAiPanel::spec() const
{
    ai::AskJob::Spec spec;
    spec.tool = tool();
    spec.prompt = outgoingPrompt();
    spec.target = m_workspace->target();
    spec.settings = ai::AiSettings::fromPreferences(*m_workspace->preferences());
    spec.kagent = m_probe->status(AiToolKind::Kagent).kagent;
    spec.readOnly = m_readOnly->isChecked();
    spec.readOnlyInstruction = PromptLibrary::builtIn().readOnlyInstruction();
    return spec;
}

QString AskAiPanel::commandLine() const
{
    return m_commandLine->toPlainText();
}

void AskAiPanel::updatePreview()
{
    // While a question runs, the line shown is the one running.
    if (isAsking())
        return;
    QString line;
    if (tool() == AiToolKind::Gordon) {
        const ai::AiSettings settings = ai::AiSettings::fromPreferences(*m_workspace->preferences());
        const QString override = ExecutableFinder::overrideFor(QStringLiteral("docker"));
        const QStringList command { override.isEmpty() ? QStringLiteral("docker") : override, QStringLiteral("ai"),
                                    outgoingPrompt() };
        QString error;
        if (const auto launch = ai::TerminalLauncher::plan(settings.terminalCommand, command, &error))
            line = shellJoin(QStringList { launch->program } + launch->arguments);
        else
            line = shellJoin(command) + QStringLiteral("\n# ") + error;
        m_preview.reset();
    } else {
        ai::AskJob::Spec preview = spec();
        preview.previewOnly = true; // shown, never run: no private kubeconfig is written for it
        m_preview = std::make_unique<ai::AskJob>(m_runner, m_keys, preview);
        line = m_preview->commandLine();
    }
    m_commandLine->setPlainText(redacted(line));
}

void AskAiPanel::ask()
{
    if (isAsking() || tool() == AiToolKind::Gordon || !m_ask->isEnabled())
        return;
    if (m_job)
        m_job->deleteLater();
    m_previewTimer.stop();
    m_preview.reset();
    m_answer->clearLog();
    clearProposals();

    auto* job = new ai::AskJob(m_runner, m_keys, spec(), this);
    m_job = job;
    m_commandLine->setPlainText(redacted(job->commandLine()));
    connect(job, &ai::AskJob::outputLine, this, [this](const QString& line, bool standardError) {
        Q_UNUSED(standardError)
        m_answer->appendLine(line);
    });
    connect(job, &ai::AskJob::finished, this, &AskAiPanel::onAnswered);
    m_askingText = tr("Asking %1…").arg(AiTool::get(tool()).displayName);
    setStatus(static_cast<int>(StatusBadge::Kind::Running), m_askingText.toHtmlEscaped());
    m_elapsed.start();
    m_tick.start();
    job->start();
    updateButtons();
}

void AskAiPanel::cancel()
{
    if (m_job && m_job->isRunning())
        m_job->cancel();
}

void AskAiPanel::tick()
{
    if (!isAsking()) {
        m_tick.stop();
        return;
    }
    const qint64 seconds = m_elapsed.elapsed() / 1000;
    setStatus(static_cast<int>(StatusBadge::Kind::Running),
              tr("%1 %2 s").arg(m_askingText.toHtmlEscaped()).arg(seconds));
}

void AskAiPanel::onAnswered(const ai::AskJob::Result& result)
{
    m_tick.stop();
    m_answer->flush();
    const AiTool& t = AiTool::get(tool());
    // kagent streams JSON; its answer is the text in it.
    if (tool() == AiToolKind::Kagent && !result.answer.trimmed().isEmpty())
        m_answer->setLines(result.answer.split(QLatin1Char('\n')));
    // The view followed the stream; a complete answer is read from its beginning.
    m_answer->verticalScrollBar()->setValue(0);
    const QString message = redacted(result.message);
    if (result.ok) {
        QString text = result.answer.trimmed().isEmpty() ? tr("%1 finished without an answer.").arg(t.displayName)
            : result.proposals.isEmpty()                 ? tr("%1 answered.").arg(t.displayName)
            : result.proposals.size() == 1
            ? tr("%1 answered and proposes a command: it runs only if you press Run.").arg(t.displayName)
            : tr("%1 answered and proposes %2 commands: nothing runs until you press "
                 "Run.")
                  .arg(t.displayName)
                  .arg(result.proposals.size());
        if (result.truncated)
            text += QLatin1Char(' ') + tr("The start of a very long answer was dropped.");
        setStatus(
            static_cast<int>(result.answer.trimmed().isEmpty() ? StatusBadge::Kind::Warning : StatusBadge::Kind::Ok),
            text.toHtmlEscaped());
    } else if (result.cancelled) {
        setStatus(static_cast<int>(StatusBadge::Kind::Skipped), message.toHtmlEscaped());
    } else {
        setStatus(static_cast<int>(StatusBadge::Kind::Failed), colored(StatusBadge::Kind::Failed, message));
    }
    showProposals(result.proposals);
    updateButtons();
    Q_EMIT answered(result);
}

void AskAiPanel::setStatus(int kind, const QString& html)
{
    m_badge->setKind(static_cast<StatusBadge::Kind>(kind));
    m_badge->show();
    m_status->setText(html);
}

void AskAiPanel::clearProposals()
{
    qDeleteAll(m_rows);
    m_rows.clear();
    m_proposalsEmpty->show();
}

void AskAiPanel::showProposals(const QList<ai::ProposedCommand>& proposals)
{
    clearProposals();
    for (const ai::ProposedCommand& proposal : proposals) {
        auto* row = new ProposedCommandRow(proposal, static_cast<int>(m_rows.size()), m_proposalsEmpty->parentWidget());
        row->setAutoFillBackground(true);
        row->setBackgroundRole(m_rows.size() % 2 ? QPalette::AlternateBase : QPalette::Base);
        row->setRunAllowed(!isRunningCommand());
        // Before the stretch at the end.
        m_proposalsLayout->insertWidget(m_proposalsLayout->count() - 1, row);
        m_rows << row;
        connect(row, &ProposedCommandRow::runRequested, this, &AskAiPanel::confirmProposal);
    }
    m_proposalsEmpty->setVisible(m_rows.isEmpty());
    if (m_rows.isEmpty())
        m_proposalsEmpty->setText(tr("The answer proposes no kubectl command."));
}

void AskAiPanel::confirmProposal(const ai::ProposedCommand& proposal)
{
    if (!proposal.canRun() || isRunningCommand())
        return;
    const ClusterTarget& target = m_workspace->target();
    ToolCommand command = proposal.toolCommand(target);
    if (command.timeout.count() == 0)
        command.timeout = kProposalTimeout;
    // Everything the child gets that decides where it acts, not only its argv.
    QString shown;
    for (auto it = command.environment.cbegin(); it != command.environment.cend(); ++it)
        shown += it.key() + QLatin1Char('=') + shellQuote(it.value()) + QLatin1Char(' ');
    shown = redacted(shown + command.displayString());
    const QString what = proposal.changes
        ? tr("<b>This command changes the cluster.</b> An AI proposed it: read it before you run it.")
        : tr("This command only reads from the cluster.");
    const QString text
        = tr("%1<br><br>Quayside runs exactly this, on context <b>%2</b>, namespace <b>%3</b>:"
             "<br><br><code>%4</code>")
              .arg(what, target.context.toHtmlEscaped(), target.nameSpace.toHtmlEscaped(), shown.toHtmlEscaped());
    QPointer<AskAiPanel> self(this);
    MessageBox::confirm(this, tr("Run the proposed command?"), text, proposal.changes ? tr("Run it") : tr("Run"),
                        [self, command](bool accepted) {
                            if (accepted && self)
                                self->runProposal(command);
                        });
}

void AskAiPanel::runProposal(const ToolCommand& command)
{
    if (isRunningCommand())
        return;
    QString shown;
    for (auto it = command.environment.cbegin(); it != command.environment.cend(); ++it)
        shown += it.key() + QLatin1Char('=') + shellQuote(it.value()) + QLatin1Char(' ');
    m_commandOutput->clearLog();
    m_commandOutput->appendLine(QStringLiteral("$ ") + redacted(shown + command.displayString()));
    ToolJob* job = m_runner->start(command, this);
    m_commandJob = job;
    for (ProposedCommandRow* row : std::as_const(m_rows))
        row->setRunAllowed(false);
    m_commandStatus->setText(colored(StatusBadge::Kind::Running, tr("running…")));
    m_stopCommand->show();
    connect(job, &ToolJob::standardOutputLine, this,
            [this](const QString& line) { m_commandOutput->appendLine(redacted(line)); });
    connect(job, &ToolJob::standardErrorLine, this,
            [this](const QString& line) { m_commandOutput->appendLine(redacted(line)); });
    connect(job, &ToolJob::finished, this, [this](const ToolResult& result) {
        m_commandJob = nullptr;
        m_commandOutput->flush();
        m_stopCommand->hide();
        const bool ok = result.ok();
        m_commandStatus->setText(
            ok ? colored(StatusBadge::Kind::Ok, tr("✔ done (exit code 0)"))
               : colored(StatusBadge::Kind::Failed, QStringLiteral("✘ ") + redacted(result.describeFailure())));
        for (ProposedCommandRow* row : std::as_const(m_rows))
            row->setRunAllowed(true);
        Q_EMIT commandFinished(ok);
    });
}

void AskAiPanel::openInTerminal()
{
    if (!m_openTerminal->isEnabled())
        return;
    const ai::AiSettings settings = ai::AiSettings::fromPreferences(*m_workspace->preferences());
    const QString override = ExecutableFinder::overrideFor(QStringLiteral("docker"));
    const QStringList command { override.isEmpty() ? QStringLiteral("docker") : override, QStringLiteral("ai"),
                                outgoingPrompt() };
    QString error;
    const auto launch = ai::TerminalLauncher::plan(settings.terminalCommand, command, &error);
    if (!launch || !ai::TerminalLauncher::launch(*launch, &error)) {
        setStatus(static_cast<int>(StatusBadge::Kind::Failed), colored(StatusBadge::Kind::Failed, redacted(error)));
        return;
    }
    setStatus(static_cast<int>(StatusBadge::Kind::Ok),
              tr("Gordon opened in %1 with the prompt filled in; it answers there.")
                  .arg(QStringLiteral("<code>%1</code>").arg(launch->program.toHtmlEscaped())));
}

void AskAiPanel::copyPrompt()
{
    const QString prompt = outgoingPrompt();
    if (prompt.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(prompt);
    setStatus(static_cast<int>(StatusBadge::Kind::Ok),
              tr("Prompt copied: paste it into <code>docker ai</code> or Docker Desktop's Ask Gordon."));
}

void AskAiPanel::askAboutFinding(const diagnosis::Finding& finding)
{
    m_specific = {};
    m_specific.addFinding(finding);
    m_contextLabel->setText(tr("About <b>%1 %2</b>: %3")
                                .arg(finding.objectKind.toHtmlEscaped(), redacted(finding.objectName).toHtmlEscaped(),
                                     redacted(finding.summary).toHtmlEscaped()));
    m_contextBar->show();
    if (!isAsking())
        setTool(AiTool::fromId(m_workspace->preferences()->aiTool()).value_or(AiToolKind::KubectlAi));
    if (const ai::Prompt* prompt = PromptLibrary::builtIn().findingPrompt())
        choosePrompt(prompt->id);
    m_ask->setFocus(Qt::OtherFocusReason);
}

void AskAiPanel::askAboutPod(const ai::PromptVariables& variables, const QString& about)
{
    m_specific = variables;
    m_contextLabel->setText(
        tr("About <b>pod %1</b>: %2")
            .arg(redacted(variables.value(QStringLiteral("pod"))).toHtmlEscaped(), redacted(about).toHtmlEscaped()));
    m_contextBar->show();
    if (!isAsking())
        setTool(AiTool::fromId(m_workspace->preferences()->aiTool()).value_or(AiToolKind::KubectlAi));
    if (const ai::Prompt* prompt = PromptLibrary::builtIn().podPrompt())
        choosePrompt(prompt->id);
    m_ask->setFocus(Qt::OtherFocusReason);
}

} // namespace quayside::ui
