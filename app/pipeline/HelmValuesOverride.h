#pragma once

#include <QMap>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace quayside {

// The values file Quayside adds to `helm upgrade`: image repositories and tags, the Secret's name and
// the checksum of its data. Nothing secret goes in (the Secret itself travels over the API), but the
// file is still written the way a secret would be: in a private directory (0700), mode 0600 from the
// moment it exists, and removed as soon as Helm is done with it (remove(), or the destructor).
class HelmValuesOverride
{
public:
    HelmValuesOverride();
    ~HelmValuesOverride();
    HelmValuesOverride(const HelmValuesOverride&) = delete;
    HelmValuesOverride& operator=(const HelmValuesOverride&) = delete;

    // `key` is a dotted values path ("backend.image.tag"); values are always written as strings.
    void set(const QString& key, const QString& value);
    const QMap<QString, QString>& values() const { return m_values; }
    // The YAML text, nested by the dotted keys, sorted.
    QString yaml() const;

    // Writes the file; false with `error` set on failure.
    bool write(QString* error);
    QString path() const { return m_path; }
    bool exists() const;
    void remove();

private:
    QMap<QString, QString> m_values;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

} // namespace quayside
