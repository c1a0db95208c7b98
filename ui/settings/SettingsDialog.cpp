#include "settings/SettingsDialog.h"

#include "ai/AiKeyStore.h"
#include "ai/AiTool.h"
#include "ai/TerminalLauncher.h"
#include "core/DnsLabel.h"
#include "core/ExecutableFinder.h"
#include "keychain/KeychainError.h"
#include "profile/ProfileLocator.h"
#include "widgets/StatusBadge.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace quayside::ui {

namespace {

constexpr int kMinLogLines = 1'000;
constexpr int kMaxLogLines = 1'000'000;
constexpr int kMaxMetricsSeconds = 3'600;
// Preferences::aiTimeout() ignores less than 5 s; an hour is longer than any answer worth waiting for.
constexpr int kMinAiTimeoutSeconds = 5;
constexpr int kMaxAiTimeoutSeconds = 3'600;
const QString kDefaultKagentAgent = QStringLiteral("k8s-agent");
const QString kDefaultKagentNamespace = QStringLiteral("kagent");

QString colored(const QColor& color, const QString& text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), text.toHtmlEscaped());
}

// A form row's field with what belongs under it (errors, hints), so the label stays beside the field.
QWidget* fieldColumn(QLayout* field, const QList<QWidget*>& below)
{
    auto* column = new QWidget;
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addLayout(field);
    for (QWidget* widget : below)
        layout->addWidget(widget);
    return column;
}

QHBoxLayout* row(const QList<QWidget*>& widgets)
{
    auto* layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget* widget : widgets)
        layout->addWidget(widget, widget == widgets.first() ? 1 : 0);
    return layout;
}

