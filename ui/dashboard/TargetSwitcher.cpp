#include "dashboard/TargetSwitcher.h"

#include "Theme.h"
#include "core/DnsLabel.h"
#include "session/ClusterSession.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace quayside::ui {

TargetSwitcher::TargetSwitcher(Workspace* workspace, ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_session(session)
    , m_context(new QComboBox(this))
    , m_namespace(new QComboBox(this))
    , m_forbidden(new QLabel(this))
    , m_invalid(new QLabel(this))
{
    m_invalid->setObjectName(QStringLiteral("namespaceInvalid"));
    m_invalid->setTextFormat(Qt::PlainText);
    Theme::bindPalette(m_invalid, { { QPalette::WindowText, Theme::Role::Error } });
    m_invalid->hide();
    setObjectName(QStringLiteral("targetSwitcher"));
    m_context->setObjectName(QStringLiteral("contextBox"));
    m_context->setAccessibleName(tr("Kubeconfig context"));
    m_context->setToolTip(tr("The cluster (kubeconfig context) that the dashboard, deploys and secrets act on"));
    m_context->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_namespace->setObjectName(QStringLiteral("namespaceBox"));
    m_namespace->setAccessibleName(tr("Namespace"));
    m_namespace->setEditable(true);
    m_namespace->setInsertPolicy(QComboBox::NoInsert);
    m_namespace->setMinimumContentsLength(14);
    m_namespace->setToolTip(tr("The namespace to watch and deploy to (type one, or pick from the list)"));
    m_forbidden->setObjectName(QStringLiteral("namespaceForbidden"));
    m_forbidden->setTextFormat(Qt::PlainText);
    Theme::bindPalette(m_forbidden, { { QPalette::WindowText, Theme::Role::SecondaryText } });
    m_forbidden->hide();

    auto* contextLabel = new QLabel(tr("&Context"), this);
    contextLabel->setBuddy(m_context);
    auto* namespaceLabel = new QLabel(tr("&Namespace"), this);
    namespaceLabel->setBuddy(m_namespace);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(contextLabel);
    layout->addWidget(m_context);
    layout->addSpacing(8);
    layout->addWidget(namespaceLabel);
    layout->addWidget(m_namespace);
    layout->addWidget(m_forbidden);
    layout->addWidget(m_invalid);

    connect(m_context, &QComboBox::activated, this, [this](int index) {
        const QString name = m_context->itemData(index).toString();
        if (m_workspace && !name.isEmpty())
            m_workspace->setContext(name);
    });
    connect(m_namespace, &QComboBox::activated, this, &TargetSwitcher::chooseNamespace);
    connect(m_namespace->lineEdit(), &QLineEdit::returnPressed, this, &TargetSwitcher::chooseNamespace);
    connect(m_session, &ClusterSession::namespacesListed, this, &TargetSwitcher::fillNamespaces);
    connect(m_session, &ClusterSession::namespacesForbidden, this, [this](const QString& message) {
        m_forbidden->setText(tr("cannot list namespaces (403 Forbidden): type one"));
        m_forbidden->setToolTip(message);
        m_forbidden->show();
    });
    connect(m_session, &ClusterSession::sourcesChanged, this, &TargetSwitcher::refresh);
    if (m_workspace)
        connect(m_workspace, &Workspace::targetChanged, this, &TargetSwitcher::refresh);
    refresh();
}

void TargetSwitcher::refresh()
{
    fillContexts();
    if (!m_session->isNamespaceListForbidden())
        m_forbidden->hide();
    fillNamespaces(m_namespaces);
}

void TargetSwitcher::fillContexts()
{
    const QSignalBlocker block(m_context);
    m_context->clear();
    const QString current = m_workspace ? m_workspace->target().context : m_session->contextName();
    QStringList contexts = m_workspace ? m_workspace->contexts() : QStringList();
    if (!current.isEmpty() && !contexts.contains(current))
        contexts.prepend(current);
    for (const QString& name : std::as_const(contexts)) {
        // The kubeconfig's own current-context is marked: that is what kubectl uses right now.
        const bool isFilesCurrent = m_workspace && name == m_workspace->currentContext();
        m_context->addItem(isFilesCurrent ? tr("%1 (current)").arg(name) : name, name);
    }
    m_context->setCurrentIndex(m_context->findData(current));
    m_context->setEnabled(m_workspace && m_context->count() > 1);
}

void TargetSwitcher::fillNamespaces(const QStringList& names)
{
    m_namespaces = names;
    const QSignalBlocker block(m_namespace);
    const QString current = m_session->nameSpace();
    // Typing in the box should not be interrupted by a namespace appearing elsewhere in the cluster.
    const bool editing = m_namespace->lineEdit()->hasFocus() && m_namespace->currentText() != current;
    const QString typed = m_namespace->currentText();
    m_namespace->clear();
    QStringList all = names;
    if (!current.isEmpty() && !all.contains(current))
        all << current;
    all.sort();
    m_namespace->addItems(all);
    m_namespace->setCurrentText(editing ? typed : current);
}

void TargetSwitcher::chooseNamespace()
{
    const QString name = m_namespace->currentText().trimmed();
    if (name.isEmpty())
        return;
    // A typo ("Team A") would only come back as API errors on every watch: say what is wrong, here.
    if (const QString problem = DnsLabel::problem(name, tr("a namespace")); !problem.isEmpty()) {
        m_invalid->setText(QStringLiteral("✘ ") + problem);
        m_invalid->show();
        return;
    }
    m_invalid->hide();
    if (m_workspace)
        m_workspace->setNamespace(name);
    else
        m_session->setNamespace(name);
}

} // namespace quayside::ui
