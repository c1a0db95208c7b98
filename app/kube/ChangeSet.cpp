#include "kube/ChangeSet.h"

namespace quayside::kube {

void ChangeSet::added(const QString& uid)
{
    auto it = m_kinds.find(uid);
    if (it == m_kinds.end()) {
        m_kinds.insert(uid, Kind::Added);
        m_order.append(uid);
        return;
    }
    // Removed and back with the same uid inside one batch: for a view it simply changed.
    if (it.value() == Kind::Removed)
        it.value() = Kind::Modified;
    else if (it.value() == Kind::None)
        it.value() = Kind::Added;
}

void ChangeSet::modified(const QString& uid)
{
    auto it = m_kinds.find(uid);
    if (it == m_kinds.end()) {
        m_kinds.insert(uid, Kind::Modified);
        m_order.append(uid);
    }
    // Added or modified already: nothing new for a view. (Removed then modified cannot happen.)
}

void ChangeSet::removed(const QString& uid)
{
    auto it = m_kinds.find(uid);
    if (it == m_kinds.end()) {
        m_kinds.insert(uid, Kind::Removed);
        m_order.append(uid);
        return;
    }
    it.value() = it.value() == Kind::Added ? Kind::None : Kind::Removed;
}

void ChangeSet::clear()
{
    m_kinds.clear();
    m_order.clear();
}

QStringList ChangeSet::collect(Kind kind) const
{
    QStringList result;
    for (const QString& uid : m_order) {
        if (m_kinds.value(uid) == kind)
            result.append(uid);
    }
    return result;
}

} // namespace quayside::kube