QLabel* hintLabel(const QString& objectName, const QString& text)
{
    auto* label = new QLabel(text);
    label->setObjectName(objectName);
    label->setAccessibleName(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QFormLayout* form(QGroupBox* box)
{
    auto* layout = new QFormLayout(box);
    // Only the wide fields grow, whatever the style's default: a spin box as wide as a path reads oddly.
    layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    layout->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->setVerticalSpacing(8);
    return layout;
}

} // namespace

SettingsDialog::SettingsDialog(Preferences* preferences, Workspace* workspace, QWidget* parent, ai::AiKeyStore* aiKeys)
    : QDialog(parent)
    , m_preferences(preferences)
    , m_workspace(workspace)
    , m_aiKeys(aiKeys)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));

    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("settingsContent"));
    auto* groups = new QVBoxLayout(content);
    groups->setContentsMargins(0, 0, 0, 0);
    groups->setSpacing(12);
    groups->addWidget(buildCluster());
    groups->addWidget(buildProfile());
    groups->addWidget(buildDashboard());
    groups->addWidget(buildTools());
    groups->addWidget(buildAi());
    groups->addWidget(buildAppearance());
    groups->addStretch(1);

    // The same label width in every group, so the fields of all groups start in one column.
    QList<QWidget*> labels;
    for (const QFormLayout* formLayout : content->findChildren<QFormLayout*>()) {
        for (int i = 0; i < formLayout->rowCount(); ++i) {
            if (const QLayoutItem* item = formLayout->itemAt(i, QFormLayout::LabelRole); item && item->widget())
                labels << item->widget();
        }
    }
    int labelWidth = 0;
    for (const QWidget* label : std::as_const(labels))
        labelWidth = std::max(labelWidth, label->sizeHint().width());
    for (QWidget* label : std::as_const(labels))
        label->setMinimumWidth(labelWidth);

    // Scrolls only on a screen too short for every group (a 768-pixel laptop).
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("settingsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setWidget(content);

    QString storage = tr("Settings are stored in %1. Secrets are never stored there: they live in the system keychain.")
                          .arg(QStringLiteral("<code>%1</code>")
                                   .arg(QDir::toNativeSeparators(m_preferences->fileName()).toHtmlEscaped()));
    if (const QString problem = m_preferences->problem(); !problem.isEmpty())
        storage += QStringLiteral("<br>") + colored(StatusBadge::color(StatusBadge::Kind::Warning), problem);
    auto* storageLabel = new QLabel(storage, this);
    storageLabel->setObjectName(QStringLiteral("settingsStorage"));
    storageLabel->setAccessibleName(tr("Where settings are stored"));
    storageLabel->setTextFormat(Qt::RichText);
    storageLabel->setWordWrap(true);
    storageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    storageLabel->setForegroundRole(QPalette::PlaceholderText);

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Save | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setAccessibleName(tr("Save settings"));
    m_save->setDefault(true);
    QPushButton* cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Cancel without saving"));
    QPushButton* defaults = m_buttons->button(QDialogButtonBox::RestoreDefaults);
    defaults->setObjectName(QStringLiteral("restoreDefaultsButton"));
    defaults->setAccessibleName(tr("Restore default settings"));
    defaults->setToolTip(tr("Puts the default in every field; nothing is stored until you save"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 14, 18, 14);
    layout->setSpacing(10);
    layout->addWidget(scroll, 1);
    layout->addWidget(storageLabel);
    layout->addWidget(m_buttons);

    connect(m_save, &QPushButton::clicked, this, &SettingsDialog::save);
    connect(cancel, &QPushButton::clicked, this, &SettingsDialog::reject);
    connect(defaults, &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);

    setTabOrder();
    load();

    // Tall enough for every group without scrolling where the screen allows it: a scroll area's own size
    // hint stops at a few hundred pixels, so the content is measured at the width it will have.
    const int scrollBar = scroll->verticalScrollBar()->sizeHint().width();
    const int chromeWidth = sizeHint().width() - scroll->sizeHint().width();
    const int width = std::max(content->sizeHint().width() + chromeWidth + scrollBar, 680);
    const int contentWidth = width - chromeWidth - scrollBar;
    scroll->setMinimumHeight(content->hasHeightForWidth() ? content->heightForWidth(contentWidth)
                                                          : content->sizeHint().height());
    QSize wanted(width, hasHeightForWidth() ? heightForWidth(width) : sizeHint().height());
    scroll->setMinimumHeight(0);
    if (const QScreen* s = screen())
        wanted = wanted.boundedTo(s->availableGeometry().size() * 0.9);
    resize(wanted);
}

QLabel* SettingsDialog::errorLabel(const QString& objectName, const QString& accessibleName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

QWidget* SettingsDialog::buildCluster()
{
    auto* box = new QGroupBox(tr("Cluster"));
    box->setObjectName(QStringLiteral("clusterGroup"));
    QFormLayout* layout = form(box);

    m_kubeconfigs = new QListWidget;
    m_kubeconfigs->setObjectName(QStringLiteral("kubeconfigList"));
    m_kubeconfigs->setAccessibleName(tr("Kubeconfig files"));
    m_kubeconfigs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_kubeconfigs->setDragDropMode(QAbstractItemView::InternalMove);
    m_kubeconfigs->setTextElideMode(Qt::ElideMiddle);
    m_kubeconfigs->setFixedHeight(m_kubeconfigs->fontMetrics().height() * 5 + 2 * m_kubeconfigs->frameWidth() + 8);
    auto* removeAction = new QAction(tr("Remove"), m_kubeconfigs);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_kubeconfigs->addAction(removeAction);

    m_addKubeconfig = new QPushButton(tr("&Add…"));
    m_addKubeconfig->setObjectName(QStringLiteral("kubeconfigAddButton"));
    m_addKubeconfig->setAccessibleName(tr("Add kubeconfig files"));
    m_removeKubeconfig = new QPushButton(tr("&Remove"));
    m_removeKubeconfig->setObjectName(QStringLiteral("kubeconfigRemoveButton"));
    m_removeKubeconfig->setAccessibleName(tr("Remove the selected kubeconfig file"));
    m_kubeconfigUp = new QPushButton(tr("&Up"));
    m_kubeconfigUp->setObjectName(QStringLiteral("kubeconfigUpButton"));
    m_kubeconfigUp->setAccessibleName(tr("Move the selected kubeconfig file up"));
    m_kubeconfigUp->setToolTip(tr("Earlier files win when two define the same context"));
    m_kubeconfigDown = new QPushButton(tr("&Down"));
    m_kubeconfigDown->setObjectName(QStringLiteral("kubeconfigDownButton"));
    m_kubeconfigDown->setAccessibleName(tr("Move the selected kubeconfig file down"));
    m_kubeconfigDown->setToolTip(m_kubeconfigUp->toolTip());

    auto* listButtons = new QVBoxLayout;
    listButtons->setSpacing(4);
    for (QPushButton* button : { m_addKubeconfig, m_removeKubeconfig, m_kubeconfigUp, m_kubeconfigDown })
        listButtons->addWidget(button);
    listButtons->addStretch(1);
    auto* listRow = new QHBoxLayout;
    listRow->setSpacing(8);
    listRow->addWidget(m_kubeconfigs, 1);
    listRow->addLayout(listButtons);

    QString fallback = tr("When the list is empty: $KUBECONFIG, then ~/.kube/config.");
    if (const QString env = qEnvironmentVariable("KUBECONFIG"); !env.isEmpty())
        fallback = tr("When the list is empty: $KUBECONFIG (now %1), then ~/.kube/config.")
                       .arg(QDir::toNativeSeparators(env));
    QLabel* kubeconfigHint = hintLabel(QStringLiteral("kubeconfigHint"), fallback);
    m_kubeconfigs->setAccessibleDescription(fallback);

    auto* kubeconfigLabel = new QLabel(tr("&Kubeconfig files:"));
    kubeconfigLabel->setObjectName(QStringLiteral("kubeconfigLabel"));
    kubeconfigLabel->setBuddy(m_kubeconfigs);
    layout->addRow(kubeconfigLabel, fieldColumn(listRow, { kubeconfigHint }));

    m_context = new QComboBox;
    m_context->setObjectName(QStringLiteral("defaultContextCombo"));
    m_context->setAccessibleName(tr("Default context"));
    m_context->setEditable(true);
    m_context->setInsertPolicy(QComboBox::NoInsert);
    m_context->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_context->lineEdit()->setPlaceholderText(tr("Automatic"));
    m_context->setToolTip(tr("Automatic: the profile's minikube profile when the kubeconfig has that context, "
                             "else its current-context"));
    m_context->addItem(tr("Automatic"), QString());
    const QStringList contexts = m_workspace->contexts();
    for (const QString& context : contexts) {
        m_context->addItem(context == m_workspace->currentContext() ? tr("%1 (current)").arg(context) : context,
                           context);
    }
    m_contextHint = errorLabel(QStringLiteral("defaultContextHint"), tr("Default context note"));
    auto* contextLabel = new QLabel(tr("Default conte&xt:"));
    contextLabel->setObjectName(QStringLiteral("defaultContextLabel"));
    contextLabel->setBuddy(m_context);
    layout->addRow(contextLabel, fieldColumn(row({ m_context }), { m_contextHint }));

    m_namespace = new QLineEdit;
    m_namespace->setObjectName(QStringLiteral("defaultNamespaceEdit"));
    m_namespace->setAccessibleName(tr("Default namespace"));
    m_namespace->setPlaceholderText(tr("Automatic: the profile's namespace"));
    m_namespace->setClearButtonEnabled(true);
    m_namespaceError = errorLabel(QStringLiteral("defaultNamespaceError"), tr("Default namespace validation"));
    auto* namespaceLabel = new QLabel(tr("Default &namespace:"));
    namespaceLabel->setObjectName(QStringLiteral("defaultNamespaceLabel"));
    namespaceLabel->setBuddy(m_namespace);
    layout->addRow(namespaceLabel, fieldColumn(row({ m_namespace }), { m_namespaceError }));

    connect(m_kubeconfigs, &QListWidget::currentRowChanged, this, &SettingsDialog::updateListButtons);
    connect(m_kubeconfigs->model(), &QAbstractItemModel::rowsMoved, this, &SettingsDialog::updateListButtons);
    connect(m_addKubeconfig, &QPushButton::clicked, this, &SettingsDialog::addKubeconfigs);
    connect(m_removeKubeconfig, &QPushButton::clicked, this, [this] {
        delete m_kubeconfigs->currentItem();
        updateListButtons();
    });
    connect(removeAction, &QAction::triggered, m_removeKubeconfig, &QPushButton::click);
    connect(m_kubeconfigUp, &QPushButton::clicked, this, [this] { moveKubeconfig(-1); });
    connect(m_kubeconfigDown, &QPushButton::clicked, this, [this] { moveKubeconfig(1); });
    connect(m_context, &QComboBox::currentTextChanged, this, &SettingsDialog::validate);
    // "Automatic" chosen from the list reads as the empty field it stands for.
    connect(m_context, &QComboBox::activated, this, [this](int index) {
        if (m_context->itemData(index).toString().isEmpty())
            m_context->clearEditText();
    });
    connect(m_namespace, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    return box;
}

QWidget* SettingsDialog::buildProfile()
{
    auto* box = new QGroupBox(tr("Deployment profile"));
    box->setObjectName(QStringLiteral("profileGroup"));
    QFormLayout* layout = form(box);

    m_profile = new QLineEdit;
    m_profile->setObjectName(QStringLiteral("profileFileEdit"));
    m_profile->setAccessibleName(tr("Profile file"));
    m_profile->setPlaceholderText(tr("./quayside.yaml, else the shipped todo-chatbot profile"));
    m_profile->setClearButtonEnabled(true);
    m_browseProfile = new QPushButton(tr("&Browse…"));
    m_browseProfile->setObjectName(QStringLiteral("profileBrowseButton"));
    m_browseProfile->setAccessibleName(tr("Choose the profile file"));
    m_profileError = errorLabel(QStringLiteral("profileFileError"), tr("Profile file validation"));
    m_profileHint = hintLabel(QStringLiteral("profileFileHint"), QString());
    auto* profileLabel = new QLabel(tr("&Profile file:"));
    profileLabel->setObjectName(QStringLiteral("profileFileLabel"));
    profileLabel->setBuddy(m_profile);
    layout->addRow(profileLabel, fieldColumn(row({ m_profile, m_browseProfile }), { m_profileError, m_profileHint }));

    connect(m_profile, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_browseProfile, &QPushButton::clicked, this, [this] {
        chooseFile(m_profile, QStringLiteral("profileFileDialog"), tr("Choose a deployment profile"),
                   { tr("YAML files (*.yaml *.yml)"), tr("All files (*)") }, ProfileLocator::defaultProfile());
    });
    return box;
}

QWidget* SettingsDialog::buildDashboard()
{
    auto* box = new QGroupBox(tr("Dashboard"));
    box->setObjectName(QStringLiteral("dashboardGroup"));
    QFormLayout* layout = form(box);

    m_logLineLimit = new QSpinBox;
    m_logLineLimit->setObjectName(QStringLiteral("logLineLimitSpin"));
    m_logLineLimit->setAccessibleName(tr("Log line limit"));
    m_logLineLimit->setRange(kMinLogLines, kMaxLogLines);
    m_logLineLimit->setSingleStep(kMinLogLines);
    m_logLineLimit->setGroupSeparatorShown(true);
    m_logLineLimit->setSuffix(tr(" lines"));
    m_logLineLimit->setToolTip(tr("The log pane keeps this many lines and drops the oldest ones"));
    auto* logLabel = new QLabel(tr("&Log line limit:"));
    logLabel->setObjectName(QStringLiteral("logLineLimitLabel"));
    logLabel->setBuddy(m_logLineLimit);
    auto* logRow = new QHBoxLayout;
    logRow->addWidget(m_logLineLimit);
    logRow->addStretch(1);
    layout->addRow(logLabel, fieldColumn(logRow, {}));

    m_metricsInterval = new QSpinBox;
    m_metricsInterval->setObjectName(QStringLiteral("metricsIntervalSpin"));
    m_metricsInterval->setAccessibleName(tr("Metrics interval in seconds"));
    m_metricsInterval->setRange(1, kMaxMetricsSeconds);
    m_metricsInterval->setSuffix(tr(" s"));
    // As wide as the line limit, so the two numbers line up.
    m_metricsInterval->setMinimumWidth(m_logLineLimit->sizeHint().width());
    const QString metricsText = tr("Shorter intervals put more load on the API server and metrics-server.");
    m_metricsInterval->setAccessibleDescription(metricsText);
    auto* metricsLabel = new QLabel(tr("&Metrics interval:"));
    metricsLabel->setObjectName(QStringLiteral("metricsIntervalLabel"));
    metricsLabel->setBuddy(m_metricsInterval);
    auto* metricsRow = new QHBoxLayout;
    metricsRow->addWidget(m_metricsInterval);
    metricsRow->addStretch(1);
    layout->addRow(metricsLabel,
                   fieldColumn(metricsRow, { hintLabel(QStringLiteral("metricsIntervalHint"), metricsText) }));
    return box;
}

QWidget* SettingsDialog::buildTools()
{
    auto* box = new QGroupBox(tr("Tools"));
    box->setObjectName(QStringLiteral("toolsGroup"));
    QFormLayout* layout = form(box);
    layout->addRow(hintLabel(QStringLiteral("toolsHint"),
                             tr("Leave a field empty to look the tool up on PATH. A desktop launcher's PATH "
                                "often lacks them: then give the program's full path here.")));

    const QStringList searchPath = ExecutableFinder::searchPath();
    for (const QString& tool : Preferences::overridableTools()) {
        ToolRow toolRow;
        toolRow.path = new QLineEdit;
        toolRow.path->setObjectName(QStringLiteral("toolPathEdit_") + tool);
        toolRow.path->setAccessibleName(tr("Path to %1").arg(tool));
        toolRow.path->setClearButtonEnabled(true);
        // What is used without an override, which is what the field replaces: the override itself is
        // ignored here, or a wrong one would hide the copy on PATH.
        const QString onPath = QStandardPaths::findExecutable(tool, searchPath);
        toolRow.path->setPlaceholderText(onPath.isEmpty() ? tr("Not found on PATH")
                                                          : tr("%1 (from PATH)").arg(QDir::toNativeSeparators(onPath)));
        toolRow.browse = new QPushButton(tr("Browse…"));
        toolRow.browse->setObjectName(QStringLiteral("toolBrowseButton_") + tool);
        toolRow.browse->setAccessibleName(tr("Choose the %1 program").arg(tool));
        toolRow.error = errorLabel(QStringLiteral("toolPathError_") + tool, tr("Path to %1 validation").arg(tool));
        auto* label = new QLabel(tr("%1:").arg(tool));
        label->setObjectName(QStringLiteral("toolPathLabel_") + tool);
        label->setBuddy(toolRow.path);
        layout->addRow(label, fieldColumn(row({ toolRow.path, toolRow.browse }), { toolRow.error }));
        m_tools.insert(tool, toolRow);

        connect(toolRow.path, &QLineEdit::textChanged, this, &SettingsDialog::validate);
        QLineEdit* edit = toolRow.path;
        connect(toolRow.browse, &QPushButton::clicked, this, [this, edit, tool, onPath] {
            chooseFile(edit, QStringLiteral("toolFileDialog_") + tool, tr("Choose the %1 program").arg(tool),
                       { tr("All files (*)") }, onPath);
        });
    }
    return box;
}

QWidget* SettingsDialog::buildAi()
{
    auto* box = new QGroupBox(tr("AI"));
    box->setObjectName(QStringLiteral("aiGroup"));
    QFormLayout* layout = form(box);
    layout->addRow(hintLabel(QStringLiteral("aiHint"),
                             tr("The optional AI tools behind Ask AI. kubectl-ai and kagent are given Quayside's "
                                "cluster and context; the key is kept in the system keychain and reaches only "
                                "the tool's environment.")));

    m_aiTool = new QComboBox;
    m_aiTool->setObjectName(QStringLiteral("aiToolCombo"));
    m_aiTool->setAccessibleName(tr("Default AI tool"));
    for (const ai::AiTool& tool : ai::AiTool::all())
        m_aiTool->addItem(tool.displayName, tool.id);
    auto* toolLabel = new QLabel(tr("AI t&ool:"));
    toolLabel->setObjectName(QStringLiteral("aiToolLabel"));
    toolLabel->setBuddy(m_aiTool);
    auto* toolRow = new QHBoxLayout;
    toolRow->addWidget(m_aiTool);
    toolRow->addStretch(1);
    layout->addRow(toolLabel,
                   fieldColumn(toolRow,
                               { hintLabel(QStringLiteral("aiToolHint"),
                                           tr("What Ask AI and a problem's \"Ask AI\" start "
                                              "with.")) }));

    // The known providers by name, and any other name for an OpenAI-compatible endpoint.
    m_aiProvider = new QComboBox;
    m_aiProvider->setObjectName(QStringLiteral("aiProviderCombo"));
    m_aiProvider->setAccessibleName(tr("LLM provider"));
    m_aiProvider->setEditable(true);
    m_aiProvider->setInsertPolicy(QComboBox::NoInsert);
    m_aiProvider->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_aiProvider->setToolTip(tr("kubectl-ai --llm-provider. Type another name for an OpenAI-compatible endpoint."));
    for (const ai::AiProvider& provider : ai::AiProvider::all())
        m_aiProvider->addItem(provider.displayName, provider.id);
    m_aiProviderHint = hintLabel(QStringLiteral("aiProviderHint"), QString());
    auto* providerLabel = new QLabel(tr("LLM pro&vider:"));
    providerLabel->setObjectName(QStringLiteral("aiProviderLabel"));
    providerLabel->setBuddy(m_aiProvider);
    layout->addRow(providerLabel, fieldColumn(row({ m_aiProvider }), { m_aiProviderHint }));

    m_aiModel = new QLineEdit;
    m_aiModel->setObjectName(QStringLiteral("aiModelEdit"));
    m_aiModel->setAccessibleName(tr("Model"));
    m_aiModel->setPlaceholderText(tr("The provider's default"));
    m_aiModel->setClearButtonEnabled(true);
    auto* modelLabel = new QLabel(tr("Mod&el:"));
    modelLabel->setObjectName(QStringLiteral("aiModelLabel"));
    modelLabel->setBuddy(m_aiModel);
    layout->addRow(modelLabel, fieldColumn(row({ m_aiModel }), {}));

    m_aiKey = new QLineEdit;
    m_aiKey->setObjectName(QStringLiteral("aiKeyEdit"));
    m_aiKey->setAccessibleName(tr("API key"));
    m_aiKey->setEchoMode(QLineEdit::Password);
    // Not a password the desktop should offer to remember or an input method should learn.
    m_aiKey->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_aiKey->setClearButtonEnabled(true);
    m_removeAiKey = new QPushButton(tr("Remove"));
    m_removeAiKey->setObjectName(QStringLiteral("aiKeyRemoveButton"));
    m_removeAiKey->setAccessibleName(tr("Remove the stored API key from the keychain"));
    m_removeAiKey->setEnabled(false);
    m_aiKeyState = errorLabel(QStringLiteral("aiKeyState"), tr("Whether an API key is stored"));
    m_aiKeyState->setVisible(true);
    auto* keyLabel = new QLabel(tr("API ke&y:"));
    keyLabel->setObjectName(QStringLiteral("aiKeyLabel"));
    keyLabel->setBuddy(m_aiKey);
    layout->addRow(keyLabel, fieldColumn(row({ m_aiKey, m_removeAiKey }), { m_aiKeyState }));

    m_aiTimeout = new QSpinBox;
    m_aiTimeout->setObjectName(QStringLiteral("aiTimeoutSpin"));
    m_aiTimeout->setAccessibleName(tr("AI timeout in seconds"));
    m_aiTimeout->setRange(kMinAiTimeoutSeconds, kMaxAiTimeoutSeconds);
    m_aiTimeout->setSuffix(tr(" s"));
    m_aiTimeout->setMinimumWidth(m_logLineLimit ? m_logLineLimit->sizeHint().width() : 0);
    auto* timeoutLabel = new QLabel(tr("T&imeout:"));
    timeoutLabel->setObjectName(QStringLiteral("aiTimeoutLabel"));
    timeoutLabel->setBuddy(m_aiTimeout);
    auto* timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_aiTimeout);
    timeoutRow->addStretch(1);
    layout->addRow(timeoutLabel,
                   fieldColumn(timeoutRow,
                               { hintLabel(QStringLiteral("aiTimeoutHint"),
                                           tr("Then the tool is stopped, with everything it started.")) }));

    m_kagentAgent = new QLineEdit;
    m_kagentAgent->setObjectName(QStringLiteral("kagentAgentEdit"));
    m_kagentAgent->setAccessibleName(tr("kagent agent"));
    m_kagentAgent->setPlaceholderText(kDefaultKagentAgent);
    m_kagentAgent->setClearButtonEnabled(true);
    m_kagentNamespace = new QLineEdit;
    m_kagentNamespace->setObjectName(QStringLiteral("kagentNamespaceEdit"));
    m_kagentNamespace->setAccessibleName(tr("kagent agent namespace"));
    m_kagentNamespace->setPlaceholderText(kDefaultKagentNamespace);
    m_kagentNamespace->setClearButtonEnabled(true);
    m_kagentNamespace->setToolTip(tr("Where the agents live (kagent's --namespace), not the app's namespace"));
    auto* inLabel = new QLabel(tr("in namespace"));
    inLabel->setObjectName(QStringLiteral("kagentNamespaceInLabel"));
    inLabel->setBuddy(m_kagentNamespace);
    m_kagentNamespaceError = errorLabel(QStringLiteral("kagentNamespaceError"), tr("kagent namespace validation"));
    auto* agentLabel = new QLabel(tr("kagent a&gent:"));
    agentLabel->setObjectName(QStringLiteral("kagentAgentLabel"));
    agentLabel->setBuddy(m_kagentAgent);
    auto* agentRow = new QHBoxLayout;
    agentRow->setSpacing(6);
    agentRow->addWidget(m_kagentAgent, 1);
    agentRow->addWidget(inLabel);
    agentRow->addWidget(m_kagentNamespace, 1);
    layout->addRow(
        agentLabel,
        fieldColumn(agentRow,
                    { m_kagentNamespaceError,
                      hintLabel(QStringLiteral("kagentHint"), tr("`kagent get agent` lists the agents.")) }));

    m_terminal = new QLineEdit;
    m_terminal->setObjectName(QStringLiteral("terminalCommandEdit"));
    m_terminal->setAccessibleName(tr("Terminal for Gordon"));
    m_terminal->setClearButtonEnabled(true);
    // What is used when the field is empty, as the tools' fields show what PATH gives.
    QString found;
    if (const auto launch = ai::TerminalLauncher::plan(QString(), {}, &found))
        m_terminal->setPlaceholderText(tr("%1 (found)").arg(QDir::toNativeSeparators(launch->program)));
    else
        m_terminal->setPlaceholderText(tr("None found: give a terminal emulator"));
    auto* terminalLabel = new QLabel(tr("Terminal:"));
    terminalLabel->setObjectName(QStringLiteral("terminalCommandLabel"));
    terminalLabel->setBuddy(m_terminal);
    layout->addRow(terminalLabel,
                   fieldColumn(row({ m_terminal }),
                               { hintLabel(QStringLiteral("terminalCommandHint"),
                                           tr("Gordon opens in it (docker ai has only an "
                                              "interactive UI).")) }));

    // The keychain is asked once the provider name stops changing, not per key typed.
    m_keyStateTimer.setSingleShot(true);
    m_keyStateTimer.setInterval(300);
    connect(&m_keyStateTimer, &QTimer::timeout, this, &SettingsDialog::refreshKeyState);
    connect(m_aiProvider, &QComboBox::currentTextChanged, this, [this] {
        updateProviderHint();
        m_keyStateTimer.start();
    });
    connect(m_kagentNamespace, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_removeAiKey, &QPushButton::clicked, this, [this] {
        if (!m_aiKeys)
            return;
        m_removeAiKey->setEnabled(false);
        m_aiKeyState->setText(tr("Removing the key…"));
        m_aiKeys->remove(providerValue(), this, [this](const KeychainError& error) {
            if (!error.ok()) {
                showKeyState(true, error);
                return;
            }
            refreshKeyState();
        });
    });
    return box;
}

QString SettingsDialog::providerValue() const
{
    const QString text = m_aiProvider->currentText().trimmed();
    // The list shows names; an item stands for its id.
    const int index = m_aiProvider->findText(text, Qt::MatchExactly);
    return index >= 0 ? m_aiProvider->itemData(index).toString() : text;
}

void SettingsDialog::setProviderText(const QString& provider)
{
    const int index = m_aiProvider->findData(provider);
    if (index >= 0) {
        m_aiProvider->setCurrentIndex(index);
        // setCurrentIndex() of the index already current leaves an edited text as it was.
        m_aiProvider->setEditText(m_aiProvider->itemText(index));
    } else {
        m_aiProvider->setEditText(provider);
    }
}

void SettingsDialog::updateProviderHint()
{
    const QString id = providerValue();
    const ai::AiProvider provider = ai::AiProvider::get(id);
    const bool known = m_aiProvider->findData(id) >= 0;
    QString hint;
    if (provider.keyVariable.isEmpty())
        hint = tr("%1 needs no API key from Quayside.").arg(provider.displayName);
    else if (known)
        hint = tr("The key goes to kubectl-ai as %1, in its environment only.").arg(provider.keyVariable);
    else
        hint = tr("\"%1\" is taken as an OpenAI-compatible endpoint: the key goes to kubectl-ai as %2.")
                   .arg(id, provider.keyVariable);
    m_aiProviderHint->setText(hint);
    m_aiProviderHint->setAccessibleName(hint);
    m_aiKey->setEnabled(m_aiKeys && !provider.keyVariable.isEmpty() && !m_storingKey);
}

void SettingsDialog::refreshKeyState()
{
    const QString id = providerValue();
    const ai::AiProvider provider = ai::AiProvider::get(id);
    m_keyStateProvider = id;
    if (!m_aiKeys) {
        m_aiKey->setPlaceholderText(tr("The keychain is not available here"));
        m_aiKeyState->setText(QString());
        m_aiKeyState->hide();
        m_removeAiKey->setEnabled(false);
        return;
    }
    if (provider.keyVariable.isEmpty()) {
        m_aiKey->setPlaceholderText(tr("Not needed for this provider"));
        m_aiKeyState->setText(QString());
        m_aiKeyState->hide();
        m_removeAiKey->setEnabled(false);
        return;
    }
    m_aiKeyState->setText(tr("Looking in the keychain…"));
    m_aiKeyState->show();
    m_aiKeys->read(id, this, [this, id](QByteArray& key, const KeychainError& error) {
        // An answer about a provider no longer in the field is old news.
        if (id != m_keyStateProvider)
            return;
        showKeyState(!key.isEmpty(), error);
    });
}

void SettingsDialog::showKeyState(bool stored, const KeychainError& error)
{
    const QString item = ai::AiProvider::keychainKey(m_keyStateProvider);
    m_aiKeyState->show();
    if (!error.ok()) {
        m_aiKeyState->setText(colored(StatusBadge::color(StatusBadge::Kind::Failed),
                                      tr("The keychain could not be used: %1").arg(error.message)));
        m_removeAiKey->setEnabled(false);
        return;
    }
    if (stored) {
        m_aiKeyState->setText(colored(StatusBadge::color(StatusBadge::Kind::Ok),
                                      tr("✔ A key is stored in the system keychain (item %1). Type a new one to "
                                         "replace it.")
                                          .arg(item)));
        m_aiKey->setPlaceholderText(tr("Stored in the keychain"));
    } else {
        m_aiKeyState->setText(tr("No key is stored. One typed here goes to the system keychain (item %1), never "
                                 "to the settings file.")
                                  .arg(item)
                                  .toHtmlEscaped());
        m_aiKey->setPlaceholderText(tr("Not set"));
    }
    m_removeAiKey->setEnabled(stored);
}

QWidget* SettingsDialog::buildAppearance()
{
    auto* box = new QGroupBox(tr("Appearance"));
    box->setObjectName(QStringLiteral("appearanceGroup"));
    QFormLayout* layout = form(box);
    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("System"), static_cast<int>(Preferences::Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(Preferences::Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(Preferences::Theme::Dark));
    auto* themeLabel = new QLabel(tr("&Theme:"));
    themeLabel->setObjectName(QStringLiteral("themeLabel"));
    themeLabel->setBuddy(m_theme);
    auto* themeRow = new QHBoxLayout;
    themeRow->addWidget(m_theme);
    themeRow->addStretch(1);
    layout->addRow(themeLabel, fieldColumn(themeRow, {}));
    return box;
}

void SettingsDialog::setTabOrder()
{
    QList<QWidget*> chain { m_kubeconfigs,    m_addKubeconfig, m_removeKubeconfig, m_kubeconfigUp,
                            m_kubeconfigDown, m_context,       m_namespace,        m_profile,
                            m_browseProfile,  m_logLineLimit,  m_metricsInterval };
    for (const QString& tool : Preferences::overridableTools())
        chain << m_tools.value(tool).path << m_tools.value(tool).browse;
    chain << m_aiTool << m_aiProvider << m_aiModel << m_aiKey << m_removeAiKey << m_aiTimeout << m_kagentAgent
          << m_kagentNamespace << m_terminal;
    chain << m_theme;
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void SettingsDialog::load()
{
    m_kubeconfigs->clear();
    for (const QString& path : m_preferences->kubeconfigPaths()) {
        auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), m_kubeconfigs);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    setContextText(m_preferences->defaultContext());
    m_namespace->setText(m_preferences->defaultNamespace());
    m_profile->setText(QDir::toNativeSeparators(m_preferences->profileFile()));
    m_logLineLimit->setValue(m_preferences->logLineLimit());
    m_metricsInterval->setValue(static_cast<int>(m_preferences->metricsInterval().count()));
    for (auto it = m_tools.cbegin(); it != m_tools.cend(); ++it)
        it->path->setText(QDir::toNativeSeparators(m_preferences->toolPath(it.key())));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(m_preferences->theme())));
    m_aiTool->setCurrentIndex(std::max(0, m_aiTool->findData(m_preferences->aiTool())));
    setProviderText(m_preferences->aiProvider());
    m_aiModel->setText(m_preferences->aiModel());
    m_aiKey->clear();
    m_aiTimeout->setValue(static_cast<int>(m_preferences->aiTimeout().count()));
    // The defaults show as placeholders, as everywhere in this dialog.
    const QString agent = m_preferences->kagentAgent();
    m_kagentAgent->setText(agent == kDefaultKagentAgent ? QString() : agent);
    const QString agentNamespace = m_preferences->kagentNamespace();
    m_kagentNamespace->setText(agentNamespace == kDefaultKagentNamespace ? QString() : agentNamespace);
    m_terminal->setText(m_preferences->terminalCommand());
    updateProviderHint();
    refreshKeyState();
    updateListButtons();
    validate();
}

void SettingsDialog::restoreDefaults()
{
    m_kubeconfigs->clear();
    setContextText(QString());
    m_namespace->clear();
    m_profile->clear();
    m_logLineLimit->setValue(Preferences::kDefaultLogLineLimit);
    m_metricsInterval->setValue(static_cast<int>(Preferences::kDefaultMetricsInterval.count()));
    for (const ToolRow& toolRow : std::as_const(m_tools))
        toolRow.path->clear();
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(Preferences::Theme::System)));
    // The stored key is not a setting: Remove takes it out of the keychain.
    m_aiTool->setCurrentIndex(0);
    setProviderText(QString());
    m_aiModel->clear();
    m_aiTimeout->setValue(static_cast<int>(Preferences::kDefaultAiTimeout.count()));
    m_kagentAgent->clear();
    m_kagentNamespace->clear();
    m_terminal->clear();
    updateListButtons();
    validate();
}

