#include "deploy/BuildDeployPage.h"

#include "Theme.h"
#include "deploy/ImageProgressRow.h"
#include "deploy/ReleaseHistoryPanel.h"
#include "deploy/StepLogView.h"
#include "deploy/StepRow.h"
#include "pipeline/CommandPreview.h"
#include "pipeline/HelmOperations.h"
#include "pipeline/Pipeline.h"
#include "pipeline/PipelineStep.h"
#include "profile/ProfileLoader.h"
#include "widgets/PageHeading.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {
QFrame* card(QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    // A role, not a copied colour, so the card follows a theme change.
    frame->setBackgroundRole(QPalette::Base);
    return frame;
}
} // namespace

BuildDeployPage::BuildDeployPage(Pipeline* pipeline, ToolRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_pipeline(pipeline)
    , m_runner(runner)
    , m_subtitle(new QLabel(this))
    , m_source(new QLineEdit(this))
    , m_choose(new QPushButton(tr("Choose…"), this))
    , m_deploy(new QPushButton(tr("Deploy"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_retry(new QPushButton(tr("Retry from failed step"), this))
    , m_commandsToggle(new QPushButton(tr("Show commands"), this))
    , m_total(new QLabel(this))
    , m_rowsLayout(new QVBoxLayout)
    , m_paneTitle(new QLabel(this))
    , m_copyCommands(new QPushButton(tr("Copy all commands"), this))
    , m_panes(new QStackedWidget(this))
    , m_commands(new QPlainTextEdit(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_openApp(new QPushButton(tr("Open app"), m_banner))
    , m_dashboard(new QPushButton(tr("Go to Dashboard"), m_banner))
    , m_history(new ReleaseHistoryPanel(this))
{
    setObjectName(QStringLiteral("buildDeployPage"));
    m_source->setObjectName(QStringLiteral("sourceEdit"));
    m_choose->setObjectName(QStringLiteral("chooseSourceButton"));
    m_deploy->setObjectName(QStringLiteral("deployButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_commandsToggle->setObjectName(QStringLiteral("showCommandsButton"));
    m_total->setObjectName(QStringLiteral("totalElapsed"));
    m_paneTitle->setObjectName(QStringLiteral("paneTitle"));
    m_copyCommands->setObjectName(QStringLiteral("copyCommandsButton"));
    m_commands->setObjectName(QStringLiteral("commandsView"));
    m_commands->setAccessibleName(tr("Commands the deploy runs"));
    m_banner->setObjectName(QStringLiteral("resultBanner"));
    m_bannerText->setObjectName(QStringLiteral("resultText"));
    m_openApp->setObjectName(QStringLiteral("openAppButton"));
    m_dashboard->setObjectName(QStringLiteral("dashboardButton"));
    m_source->setAccessibleName(tr("App source directory"));
    m_openUrl = [](const QUrl& url) { QDesktopServices::openUrl(url); };

    // Header: what is deployed where, from which sources, and the controls.
    auto* title = new PageHeading(tr("Build & Deploy"), QStringLiteral("buildDeployHeading"), this);
    Theme::bindPalette(m_subtitle, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    m_source->setPlaceholderText(tr("the directory holding the app's backend/ and frontend/"));
    m_deploy->setDefault(true);
    Theme::bindStyleSheet(
        m_deploy,
        QStringLiteral("QPushButton { background: %1; color: %2; border: none; border-radius: 4px; "
                       "padding: 6px 18px; font-weight: bold; } "
                       "QPushButton:disabled { background: %3; color: %4; }"),
        { Theme::Role::Accent, Theme::Role::AccentText, Theme::Role::AccentDisabled, Theme::Role::AccentDisabledText });
    // The banner's tint depends on its kind (ok, warn, error), read again when the theme changes.
    connect(Theme::instance(), &Theme::changed, this, &BuildDeployPage::updateBannerLook);
    m_commandsToggle->setCheckable(true);
    m_commandsToggle->setToolTip(tr("Show the plain shell commands each step runs (secrets masked)"));
    QFont totalFont = m_total->font();
    totalFont.setPointSizeF(totalFont.pointSizeF() * 1.2);
    totalFont.setBold(true);
    m_total->setFont(totalFont);

    auto* sourceRow = new QHBoxLayout;
    auto* sourceLabel = new QLabel(tr("App sources:"), this);
    sourceRow->addWidget(sourceLabel);
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_choose);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_deploy);
    controls->addWidget(m_cancel);
    controls->addWidget(m_retry);
    controls->addSpacing(12);
    controls->addWidget(m_commandsToggle);
    controls->addStretch(1);
    controls->addWidget(m_total);

    // Left: the steps (and the image progress bars under Images). Right: the selected step's log.
    auto* stepsCard = card(this);
    stepsCard->setObjectName(QStringLiteral("stepsCard"));
    auto* stepsLayout = new QVBoxLayout(stepsCard);
    stepsLayout->setContentsMargins(6, 6, 6, 6);
    stepsLayout->setSpacing(2);
    m_rowsLayout->setSpacing(2);
    stepsLayout->addLayout(m_rowsLayout);
    stepsLayout->addStretch(1);

    auto* paneCard = new QWidget(this);
    auto* paneLayout = new QVBoxLayout(paneCard);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    auto* paneTop = new QHBoxLayout;
    QFont paneFont = m_paneTitle->font();
    paneFont.setBold(true);
    m_paneTitle->setFont(paneFont);
    paneTop->addWidget(m_paneTitle, 1);
    paneTop->addWidget(m_copyCommands);
    paneLayout->addLayout(paneTop);
    paneLayout->addWidget(m_panes, 1);
    m_commands->setReadOnly(true);
    m_commands->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_commands->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("deploySplitter"));
    splitter->addWidget(stepsCard);
    splitter->addWidget(paneCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ 430, 620 });

    // The result: the URL and what to do next, or what failed.
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_bannerText->setOpenExternalLinks(false);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_openApp);
    bannerLayout->addWidget(m_dashboard);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();
    m_history->setMaximumHeight(170);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(m_subtitle);
    layout->addLayout(sourceRow);
    layout->addLayout(controls);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_history);

    connect(m_deploy, &QPushButton::clicked, this, &BuildDeployPage::deploy);
    connect(m_cancel, &QPushButton::clicked, this, &BuildDeployPage::cancel);
    connect(m_retry, &QPushButton::clicked, this, &BuildDeployPage::retry);
    connect(m_commandsToggle, &QPushButton::toggled, this, &BuildDeployPage::setShowCommands);
    connect(m_choose, &QPushButton::clicked, this, &BuildDeployPage::chooseSource);
    connect(m_source, &QLineEdit::editingFinished, this, [this] { setSourceDirectory(m_source->text().trimmed()); });
    connect(m_copyCommands, &QPushButton::clicked, this, [this] {
        if (m_pipeline)
            QApplication::clipboard()->setText(m_pipeline->commandScript());
    });
    connect(m_openApp, &QPushButton::clicked, this, [this] {
        if (m_pipeline && !m_pipeline->context().accessUrl.isEmpty())
            m_openUrl(QUrl(m_pipeline->context().accessUrl));
    });
    connect(m_dashboard, &QPushButton::clicked, this, &BuildDeployPage::dashboardRequested);
    connect(m_bannerText, &QLabel::linkActivated, this, [this](const QString& link) { m_openUrl(QUrl(link)); });
    connect(m_history, &ReleaseHistoryPanel::outputLine, this, [this](const QString& line) {
        if (StepLogView* log = stepLog(QStringLiteral("helm")))
            log->appendLine(line);
    });

    m_ticker.setInterval(200);
    connect(&m_ticker, &QTimer::timeout, this, &BuildDeployPage::tick);

    connect(m_pipeline, &Pipeline::started, this, [this] {
        m_banner->hide();
        m_ticker.start();
        updateButtons();
    });
    connect(m_pipeline, &Pipeline::stepStateChanged, this, &BuildDeployPage::onStepStateChanged);
    connect(m_pipeline, &Pipeline::stepMessageChanged, this, [this](int index, const QString& message) {
        if (index < m_rows.size())
            m_rows[index]->setMessage(message);
    });
    connect(m_pipeline, &Pipeline::stepOutput, this, [this](int index, const QString& line) {
        if (index < m_logs.size())
            m_logs[index]->appendLine(line);
    });
    connect(m_pipeline, &Pipeline::imageProgress, this,
            [this](const QString& image, int current, int total, const QString& text) {
                if (ImageProgressRow* row = m_images.value(image))
                    row->setProgress(current, total, text);
            });
    connect(m_pipeline, &Pipeline::preflightFailed, this, &BuildDeployPage::onPreflightFailed);
    connect(m_pipeline, &Pipeline::finished, this, &BuildDeployPage::onFinished);

    buildRows();
    recreateHelmOperations();
    m_history->refresh(); // an earlier deploy's revisions, when there are any
    // "Show commands" names the flags of the Helm on PATH once it has answered.
    connect(m_pipeline, &Pipeline::helmVersionKnown, this, &BuildDeployPage::updateCommands);
    m_pipeline->probeHelmVersion();
    m_source->setText(m_pipeline->profile().sourceDirectory());
    updateHeader();
    selectStep(QStringLiteral("cluster"));
    updateButtons();
    tick();
}

BuildDeployPage::~BuildDeployPage() = default;

BuildDeployPage* BuildDeployPage::create(Workspace* workspace, ToolRunner* runner, Keychain* keychain, QWidget* parent)
{
    if (!workspace->hasProfile())
        return nullptr;
    PipelineOptions options;
    options.target = workspace->target();
    auto* pipeline = new Pipeline(workspace->profile(), options, { runner, keychain, nullptr });
    auto* page = new BuildDeployPage(pipeline, runner, parent);
    pipeline->setParent(page);
    page->setWorkspace(workspace);
    return page;
}

void BuildDeployPage::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::profileChanged, this, &BuildDeployPage::syncWithWorkspace);
    connect(workspace, &Workspace::targetChanged, this, &BuildDeployPage::syncWithWorkspace);
}

void BuildDeployPage::syncWithWorkspace()
{
    if (!m_pipeline || !m_workspace || !m_workspace->hasProfile())
        return;
    // A running deploy keeps the cluster it started on; the new target applies once it is done.
    if (m_pipeline->isRunning()) {
        m_workspacePending = true;
        return;
    }
    m_workspacePending = false;
    const Profile& current = m_pipeline->profile();
    const Profile& wanted = m_workspace->profile();
    // The contexts listed in the kubeconfig changing (minikube wrote its own) is no reason to clear
    // the last run's results.
    if (m_pipeline->options().target == m_workspace->target() && current.sourceFile == wanted.sourceFile
        && current.sourceDirectory() == wanted.sourceDirectory() && current.nameSpace == wanted.nameSpace)
        return;
    PipelineOptions options = m_pipeline->options();
    options.target = m_workspace->target();
    m_pipeline->setOptions(options);
    m_pipeline->setProfile(m_workspace->profile());
    m_source->setText(m_pipeline->profile().sourceDirectory());
    reloadRows();
    m_history->refresh();
}

void BuildDeployPage::reloadRows()
{
    buildRows();
    recreateHelmOperations();
    updateHeader();
    selectStep(m_selected.isEmpty() ? QStringLiteral("cluster") : m_selected);
    updateButtons();
}

void BuildDeployPage::buildRows()
{
    qDeleteAll(m_rows);
    m_rows.clear();
    qDeleteAll(m_images);
    m_images.clear();
    while (m_panes->count() > 0) {
        QWidget* w = m_panes->widget(0);
        m_panes->removeWidget(w);
        if (w != m_commands)
            w->deleteLater();
    }
    m_logs.clear();
    const QList<PipelineStep*>& steps = m_pipeline->steps();
    for (PipelineStep* step : steps) {
        auto* row = new StepRow(step->id(), step->title(), this);
        row->setState(step->state());
        row->setMessage(step->message());
        m_rowsLayout->addWidget(row);
        m_rows << row;
        const QString id = step->id();
        connect(row, &StepRow::clicked, this, [this, id] { selectStep(id); });
        if (id == QLatin1String("images")) {
            for (const Profile::Image& image : m_pipeline->profile().images) {
                auto* progress = new ImageProgressRow(image.name, this);
                m_rowsLayout->addWidget(progress);
                m_images.insert(image.name, progress);
            }
        }
        auto* log = new StepLogView(m_panes);
        log->setObjectName(QStringLiteral("stepLog_") + id);
        log->setAccessibleName(tr("%1 log").arg(step->title()));
        log->setPlaceholderText(tr("Nothing yet: the %1 step's output appears here while it runs.").arg(step->title()));
        log->setLines(step->output());
        m_panes->addWidget(log);
        m_logs << log;
    }
    m_panes->addWidget(m_commands);
}

StepRow* BuildDeployPage::stepRow(const QString& id) const
{
    const int i = m_pipeline ? m_pipeline->indexOf(id) : -1;
    return i >= 0 && i < m_rows.size() ? m_rows[i] : nullptr;
}

ImageProgressRow* BuildDeployPage::imageRow(const QString& image) const
{
    return m_images.value(image);
}

StepLogView* BuildDeployPage::stepLog(const QString& id) const
{
    const int i = m_pipeline ? m_pipeline->indexOf(id) : -1;
    return i >= 0 && i < m_logs.size() ? m_logs[i] : nullptr;
}

QString BuildDeployPage::selectedStep() const
{
    return m_selected;
}

bool BuildDeployPage::showsCommands() const
{
    return m_commandsToggle->isChecked();
}

void BuildDeployPage::selectStep(const QString& id)
{
    const int index = m_pipeline->indexOf(id);
    if (index < 0)
        return;
    m_selected = id;
    for (int i = 0; i < m_rows.size(); ++i)
        m_rows[i]->setSelected(i == index);
    const QString title = m_pipeline->steps().at(index)->title();
    if (showsCommands()) {
        m_paneTitle->setText(tr("Commands — %1 (the same, without Quayside; secrets shown as ***)").arg(title));
        updateCommands();
        m_panes->setCurrentWidget(m_commands);
    } else {
        m_paneTitle->setText(tr("Log — %1").arg(title));
        m_panes->setCurrentWidget(m_logs[index]);
    }
    m_copyCommands->setVisible(showsCommands());
}

void BuildDeployPage::setShowCommands(bool show)
{
    if (m_commandsToggle->isChecked() != show)
        m_commandsToggle->setChecked(show);
    m_commandsToggle->setText(show ? tr("Show log") : tr("Show commands"));
    selectStep(m_selected);
}

void BuildDeployPage::updateCommands()
{
    const int index = m_pipeline->indexOf(m_selected);
    if (index < 0)
        return;
    m_commands->setPlainText(CommandPreview::render(m_pipeline->steps().at(index)->preview()));
}

void BuildDeployPage::deploy()
{
    if (!m_pipeline || m_pipeline->isRunning())
        return;
    for (ImageProgressRow* row : std::as_const(m_images))
        row->reset();
    for (StepLogView* log : std::as_const(m_logs))
        log->clearLog();
    m_pipeline->start();
}

void BuildDeployPage::cancel()
{
    if (m_pipeline && m_pipeline->isRunning()) {
        m_cancel->setEnabled(false);
        m_pipeline->cancel();
    }
}

void BuildDeployPage::retry()
{
    if (m_pipeline && m_pipeline->canRetry())
        m_pipeline->retryFromFailed();
}

void BuildDeployPage::chooseSource()
{
    // open(), not exec(): no nested event loop while a deploy may be streaming output.
    auto* dialog
        = new QFileDialog(this, tr("The app's source directory (holding backend/ and frontend/)"), m_source->text());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& dir) {
        m_source->setText(dir);
        setSourceDirectory(dir);
    });
    dialog->open();
}

