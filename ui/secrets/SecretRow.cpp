#include "secrets/SecretRow.h"

#include "core/SecureMemory.h"
#include "secrets/SecretGenerator.h"
#include "secrets/SecretValidator.h"
#include "widgets/StatusBadge.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace quayside::ui {

namespace {

QString colored(const QColor& color, const QString& text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), text.toHtmlEscaped());
}

StatusBadge::Kind badgeKind(const SecretStatus& status, bool required)
{
    switch (status.state) {
    case SecretState::Unknown:
        return StatusBadge::Kind::Pending;
    case SecretState::Set:
        return status.validation.severity == SecretValidation::Severity::Warning ? StatusBadge::Kind::Warning
                                                                                 : StatusBadge::Kind::Ok;
    case SecretState::Missing:
        return required ? StatusBadge::Kind::Failed : StatusBadge::Kind::Skipped;
    case SecretState::Invalid:
        return StatusBadge::Kind::Failed;
    case SecretState::Unavailable:
        return StatusBadge::Kind::Warning;
    }
    return StatusBadge::Kind::Pending;
}

} // namespace

SecretRow::SecretRow(const SecretSpec& spec, QWidget* parent)
    : QFrame(parent)
    , m_spec(spec)
    , m_status { spec.name, SecretState::Unknown, {}, {} }
    , m_badge(new StatusBadge(this))
    , m_nameLabel(new QLabel(spec.name, this))
    , m_requiredLabel(new QLabel(spec.required ? tr("required") : tr("optional"), this))
    , m_stateLabel(new QLabel(this))
    , m_description(new QLabel(spec.description, this))
    , m_value(new QLineEdit(this))
    , m_reveal(new QToolButton(this))
    , m_paste(new QToolButton(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_validation(new QLabel(this))
{
    const QString& name = spec.name;
    setObjectName(QStringLiteral("secretRow_") + name);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setAccessibleName(tr("Secret %1").arg(name));

    m_badge->setObjectName(QStringLiteral("stateBadge_") + name);
    m_badge->setAccessibleName(tr("%1 state").arg(name));
    m_nameLabel->setObjectName(QStringLiteral("nameLabel_") + name);
    m_nameLabel->setAccessibleName(tr("Name"));
    m_nameLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFont nameFont = m_nameLabel->font();
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requiredLabel->setObjectName(QStringLiteral("requiredLabel_") + name);
    m_requiredLabel->setAccessibleName(tr("%1 is %2").arg(name, m_requiredLabel->text()));
    m_requiredLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel_") + name);
    m_stateLabel->setAccessibleName(tr("%1 state").arg(name));
    m_stateLabel->setTextFormat(Qt::RichText);
    m_stateLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_description->setObjectName(QStringLiteral("descriptionLabel_") + name);
    m_description->setAccessibleName(tr("%1 description").arg(name));
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    m_value->setObjectName(QStringLiteral("valueEdit_") + name);
    m_value->setAccessibleName(tr("New value for %1").arg(name));
    m_value->setAccessibleDescription(tr("Masked. Press Enter to save."));
    // Password mode also turns off copy, cut and drag out of the field and input-method prediction.
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText
                                 | Qt::ImhNoAutoUppercase);
    m_value->setContextMenuPolicy(Qt::NoContextMenu);
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setClearButtonEnabled(false);

    m_reveal->setObjectName(QStringLiteral("revealButton_") + name);
    m_reveal->setText(tr("Show"));
    m_reveal->setAccessibleName(tr("Show %1 while pressed").arg(name));
    m_reveal->setToolTip(tr("Shows what you typed while the button is held down"));
    m_reveal->setFocusPolicy(Qt::NoFocus);
    m_paste->setObjectName(QStringLiteral("pasteButton_") + name);
    m_paste->setText(tr("Paste"));
    m_paste->setAccessibleName(tr("Paste %1 from the clipboard").arg(name));
    m_paste->setToolTip(tr("Replaces the field with the clipboard text (a trailing line break is dropped)"));
    m_save->setObjectName(QStringLiteral("saveButton_") + name);
    m_save->setAccessibleName(tr("Save %1 to the keychain").arg(name));
    m_save->setToolTip(tr("Store the value in the system keychain"));
    m_delete->setObjectName(QStringLiteral("deleteButton_") + name);
    m_delete->setAccessibleName(tr("Delete %1 from the keychain").arg(name));
    m_delete->setToolTip(tr("Remove the stored value from the system keychain"));
    m_validation->setObjectName(QStringLiteral("validationLabel_") + name);
    m_validation->setAccessibleName(tr("%1 validation").arg(name));
    m_validation->setTextFormat(Qt::RichText);
    m_validation->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_nameLabel);
    top->addWidget(m_requiredLabel);
    top->addStretch(1);
    top->addWidget(m_stateLabel);

    auto* edit = new QHBoxLayout;
    edit->setSpacing(4);
    edit->addWidget(m_value, 1);
    edit->addWidget(m_reveal);
    edit->addWidget(m_paste);
    m_generate = new QPushButton(tr("Generate"), this);
    if (!spec.canGenerate()) {
        // Keeps the fields of all rows the same width, so the page reads as one column.
        auto* placeholder = new QWidget(this);
        placeholder->setFixedWidth(m_generate->sizeHint().width());
        edit->addWidget(placeholder);
        delete m_generate;
        m_generate = nullptr;
    } else {
        m_generate->setObjectName(QStringLiteral("generateButton_") + name);
        m_generate->setAccessibleName(tr("Generate a random %1").arg(name));
        m_generate->setToolTip(tr("Fill in 64 random letters and digits from the system's secure random generator"));
        edit->addWidget(m_generate);
        connect(m_generate, &QPushButton::clicked, this, &SecretRow::generate);
    }
    edit->addSpacing(8);
    edit->addWidget(m_save);
    edit->addWidget(m_delete);

    auto* text = new QVBoxLayout;
    text->setSpacing(3);
    text->addLayout(top);
    text->addWidget(m_description);
    text->addLayout(edit);
    text->addWidget(m_validation);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(10);
    layout->addWidget(m_badge, 0, Qt::AlignTop);
    layout->addLayout(text, 1);

    connect(m_value, &QLineEdit::textChanged, this, &SecretRow::validate);
    connect(m_value, &QLineEdit::returnPressed, this, [this] {
        if (m_save->isEnabled())
            Q_EMIT saveRequested();
    });
    connect(m_reveal, &QToolButton::pressed, this, [this] { m_value->setEchoMode(QLineEdit::Normal); });
    connect(m_reveal, &QToolButton::released, this, [this] { m_value->setEchoMode(QLineEdit::Password); });
    connect(m_paste, &QToolButton::clicked, this, &SecretRow::paste);
    connect(m_save, &QPushButton::clicked, this, &SecretRow::saveRequested);
    connect(m_delete, &QPushButton::clicked, this, &SecretRow::deleteRequested);

    setStatus(m_status);
}