void SettingsDialog::save()
{
    if (!isValid())
        return;
    const QString provider = providerValue();
    if (m_aiKeys && m_aiKey->isEnabled() && !m_aiKey->text().isEmpty()) {
        m_storingKey = true;
        m_aiKey->setEnabled(false);
        m_removeAiKey->setEnabled(false);
        m_aiKeyState->setText(tr("Storing the key in the keychain…"));
        validate();
        m_aiKeys->write(provider, m_aiKey->text().toUtf8(), this, [this, provider](const KeychainError& error) {
            m_storingKey = false;
            m_keyStateProvider = provider;
            updateProviderHint();
            if (!error.ok()) {
                // Nothing is stored: the user can retry, or Cancel without losing more than the key.
                showKeyState(false, error);
                validate();
                return;
            }
            m_aiKey->clear();
            showKeyState(true, error);
            validate();
            store();
        });
        return;
    }
    store();
}

void SettingsDialog::store()
{
    // A number still being typed counts as typed.
    m_logLineLimit->interpretText();
    m_metricsInterval->interpretText();
    m_aiTimeout->interpretText();

    QStringList kubeconfigs;
    for (int i = 0; i < m_kubeconfigs->count(); ++i)
        kubeconfigs << m_kubeconfigs->item(i)->data(Qt::UserRole).toString();

    m_preferences->beginUpdate();
    m_preferences->setKubeconfigPaths(kubeconfigs);
    m_preferences->setDefaultContext(contextValue());
    m_preferences->setDefaultNamespace(m_namespace->text());
    m_preferences->setProfileFile(QDir::fromNativeSeparators(m_profile->text().trimmed()));
    m_preferences->setLogLineLimit(m_logLineLimit->value());
    m_preferences->setMetricsInterval(std::chrono::seconds(m_metricsInterval->value()));
    for (auto it = m_tools.cbegin(); it != m_tools.cend(); ++it)
        m_preferences->setToolPath(it.key(), it->path->text());
    m_preferences->setTheme(static_cast<Preferences::Theme>(m_theme->currentData().toInt()));
    m_preferences->setAiTool(m_aiTool->currentData().toString());
    m_preferences->setAiProvider(providerValue());
    m_preferences->setAiModel(m_aiModel->text());
    m_preferences->setAiTimeout(std::chrono::seconds(m_aiTimeout->value()));
    const QString agent = m_kagentAgent->text().trimmed();
    m_preferences->setKagentAgent(agent.isEmpty() ? kDefaultKagentAgent : agent);
    const QString agentNamespace = m_kagentNamespace->text().trimmed();
    m_preferences->setKagentNamespace(agentNamespace.isEmpty() ? kDefaultKagentNamespace : agentNamespace);
    m_preferences->setTerminalCommand(m_terminal->text());
    m_preferences->endUpdate();
    accept();
}

