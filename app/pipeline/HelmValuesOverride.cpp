#include "pipeline/HelmValuesOverride.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QVariantMap>

#include <yaml-cpp/yaml.h>

namespace quayside {

HelmValuesOverride::HelmValuesOverride() = default;

HelmValuesOverride::~HelmValuesOverride()
{
    remove();
}

void HelmValuesOverride::set(const QString& key, const QString& value)
{
    m_values.insert(key, value);
}

namespace {

void insert(QVariantMap& map, QStringList parts, const QString& value)
{
    const QString head = parts.takeFirst();
    if (parts.isEmpty()) {
        map.insert(head, value);
        return;
    }
    QVariantMap child = map.value(head).toMap();
    insert(child, parts, value);
    map.insert(head, child);
}

void emitMap(YAML::Emitter& out, const QVariantMap& map)
{
    out << YAML::BeginMap;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        out << YAML::Key << it.key().toStdString() << YAML::Value;
        if (it.value().typeId() == QMetaType::QVariantMap)
            emitMap(out, it.value().toMap());
        else
            // Always quoted: a tag of digits only would otherwise read back as a number.
            out << YAML::DoubleQuoted << it.value().toString().toStdString();
    }
    out << YAML::EndMap;
}

} // namespace

QString HelmValuesOverride::yaml() const
{
    QVariantMap tree;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        insert(tree, it.key().split(QLatin1Char('.')), it.value());
    YAML::Emitter out;
    emitMap(out, tree);
    return QStringLiteral("# Written by Quayside for one helm upgrade; removed afterwards.\n")
        + QString::fromStdString(out.c_str()) + QLatin1Char('\n');
}

bool HelmValuesOverride::write(QString* error)
{
    remove();
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/quayside-helm-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a private temporary directory: %1").arg(m_dir->errorString());
        m_dir.reset();
        return false;
    }
    QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString path = m_dir->filePath(QStringLiteral("values.yaml"));
    QFile file(path);
    // Created with 0600 in one step, so the file is never readable by others, not even empty.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        m_dir.reset();
        return false;
    }
    const QByteArray text = yaml().toUtf8();
    if (file.write(text) != text.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.close();
        m_dir.reset();
        return false;
    }
    file.close();
    m_path = path;
    return true;
}

bool HelmValuesOverride::exists() const
{
    return !m_path.isEmpty() && QFileInfo::exists(m_path);
}

void HelmValuesOverride::remove()
{
    if (!m_path.isEmpty())
        QFile::remove(m_path);
    m_path.clear();
    m_dir.reset(); // QTemporaryDir removes the directory
}

} // namespace quayside
