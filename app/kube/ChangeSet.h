#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace quayside::kube {

// The net effect of a batch of store updates on each uid, in first-seen order, for incremental
// models: a uid is in at most one list. Added then modified is "added"; added then deleted within the
// batch never happened (a view never saw it); modified then deleted is "removed".
class ChangeSet
{
public:
    void added(const QString& uid);
    void modified(const QString& uid);
    void removed(const QString& uid);

    bool isEmpty() const { return m_order.isEmpty(); }
    void clear();
    QStringList addedUids() const { return collect(Kind::Added); }
    QStringList modifiedUids() const { return collect(Kind::Modified); }
    QStringList removedUids() const { return collect(Kind::Removed); }

private:
    enum class Kind { Added, Modified, Removed, None };
    QStringList collect(Kind kind) const;

    QHash<QString, Kind> m_kinds;
    QStringList m_order;
};

} // namespace quayside::kube