bool SettingsDialog::isValid() const
{
    if (m_storingKey || !namespaceProblem(m_namespace->text()).isEmpty()
        || !profileFileProblem(m_profile->text()).isEmpty() || !namespaceProblem(m_kagentNamespace->text()).isEmpty())
        return false;
    return std::all_of(m_tools.cbegin(), m_tools.cend(),
                       [](const ToolRow& toolRow) { return toolPathProblem(toolRow.path->text()).isEmpty(); });
}

QString SettingsDialog::namespaceProblem(const QString& text)
{
    const QString name = text.trimmed();
    if (name.isEmpty())
        return {};
    QString problem = DnsLabel::problem(name, tr("a namespace"));
    if (!problem.isEmpty())
        problem[0] = problem.at(0).toUpper();
    return problem;
}

QString SettingsDialog::toolPathProblem(const QString& path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QFileInfo info(trimmed);
    // The override is used whatever the working directory: a relative path would change meaning.
    if (!info.isAbsolute())
        return tr("Give the program's full path (or leave the field empty to use PATH).");
    if (!info.exists())
        return tr("There is no file at this path.");
    if (info.isDir())
        return tr("This is a folder: choose the program inside it.");
    if (!info.isExecutable())
        return tr("This file is not executable.");
    return {};
}

