#pragma once

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QString>

namespace quayside::artifacts {

inline QString sourcePath(const QString& relative)
{
    return QDir(QStringLiteral(QUAYSIDE_SOURCE_DIR)).filePath(relative);
}

inline QString chartPath(const QString& relative = {})
{
    return sourcePath(QStringLiteral("k8s-templates/helm/todo-chatbot/") + relative);
}

inline QString readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Helm's merge of values files: maps merge key by key, anything else is replaced, null deletes.
inline QJsonObject coalesce(QJsonObject base, const QJsonObject& override)
{
    for (auto it = override.begin(); it != override.end(); ++it) {
        if (it.value().isNull())
            base.remove(it.key());
        else if (it.value().isObject() && base.value(it.key()).isObject())
            base.insert(it.key(), coalesce(base.value(it.key()).toObject(), it.value().toObject()));
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

} // namespace quayside::artifacts