QString SecretRow::stateText(const SecretStatus& status, bool required)
{
    switch (status.state) {
    case SecretState::Unknown:
        return tr("Checking…");
    case SecretState::Missing:
        return required ? tr("Not set") : tr("Not set (optional)");
    case SecretState::Set:
        return tr("Set");
    case SecretState::Invalid:
        return tr("Invalid");
    case SecretState::Unavailable:
        return tr("Keychain unavailable");
    }
    return {};
}

void SecretRow::setStatus(const SecretStatus& status)
{
    m_status = status;
    const StatusBadge::Kind kind = badgeKind(status, m_spec.required);
    m_badge->setKind(kind);
    const QString text = stateText(status, m_spec.required);
    m_stateLabel->setText(QStringLiteral("<b>%1</b>").arg(colored(StatusBadge::color(kind), text)));
    m_badge->setAccessibleDescription(text);
    m_stateLabel->setAccessibleDescription(text);
    m_stateLabel->setToolTip(status.state == SecretState::Unavailable ? status.error.message : QString());
    if (status.state == SecretState::Unavailable || status.state == SecretState::Unknown)
        m_value->setPlaceholderText(QString());
    else
        m_value->setPlaceholderText(status.state == SecretState::Set || status.state == SecretState::Invalid
                                        ? tr("Stored in the keychain. Type or paste a new value to replace it")
                                        : tr("Type or paste the value"));
    validate();
}

