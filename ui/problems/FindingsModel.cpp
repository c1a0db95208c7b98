#include "problems/FindingsModel.h"

#include "diagnosis/LiveDiagnosis.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

namespace quayside::ui {

using diagnosis::Finding;

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

void FindingsModel::setSource(diagnosis::LiveDiagnosis* source)
{
    if (m_source)
        m_source->disconnect(this);
    // A new namespace or cluster: what we showed belongs to another one.
    beginResetModel();
    m_source = source;
    m_rows.clear();
    if (m_source) {
        for (const Finding& finding : m_source->findings())
            m_rows.insert(insertionRow(finding), finding);
        connect(m_source, &diagnosis::LiveDiagnosis::findingsChanged, this, &FindingsModel::apply);
    }
    endResetModel();
    m_problems = 0;
    for (const Finding& f : std::as_const(m_rows))
        m_problems += f.severity != Finding::Severity::Info ? 1 : 0;
    Q_EMIT problemCountChanged(m_problems);
}

int FindingsModel::rank(const Finding& finding)
{
    switch (finding.severity) {
    case Finding::Severity::Error:
        return 0;
    case Finding::Severity::Warning:
        return 1;
    case Finding::Severity::Info:
        break;
    }
    return 2;
}

int FindingsModel::insertionRow(const Finding& finding) const
{
    const auto before = [](const Finding& a, const Finding& b) {
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        if (a.objectName != b.objectName)
            return a.objectName < b.objectName;
        return a.rule < b.rule;
    };
    int row = 0;
    while (row < m_rows.size() && before(m_rows.at(row), finding))
        ++row;
    return row;
}

void FindingsModel::apply(const QStringList& added, const QStringList& changed, const QStringList& removed)
{
    if (!m_source)
        return;
    for (const QString& key : removed) {
        const int row = rowOf(key);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    QHash<QString, const Finding*> current;
    for (const Finding& f : m_source->findings())
        current.insert(f.key(), &f);
    for (const QString& key : changed) {
        const int row = rowOf(key);
        const Finding* finding = current.value(key);
        if (row < 0 || !finding)
            continue;
        // A changed severity moves the row; anything else changes it in place.
        if (finding->severity != m_rows.at(row).severity) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
            const int to = insertionRow(*finding);
            beginInsertRows({}, to, to);
            m_rows.insert(to, *finding);
            endInsertRows();
        } else {
            m_rows[row] = *finding;
            Q_EMIT dataChanged(index(row), index(row));
        }
    }
    for (const QString& key : added) {
        const Finding* finding = current.value(key);
        if (!finding || rowOf(key) >= 0)
            continue;
        const int row = insertionRow(*finding);
        beginInsertRows({}, row, row);
        m_rows.insert(row, *finding);
        endInsertRows();
    }
    int problems = 0;
    for (const Finding& f : std::as_const(m_rows))
        problems += f.severity != Finding::Severity::Info ? 1 : 0;
    if (problems != m_problems) {
        m_problems = problems;
        Q_EMIT problemCountChanged(m_problems);
    }
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Finding& f = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // The summary names the object already ("backend-7d9c restarts: ..."); the kind says what it is.
        return f.summary.contains(f.objectName)
            ? f.summary
            : QStringLiteral("%1 %2: %3").arg(f.objectKind.toLower(), f.objectName, f.summary);
    case Qt::ToolTipRole:
        return f.explanation.isEmpty() ? f.summary : f.explanation;
    case Qt::DecorationRole: {
        // An icon as well as a colour, so the severity reads without telling red from amber.
        const QStyle* style = QApplication::style();
        switch (f.severity) {
        case Finding::Severity::Error:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case Finding::Severity::Warning:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case Finding::Severity::Info:
            return style->standardIcon(QStyle::SP_MessageBoxInformation);
        }
        return {};
    }
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1: %2 %3: %4")
            .arg(Finding::severityName(f.severity), f.objectKind, f.objectName, f.summary);
    case KeyRole:
        return f.key();
    case SeverityRole:
        return static_cast<int>(f.severity);
    case ObjectKindRole:
        return f.objectKind;
    case ObjectNameRole:
        return f.objectName;
    case DeploymentRole:
        return f.deployment;
    default:
        return {};
    }
}

const Finding* FindingsModel::findingAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int FindingsModel::rowOf(const QString& key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key() == key)
            return i;
    }
    return -1;
}

int FindingsModel::rowFor(const QString& objectKind, const QString& objectName) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).objectKind == objectKind && m_rows.at(i).objectName == objectName)
            return i;
    }
    return -1;
}

int FindingsModel::problemCount() const
{
    return m_problems;
}

} // namespace quayside::ui