QString SettingsDialog::profileFileProblem(const QString& path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QFileInfo info(trimmed);
    if (!info.exists())
        return tr("There is no file at this path.");
    if (info.isDir())
        return tr("This is a folder: choose the profile file (.yaml) inside it.");
    if (!info.isReadable())
        return tr("This file cannot be read.");
    return {};
}

void SettingsDialog::validate()
{
    const QColor failed = StatusBadge::color(StatusBadge::Kind::Failed);
    const auto show = [&failed](QLabel* label, const QString& problem) {
        label->setText(problem.isEmpty() ? QString() : colored(failed, problem));
        label->setVisible(!problem.isEmpty());
    };
    show(m_namespaceError, namespaceProblem(m_namespace->text()));
    show(m_profileError, profileFileProblem(m_profile->text()));
    for (const ToolRow& toolRow : std::as_const(m_tools))
        show(toolRow.error, toolPathProblem(toolRow.path->text()));
    show(m_kagentNamespaceError, namespaceProblem(m_kagentNamespace->text()));

    // A context the files lack is allowed (minikube may write it later), but worth saying.
    const QString context = contextValue();
    const QStringList contexts = m_workspace->contexts();
    const bool unknown = !context.isEmpty() && !contexts.isEmpty() && !contexts.contains(context);
    m_contextHint->setText(unknown ? colored(StatusBadge::color(StatusBadge::Kind::Warning),
                                             tr("The kubeconfig files have no context named %1 yet.").arg(context))
                                   : QString());
    m_contextHint->setVisible(unknown);

    const bool profileEmpty = m_profile->text().trimmed().isEmpty();
    if (profileEmpty) {
        const QString fallback = ProfileLocator::defaultProfile();
        m_profileHint->setText(fallback.isEmpty() ? tr("Now neither exists: write one with `quayside init`.")
                                                  : tr("Now: %1").arg(QDir::toNativeSeparators(fallback)));
    }
    m_profileHint->setVisible(profileEmpty);

    m_save->setEnabled(isValid());
}

