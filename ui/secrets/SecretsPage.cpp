#include "secrets/SecretsPage.h"

#include "Theme.h"
#include "core/SecureMemory.h"
#include "secrets/DotEnvParser.h"
#include "secrets/KubeSecretApi.h"
#include "secrets/SecretApplier.h"
#include "secrets/SecretImportPlan.h"
#include "secrets/SecretRow.h"
#include "secrets/SecretStore.h"
#include "session/ClusterSession.h"
#include "widgets/MessageBox.h"
#include "widgets/PageHeading.h"
#include "widgets/StatusBadge.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {

QString htmlList(const QStringList& lines)
{
    QString html;
    for (const QString& line : lines)
        html += QStringLiteral("<br>• ") + line.toHtmlEscaped();
    return html;
}

} // namespace

SecretsPage::SecretsPage(SecretStore* store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_summary(new QLabel(this))
    , m_import(new QPushButton(tr("Import .env…"), this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_apply(new QPushButton(tr("Apply to cluster"), this))
    , m_banner(new QFrame(this))
    , m_bannerMessage(new QLabel(m_banner))
    , m_bannerFix(new QLabel(m_banner))
    , m_retry(new QPushButton(tr("Retry"), m_banner))
    , m_importResult(new QFrame(this))
    , m_importText(new QLabel(m_importResult))
    , m_rowLayout(new QVBoxLayout)
{
    setObjectName(QStringLiteral("secretsPage"));
    setAccessibleName(tr("Secrets"));
    const SecretSpecs& specs = m_store->specs();

    auto* heading = new PageHeading(tr("Secrets"), QStringLiteral("secretsHeading"), this);
    auto* intro = new QLabel(tr("The values the app needs at run time, for profile %1. They go to Kubernetes Secret "
                                "%2 in namespace %3. Quayside keeps them in the system keychain only: never in a file, "
                                "a log or on a command line, and it never shows a stored value.")
                                 .arg(specs.profile, specs.secretName, specs.nameSpace),
                             this);
    intro->setObjectName(QStringLiteral("secretsIntro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("secretsSummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);

    m_import->setObjectName(QStringLiteral("importEnvButton"));
    m_import->setAccessibleName(tr("Import secrets from a .env file"));
    m_import->setToolTip(tr("Store the values of this profile's secrets found in a .env file (Ctrl+I)"));
    m_import->setShortcut(QKeySequence(QStringLiteral("Ctrl+I")));
    m_reload->setObjectName(QStringLiteral("reloadSecretsButton"));
    m_reload->setAccessibleName(tr("Reload the secrets' states"));
    // F5 is the window's View → Refresh, which reloads on this page (a second F5 would be ambiguous).
    m_reload->setToolTip(tr("Read the states from the keychain again (F5)"));

    m_apply->setObjectName(QStringLiteral("applySecretsButton"));
    m_apply->setAccessibleName(tr("Apply the secrets to the cluster"));
    m_apply->setToolTip(tr("Create or update Secret %1 in namespace %2 over the Kubernetes API")
                            .arg(specs.secretName, specs.nameSpace));
    m_apply->hide();

    auto* header = new QHBoxLayout;
    header->addWidget(heading, 1);
    header->addWidget(m_import);
    header->addWidget(m_reload);
    header->addWidget(m_apply);

    // The keychain banner: what is wrong, the fix, Retry.
    m_banner->setObjectName(QStringLiteral("keychainBanner"));
    m_banner->setAccessibleName(tr("Keychain problem"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    Theme::bindPalette(
        m_banner,
        { { QPalette::Window, Theme::Role::WarningBanner }, { QPalette::WindowText, Theme::Role::WarningBannerText } });
    m_bannerMessage->setObjectName(QStringLiteral("keychainBannerMessage"));
    m_bannerMessage->setAccessibleName(tr("Keychain problem"));
    m_bannerMessage->setWordWrap(true);
    m_bannerMessage->setTextFormat(Qt::RichText);
    m_bannerFix->setObjectName(QStringLiteral("keychainBannerFix"));
    m_bannerFix->setAccessibleName(tr("How to fix it"));
    m_bannerFix->setWordWrap(true);
    m_bannerFix->setTextFormat(Qt::PlainText);
    m_bannerFix->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("keychainRetryButton"));
    m_retry->setAccessibleName(tr("Retry the keychain"));
    auto* bannerText = new QVBoxLayout;
    bannerText->addWidget(m_bannerMessage);
    bannerText->addWidget(m_bannerFix);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    auto* bannerBadge = new StatusBadge(m_banner);
    bannerBadge->setObjectName(QStringLiteral("keychainBannerBadge"));
    bannerBadge->setAccessibleName(tr("Warning"));
    bannerBadge->setKind(StatusBadge::Kind::Warning);
    bannerLayout->addWidget(bannerBadge, 0, Qt::AlignTop);
    bannerLayout->addLayout(bannerText, 1);
    bannerLayout->addWidget(m_retry, 0, Qt::AlignTop);
    m_banner->hide();

    // What the last import did; stays until closed or the next import.
    m_importResult->setObjectName(QStringLiteral("importResult"));
    m_importResult->setFrameShape(QFrame::StyledPanel);
    m_importText->setObjectName(QStringLiteral("importResultLabel"));
    m_importText->setAccessibleName(tr("Import result"));
    m_importText->setTextFormat(Qt::RichText);
    m_importText->setWordWrap(true);
    m_importText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* closeImport = new QToolButton(m_importResult);
    closeImport->setObjectName(QStringLiteral("importResultCloseButton"));
    closeImport->setText(tr("Close"));
    closeImport->setAccessibleName(tr("Close the import result"));
    auto* importLayout = new QHBoxLayout(m_importResult);
    importLayout->addWidget(m_importText, 1);
    importLayout->addWidget(closeImport, 0, Qt::AlignTop);
    m_importResult->hide();
    connect(closeImport, &QToolButton::clicked, m_importResult, &QWidget::hide);

    auto* list = new QWidget;
    list->setObjectName(QStringLiteral("secretList"));
    m_rowLayout->setContentsMargins(0, 0, 0, 0);
    m_rowLayout->setSpacing(1);
    list->setLayout(m_rowLayout);
    for (const SecretSpec& spec : specs.specs) {
        auto* row = new SecretRow(spec, list);
        row->setBackgroundRole(m_rows.size() % 2 ? QPalette::AlternateBase : QPalette::Base);
        row->setStatus(m_store->status(spec.name));
        m_rows.insert(spec.name, row);
        m_rowLayout->addWidget(row);
        connect(row, &SecretRow::saveRequested, this, [this, row] { save(row); });
        connect(row, &SecretRow::deleteRequested, this, [this, row] { remove(row); });
    }
    m_rowLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("secretScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setWidget(list);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addLayout(header);
    layout->addWidget(intro);
    layout->addWidget(m_summary);
    layout->addWidget(m_banner);
    layout->addWidget(m_importResult);
    layout->addWidget(scroll, 1);

    connect(m_import, &QPushButton::clicked, this, &SecretsPage::chooseImportFile);
    connect(m_reload, &QPushButton::clicked, this, &SecretsPage::reload);
    connect(m_apply, &QPushButton::clicked, this, &SecretsPage::applyToCluster);
    connect(m_retry, &QPushButton::clicked, this, &SecretsPage::reload);
    connect(m_store, &SecretStore::statusChanged, this, &SecretsPage::onStatusChanged);
    connect(m_store, &SecretStore::refreshed, this, &SecretsPage::onRefreshed);
    updateSummary();
}

void SecretsPage::focusSecret(const QString& name)
{
    SecretRow* r = row(name);
    if (!r)
        return;
    if (auto* scroll = findChild<QScrollArea*>(QStringLiteral("secretScroll")))
        scroll->ensureWidgetVisible(r);
    // The rows are disabled while the keychain is read (the first look at the page reads it): focus
    // the field once they are enabled again.
    if (m_store->isRefreshing() || !r->valueEdit()->isEnabled()) {
        m_pendingFocus = name;
        return;
    }
    m_pendingFocus.clear();
    r->valueEdit()->setFocus(Qt::OtherFocusReason);
}

void SecretsPage::setSession(ClusterSession* session)
{
    m_session = session;
    m_apply->setVisible(session != nullptr);
}

void SecretsPage::applyToCluster()
{
    if (!m_session)
        return;
    if (!m_session->client()) {
        showResult(false, tr("No cluster to apply the secrets to."),
                   { tr("Start one (or deploy, which starts minikube), or choose a context on the Dashboard.") });
        Q_EMIT applyFinished(false);
        return;
    }
    m_apply->setEnabled(false);
    // The API client belongs to the session; a context switch meanwhile replaces it, so keep our own
    // adapter only as long as this apply runs.
    auto api = std::make_shared<KubeSecretApi>(m_session->client());
    const SecretSpecs specs = m_store->specs();
    m_store->readAll(this, [this, api, specs](SecretValues& values, const SecretStore::Result& result) {
        const auto done = [this](bool ok) {
            m_apply->setEnabled(true);
            Q_EMIT applyFinished(ok);
        };
        if (!result.ok()) {
            showResult(false, tr("The secrets could not be read from the keychain."), { result.message });
            return done(false);
        }
        const QString problem = SecretApplier::checkComplete(specs, values);
        if (!problem.isEmpty()) {
            showResult(false, tr("Secret %1 was not applied.").arg(specs.secretName), { problem });
            return done(false);
        }
        auto* applier = new SecretApplier(api.get(), this);
        connect(
            applier, &SecretApplier::finished, this, [this, applier, api, done](const SecretApplier::Result& applied) {
                applier->deleteLater();
                if (applied.ok)
                    showResult(true, applied.message, { tr("Keys: %1").arg(applied.keys.join(QStringLiteral(", "))) });
                else
                    showResult(false, tr("Secret not applied."), { applied.message });
                done(applied.ok);
            });
        applier->apply(specs.nameSpace, specs.secretName, std::move(values), specs.profile);
    });
}

void SecretsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // The keychain may prompt or be slow: read it when the page is first looked at, not at start-up.
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        reload();
    }
}

void SecretsPage::reload()
{
    m_loadedOnce = true;
    if (m_store->isRefreshing())
        return;
    m_reload->setEnabled(false);
    m_retry->setEnabled(false);
    m_summary->setText(tr("Reading the keychain…"));
    m_store->refresh();
}

void SecretsPage::onStatusChanged(const QString& name)
{
    if (SecretRow* r = row(name))
        r->setStatus(m_store->status(name));
    if (!m_store->isRefreshing())
        updateSummary();
}

void SecretsPage::onRefreshed()
{
    m_reload->setEnabled(true);
    m_retry->setEnabled(true);
    if (!m_pendingFocus.isEmpty())
        QTimer::singleShot(0, this, [this] { focusSecret(m_pendingFocus); });
    const KeychainError error = m_store->keychainError();
    if (error.ok()) {
        m_banner->hide();
    } else {
        m_bannerMessage->setText(QStringLiteral("<b>%1</b>").arg(error.message.toHtmlEscaped()));
        const QString fix = KeychainError::fixFor(error.code);
        m_bannerFix->setText(fix.isEmpty() ? QString() : tr("Fix: %1").arg(fix));
        m_bannerFix->setVisible(!fix.isEmpty());
        m_banner->show();
    }
    m_import->setEnabled(error.ok());
    updateSummary();
}

void SecretsPage::updateSummary()
{
    if (m_store->isRefreshing())
        return;
    const KeychainError error = m_store->keychainError();
    if (!error.ok()) {
        m_summary->setText(tr("<b>The keychain cannot be used</b>, so no secret can be read or stored (see below)."));
        return;
    }
    QStringList missingRequired;
    QStringList invalid;
    int set = 0;
    int unknown = 0;
    for (const SecretStatus& status : m_store->statuses()) {
        const SecretSpec* spec = m_store->specs().find(status.name);
        switch (status.state) {
        case SecretState::Set:
            ++set;
            break;
        case SecretState::Invalid:
            invalid << status.name;
            break;
        case SecretState::Missing:
            if (spec && spec->required)
                missingRequired << status.name;
            break;
        case SecretState::Unknown:
        case SecretState::Unavailable:
            ++unknown;
            break;
        }
    }
    if (unknown > 0) {
        m_summary->setText(tr("Reading the keychain…"));
        return;
    }
    QString text;
    if (missingRequired.isEmpty() && invalid.isEmpty())
        text = tr("<b>Ready.</b> Every required secret is set (%1 of %2 stored).")
                   .arg(set)
                   .arg(m_store->specs().specs.size());
    else {
        QStringList parts;
        if (!missingRequired.isEmpty())
            parts << tr("required but not set: %1").arg(missingRequired.join(QStringLiteral(", ")));
        if (!invalid.isEmpty())
            parts << tr("invalid: %1").arg(invalid.join(QStringLiteral(", ")));
        text = tr("<b>Not ready</b>: %1. Enter the values below or import a .env file.")
                   .arg(parts.join(QStringLiteral("; ")));
    }
    m_summary->setText(text);
}

void SecretsPage::save(SecretRow* row)
{
    const QString name = row->name();
    QByteArray value = row->takeValue();
    if (value.isEmpty())
        return;
    row->setBusy(true, tr("Saving…"));
    m_store->set(name, std::move(value), this, [this, row](const SecretStore::Result& result) {
        row->setBusy(false);
        if (!result.ok()) {
            showResult(false, tr("%1 was not saved.").arg(row->name()), { result.message });
            if (result.status == SecretStore::Result::Status::Keychain)
                reload();
        }
        updateSummary();
    });
}

void SecretsPage::remove(SecretRow* row)
{
    const QString name = row->name();
    MessageBox::confirm(
        this, tr("Delete %1?").arg(name),
        tr("Delete %1 from the keychain? The app cannot start without its required secrets until you set it again.")
            .arg(name),
        tr("Delete"), [this, row, name](bool accepted) {
            if (!accepted)
                return;
            row->setBusy(true, tr("Deleting…"));
            m_store->remove(name, this, [this, row](const SecretStore::Result& result) {
                row->setBusy(false);
                if (!result.ok())
                    showResult(false, tr("%1 was not deleted.").arg(row->name()), { result.message });
                updateSummary();
            });
        });
}

void SecretsPage::chooseImportFile()
{
    auto* dialog = new QFileDialog(this, tr("Import secrets from a .env file"));
    dialog->setObjectName(QStringLiteral("importEnvDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({ tr(".env files (*.env .env* *.env.*)"), tr("All files (*)") });
    // .env files are hidden files: show them.
    dialog->setFilter(dialog->filter() | QDir::Hidden);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, this, &SecretsPage::importFile);
    dialog->open();
}

void SecretsPage::importFile(const QString& path)
{
    const QString fileName = QFileInfo(path).fileName();
    // Regular files only, read up to the limit (a FIFO would never end, a device never fit).
    QString error;
    std::optional<QByteArray> read = DotEnvParser::readFile(path, &error);
    if (!read) {
        showResult(false, tr("Cannot import %1.").arg(fileName), { error });
        return finishImport(false);
    }
    QByteArray content = std::move(*read);
    DotEnvResult parsed = DotEnvParser::parse(content);
    secureWipe(content);
    auto plan = std::make_shared<SecretImportPlan>(SecretImportPlan::fromDotEnv(parsed, m_store->specs()));

    if (!plan->canImport()) {
        QStringList lines;
        for (const DotEnvProblem& problem : plan->errors)
            lines << problem.message;
        for (const DotEnvProblem& problem : plan->refused)
            lines << problem.message;
        showResult(false, tr("Nothing was imported from %1:").arg(fileName), lines);
        return finishImport(false);
    }
    if (plan->values.isEmpty()) {
        showResult(false, tr("%1 has no secrets of profile %2.").arg(fileName, m_store->specs().profile),
                   plan->describe());
        return finishImport(false);
    }
    const QStringList names = plan->values.names();
    const QStringList notes = plan->describe();
    m_import->setEnabled(false);
    for (const QString& name : names) {
        if (SecretRow* r = row(name))
            r->setBusy(true, tr("Importing…"));
    }
    m_store->setMany(std::move(plan->values), this, [this, names, notes, fileName](const SecretStore::Result& result) {
        m_import->setEnabled(true);
        for (const QString& name : names) {
            if (SecretRow* r = row(name))
                r->setBusy(false);
        }
        if (!result.ok()) {
            showResult(false, tr("Importing %1 failed.").arg(fileName), QStringList { result.message } + notes);
        } else {
            showResult(
                true,
                (names.size() == 1 ? tr("Imported 1 secret from %1: %2.") : tr("Imported %3 secrets from %1: %2."))
                    .arg(fileName, names.join(QStringLiteral(", ")), QString::number(names.size())),
                notes);
        }
        updateSummary();
        finishImport(result.ok());
    });
}

void SecretsPage::finishImport(bool ok)
{
    // Always from the event loop, whether the file was refused at once or after the keychain answered.
    QTimer::singleShot(0, this, [this, ok] { Q_EMIT importFinished(ok); });
}

void SecretsPage::showResult(bool ok, const QString& headline, const QStringList& lines)
{
    const QColor color = StatusBadge::color(ok ? StatusBadge::Kind::Ok : StatusBadge::Kind::Failed);
    m_importText->setText(
        QStringLiteral("<b style=\"color:%1\">%2</b>%3").arg(color.name(), headline.toHtmlEscaped(), htmlList(lines)));
    m_importResult->show();
}

} // namespace quayside::ui