void BuildDeployPage::setSourceDirectory(const QString& directory)
{
    if (!m_pipeline || m_pipeline->isRunning())
        return;
    if (directory == m_pipeline->profile().sourceDirectory())
        return;
    if (m_workspace) {
        // The workspace reloads the profile with it and remembers it; profileChanged() brings it back.
        QString error;
        if (!m_workspace->setSourceDirectory(directory, &error))
            showBanner(QStringLiteral("error"),
                       error.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        return;
    }
    QList<ProfileError> errors;
    const QString file = m_pipeline->profile().sourceFile;
    std::optional<Profile> profile = file.isEmpty()
        ? std::optional<Profile>(m_pipeline->profile())
        : ProfileLoader::loadFile(file, &errors, { .sourceOverride = directory, .checkPaths = false });
    if (!profile) {
        showBanner(QStringLiteral("error"),
                   ProfileError::join(errors).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        return;
    }
    profile->source = directory;
    m_pipeline->setProfile(*profile);
    reloadRows();
}

void BuildDeployPage::recreateHelmOperations()
{
    // The panel disconnects from the old operations: let it while they still exist.
    m_history->setOperations(nullptr);
    delete m_helm;
    m_helm = new HelmOperations(m_pipeline->profile(), m_pipeline->options(), m_runner, this);
    m_history->setOperations(m_helm);
}

void BuildDeployPage::updateHeader()
{
    const Profile& p = m_pipeline->profile();
    m_subtitle->setText(tr("%1 → namespace <b>%2</b> in context <b>%3</b> (minikube profile <b>%4</b>) · Helm "
                           "release <b>%5</b>")
                            .arg(p.name.toHtmlEscaped(), p.nameSpace.toHtmlEscaped(),
                                 m_pipeline->context().kubeContext().toHtmlEscaped(),
                                 p.minikube.profile.toHtmlEscaped(), p.chart.release.toHtmlEscaped()));
}

void BuildDeployPage::onStepStateChanged(int index, StepState state)
{
    if (index >= m_rows.size())
        return;
    PipelineStep* step = m_pipeline->steps().at(index);
    m_rows[index]->setState(state);
    m_rows[index]->setElapsed(step->elapsedMs());
    if (state == StepState::Running) {
        m_logs[index]->clearLog();
        if (step->id() == QLatin1String("images")) {
            for (ImageProgressRow* row : std::as_const(m_images))
                row->reset();
        }
        // Follow the work: the running step's log is the one worth reading.
        selectStep(step->id());
    } else if (state == StepState::Pending) {
        m_rows[index]->setMessage(QString());
    } else if (state == StepState::Failed) {
        selectStep(step->id());
    }
    if (showsCommands())
        updateCommands();
    updateButtons();
}

void BuildDeployPage::onPreflightFailed(const QStringList& problems)
{
    QString html = tr("<b>Not ready to deploy.</b> Fix these first:<ul>");
    for (const QString& problem : problems)
        html += QStringLiteral("<li>%1</li>").arg(problem.toHtmlEscaped());
    showBanner(QStringLiteral("error"), html + QStringLiteral("</ul>"));
}

void BuildDeployPage::onFinished(bool ok)
{
    m_ticker.stop();
    tick();
    if (m_workspacePending)
        QTimer::singleShot(0, this, &BuildDeployPage::syncWithWorkspace);
    const PipelineContext& c = m_pipeline->context();
    if (ok) {
        showBanner(QStringLiteral("ok"),
                   tr("<b>Deployed in %1.</b> The app is at <a href=\"%2\">%2</a>")
                       .arg(StepRow::formatElapsed(m_pipeline->elapsedMs()), c.accessUrl.toHtmlEscaped()));
    } else if (m_pipeline->preflightProblems().isEmpty()) {
        const int failed = m_pipeline->failedIndex();
        if (failed >= 0) {
            const PipelineStep* step = m_pipeline->steps().at(failed);
            const QString what = step->state() == StepState::Cancelled ? tr("Cancelled") : tr("Failed");
            showBanner(step->state() == StepState::Cancelled ? QStringLiteral("warn") : QStringLiteral("error"),
                       tr("<b>%1 at %2.</b> %3").arg(what, step->title(), step->message().toHtmlEscaped()));
        }
    }
    if (!c.history.isEmpty())
        m_history->setHistory(c.history);
    else
        m_history->refresh();
    updateButtons();
}

void BuildDeployPage::updateBannerLook()
{
    const QString kind = m_banner->property("kind").toString();
    Theme::Role background = Theme::Role::OkBanner;
    Theme::Role text = Theme::Role::OkBannerText;
    if (kind == QLatin1String("error")) {
        background = Theme::Role::ErrorBanner;
        text = Theme::Role::ErrorBannerText;
    } else if (kind == QLatin1String("warn")) {
        background = Theme::Role::WarningBanner;
        text = Theme::Role::WarningBannerText;
    }
    QPalette pal = m_banner->palette();
    pal.setColor(QPalette::Window, Theme::color(background));
    pal.setColor(QPalette::WindowText, Theme::color(text));
    m_banner->setPalette(pal);
}

void BuildDeployPage::showBanner(const QString& kind, const QString& html)
{
    m_banner->setProperty("kind", kind);
    updateBannerLook();
    m_bannerText->setText(html);
    const bool ok = kind == QLatin1String("ok");
    m_openApp->setVisible(ok);
    m_dashboard->setVisible(ok);
    m_banner->show();
}

void BuildDeployPage::tick()
{
    if (!m_pipeline)
        return;
    const QList<PipelineStep*>& steps = m_pipeline->steps();
    for (int i = 0; i < steps.size() && i < m_rows.size(); ++i) {
        if (steps[i]->state() == StepState::Running)
            m_rows[i]->setElapsed(steps[i]->elapsedMs());
    }
    const qint64 total = m_pipeline->elapsedMs();
    m_total->setText(total > 0 ? tr("Total %1").arg(StepRow::formatElapsed(total)) : QString());
}

void BuildDeployPage::updateButtons()
{
    const bool running = m_pipeline && m_pipeline->isRunning();
    m_deploy->setEnabled(!running);
    m_deploy->setText(m_pipeline && m_pipeline->failedIndex() >= 0 ? tr("Deploy again") : tr("Deploy"));
    m_cancel->setEnabled(running);
    m_retry->setEnabled(!running && m_pipeline && m_pipeline->canRetry());
    m_source->setEnabled(!running);
    m_choose->setEnabled(!running);
}

} // namespace quayside::ui
