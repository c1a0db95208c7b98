#pragma once

#include "diagnosis/Finding.h"
#include "diagnosis/LiveDiagnosis.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>

namespace quayside::ui {

// The live findings as a list, one row per Finding::key(), most severe first. Follows
// LiveDiagnosis::findingsChanged incrementally (rows inserted, changed and removed in place), so a
// selected problem stays selected while others come and go; only a new source resets it.
class FindingsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        SeverityRole, // int(diagnosis::Finding::Severity)
        ObjectKindRole,
        ObjectNameRole,
        DeploymentRole,
    };

    explicit FindingsModel(QObject* parent = nullptr);

    void setSource(diagnosis::LiveDiagnosis* diagnosis);
    diagnosis::LiveDiagnosis* source() const { return m_source; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    const diagnosis::Finding* findingAt(int row) const;
    int rowOf(const QString& key) const;
    // The first finding about this object (a pod or a deployment), or -1.
    int rowFor(const QString& objectKind, const QString& objectName) const;
    // Warnings and errors (info findings are not "problems").
    int problemCount() const;

Q_SIGNALS:
    void problemCountChanged(int count);

private:
    void apply(const QStringList& added, const QStringList& changed, const QStringList& removed);
    static int rank(const diagnosis::Finding& finding);
    int insertionRow(const diagnosis::Finding& finding) const;

    QPointer<diagnosis::LiveDiagnosis> m_source;
    QList<diagnosis::Finding> m_rows;
    int m_problems = 0;
};

} // namespace quayside::ui
