#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside {

// Secret values by name, wiped when the holder goes away. Move-only, so a set of secrets is never
// silently duplicated by an implicit copy; pass it by reference or std::move it.
class SecretValues
{
public:
    SecretValues() = default;
    ~SecretValues() { wipe(); }
    SecretValues(SecretValues&& other) noexcept
        : m_values(std::exchange(other.m_values, {}))
    { }
    SecretValues& operator=(SecretValues&& other) noexcept
    {
        if (this != &other) {
            wipe();
            m_values = std::exchange(other.m_values, {});
        }
        return *this;
    }
    SecretValues(const SecretValues&) = delete;
    SecretValues& operator=(const SecretValues&) = delete;

    // Takes the bytes over (the caller's QByteArray is left empty).
    void insert(const QString& name, QByteArray&& value);
    bool contains(const QString& name) const { return m_values.contains(name); }
    QByteArray value(const QString& name) const { return m_values.value(name); }
    QStringList names() const { return m_values.keys(); }
    qsizetype size() const { return m_values.size(); }
    bool isEmpty() const { return m_values.isEmpty(); }
    const QMap<QString, QByteArray>& map() const { return m_values; }
    void wipe();

private:
    QMap<QString, QByteArray> m_values;
};

} // namespace quayside