void SettingsDialog::updateListButtons()
{
    const int current = m_kubeconfigs->currentRow();
    const bool selected = current >= 0 && m_kubeconfigs->currentItem() && m_kubeconfigs->currentItem()->isSelected();
    m_removeKubeconfig->setEnabled(selected);
    m_kubeconfigUp->setEnabled(selected && current > 0);
    m_kubeconfigDown->setEnabled(selected && current < m_kubeconfigs->count() - 1);
}

void SettingsDialog::addKubeconfigs()
{
    QString start = QDir::homePath() + QStringLiteral("/.kube");
    if (!QFileInfo(start).isDir())
        start = QDir::homePath();
    auto* dialog = new QFileDialog(this, tr("Add kubeconfig files"), start);
    dialog->setObjectName(QStringLiteral("kubeconfigFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    // Kubeconfig files rarely have an extension (~/.kube/config) and live in a hidden folder.
    dialog->setNameFilters({ tr("All files (*)"), tr("YAML files (*.yaml *.yml)") });
    dialog->setFilter(dialog->filter() | QDir::Hidden);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList& files) {
        for (const QString& file : files) {
            const QString path = QDir::fromNativeSeparators(file);
            bool present = false;
            for (int i = 0; i < m_kubeconfigs->count() && !present; ++i)
                present = m_kubeconfigs->item(i)->data(Qt::UserRole).toString() == path;
            if (present)
                continue;
            auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), m_kubeconfigs);
            item->setData(Qt::UserRole, path);
            item->setToolTip(path);
            m_kubeconfigs->setCurrentItem(item);
        }
        updateListButtons();
    });
    dialog->open();
}