void SecretRow::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    if (busy && !what.isEmpty())
        m_stateLabel->setText(QStringLiteral("<b>%1</b>").arg(what.toHtmlEscaped()));
    else if (!busy)
        setStatus(m_status);
    updateButtons();
}

void SecretRow::validate()
{
    const QString value = m_value->text();
    QString message;
    m_valueAcceptable = false;
    if (!value.isEmpty()) {
        const SecretValidation v = SecretValidator::validate(m_spec, value);
        m_valueAcceptable = v.acceptable();
        switch (v.severity) {
        case SecretValidation::Severity::Ok:
            message = colored(StatusBadge::color(StatusBadge::Kind::Ok),
                              v.message.isEmpty() ? tr("Looks good. Save stores it in the keychain.") : v.message);
            break;
        case SecretValidation::Severity::Warning:
            message = colored(StatusBadge::color(StatusBadge::Kind::Warning), v.message);
            break;
        case SecretValidation::Severity::Error:
            message = colored(StatusBadge::color(StatusBadge::Kind::Failed), v.message);
            break;
        }
    } else if (m_status.state == SecretState::Invalid) {
        message = colored(StatusBadge::color(StatusBadge::Kind::Failed),
                          tr("The stored value is invalid: %1").arg(m_status.validation.message));
    } else if (m_status.state == SecretState::Set
               && m_status.validation.severity == SecretValidation::Severity::Warning) {
        message = colored(StatusBadge::color(StatusBadge::Kind::Warning), m_status.validation.message);
    }
    // An unavailable keychain is explained once, by the page's banner, not under every row.
    m_validation->setText(message);
    m_validation->setVisible(!message.isEmpty());
    updateButtons();
}

void SecretRow::updateButtons()
{
    const bool keychainUsable = m_status.state != SecretState::Unavailable && m_status.state != SecretState::Unknown;
    m_value->setEnabled(!m_busy && keychainUsable);
    m_paste->setEnabled(!m_busy && keychainUsable);
    m_reveal->setEnabled(!m_busy && !m_value->text().isEmpty());
    if (m_generate)
        m_generate->setEnabled(!m_busy && keychainUsable);
    m_save->setEnabled(!m_busy && keychainUsable && m_valueAcceptable);
    m_delete->setEnabled(!m_busy && (m_status.state == SecretState::Set || m_status.state == SecretState::Invalid));
}

void SecretRow::paste()
{
    QString text = QGuiApplication::clipboard()->text();
    // What a terminal or editor copies often ends with a line break that is not part of the secret.
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    clearValue();
    m_value->setText(text);
    m_value->setFocus();
    secureWipe(text);
}

void SecretRow::generate()
{
    QString value = SecretGenerator::generate(64);
    clearValue();
    m_value->setText(value);
    m_value->setFocus();
    secureWipe(value);
}

QByteArray SecretRow::takeValue()
{
    QString text = m_value->text();
    QByteArray value = text.toUtf8();
    // Once the field has let go of its buffer, `text` is its only owner, so the wipe reaches the bytes
    // the field held (wiping first would only detach and clear this copy).
    clearValue();
    secureWipe(text);
    return value;
}

void SecretRow::clearValue()
{
    // setText() resets the undo history; clear() would keep the old value one Ctrl+Z away.
    m_value->setText(QString());
    m_value->setEchoMode(QLineEdit::Password);
}

} // namespace quayside::ui