void SettingsDialog::moveKubeconfig(int delta)
{
    const int from = m_kubeconfigs->currentRow();
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_kubeconfigs->count())
        return;
    QListWidgetItem* item = m_kubeconfigs->takeItem(from);
    m_kubeconfigs->insertItem(to, item);
    m_kubeconfigs->setCurrentItem(item);
    updateListButtons();
}

void SettingsDialog::setContextText(const QString& context)
{
    const int index = context.isEmpty() ? -1 : m_context->findData(context);
    m_context->setCurrentIndex(index);
    if (index < 0)
        m_context->setEditText(context);
}

QString SettingsDialog::contextValue() const
{
    const QString text = m_context->currentText().trimmed();
    // The list shows "name (current)": the item stands for its bare name.
    const int index = m_context->findText(text, Qt::MatchExactly);
    return index >= 0 ? m_context->itemData(index).toString() : text;
}

void SettingsDialog::chooseFile(QLineEdit* target, const QString& objectName, const QString& title,
                                const QStringList& filters, const QString& fallback)
{
    QString start = target->text().trimmed();
    if (start.isEmpty())
        start = fallback;
    auto* dialog = new QFileDialog(this, title, start.isEmpty() ? QDir::homePath() : QFileInfo(start).absolutePath());
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters(filters);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, target, [target](const QString& file) {
        target->setText(QDir::toNativeSeparators(file));
        target->setFocus();
    });
    dialog->open();
}

} // namespace quayside::ui
