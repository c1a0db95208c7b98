#include "YamlJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <yaml-cpp/yaml.h>

namespace quayside {

namespace {

// go-yaml v2's resolve table (YAML 1.1), which is what Helm applies to values and manifests.
const QStringList kTrue
    = { QStringLiteral("y"),   QStringLiteral("Y"),    QStringLiteral("yes"),  QStringLiteral("Yes"),
        QStringLiteral("YES"), QStringLiteral("true"), QStringLiteral("True"), QStringLiteral("TRUE"),
        QStringLiteral("on"),  QStringLiteral("On"),   QStringLiteral("ON") };
const QStringList kFalse
    = { QStringLiteral("n"),   QStringLiteral("N"),     QStringLiteral("no"),    QStringLiteral("No"),
        QStringLiteral("NO"),  QStringLiteral("false"), QStringLiteral("False"), QStringLiteral("FALSE"),
        QStringLiteral("off"), QStringLiteral("Off"),   QStringLiteral("OFF") };
const QStringList kNull
    = { QString(), QStringLiteral("~"), QStringLiteral("null"), QStringLiteral("Null"), QStringLiteral("NULL") };

QJsonValue integerValue(const QString& digits, int base, bool negative)
{
    bool ok = false;
    const qlonglong value = QString(digits).remove(QLatin1Char('_')).toLongLong(&ok, base);
    if (!ok)
        return QJsonValue(QJsonValue::Undefined);
    return QJsonValue(negative ? -value : value);
}

} // namespace

QJsonValue YamlJson::resolvePlainScalar(const QString& text)
{
    if (kNull.contains(text))
        return QJsonValue(QJsonValue::Null);
    if (kTrue.contains(text))
        return QJsonValue(true);
    if (kFalse.contains(text))
        return QJsonValue(false);

    static const QRegularExpression decimal(QStringLiteral("^([-+]?)([0-9][0-9_]*)$"));
    static const QRegularExpression hex(QStringLiteral("^([-+]?)0x([0-9a-fA-F_]+)$"));
    static const QRegularExpression octal(QStringLiteral("^([-+]?)0([0-7_]+)$"));
    static const QRegularExpression binary(QStringLiteral("^([-+]?)0b([01_]+)$"));
    static const QRegularExpression floating(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"));

    if (auto m = hex.match(text); m.hasMatch()) {
        if (auto v = integerValue(m.captured(2), 16, m.captured(1) == QStringLiteral("-")); !v.isUndefined())
            return v;
    }
    if (auto m = binary.match(text); m.hasMatch()) {
        if (auto v = integerValue(m.captured(2), 2, m.captured(1) == QStringLiteral("-")); !v.isUndefined())
            return v;
    }
    // YAML 1.1: a leading zero means octal ("0755").
    if (auto m = octal.match(text); m.hasMatch()) {
        if (auto v = integerValue(m.captured(2), 8, m.captured(1) == QStringLiteral("-")); !v.isUndefined())
            return v;
    }
    if (auto m = decimal.match(text); m.hasMatch()) {
        if (auto v = integerValue(m.captured(2), 10, m.captured(1) == QStringLiteral("-")); !v.isUndefined())
            return v;
    }
    if (floating.match(text).hasMatch() && text.contains(QRegularExpression(QStringLiteral("[0-9]")))) {
        bool ok = false;
        const double value = QString(text).remove(QLatin1Char('_')).toDouble(&ok);
        if (ok)
            return QJsonValue(value);
    }
    static const QStringList infinity = { QStringLiteral(".inf"),  QStringLiteral(".Inf"),  QStringLiteral(".INF"),
                                          QStringLiteral("+.inf"), QStringLiteral("+.Inf"), QStringLiteral("+.INF") };
    static const QStringList negativeInfinity
        = { QStringLiteral("-.inf"), QStringLiteral("-.Inf"), QStringLiteral("-.INF") };
    static const QStringList notANumber = { QStringLiteral(".nan"), QStringLiteral(".NaN"), QStringLiteral(".NAN") };
    if (infinity.contains(text))
        return QJsonValue(std::numeric_limits<double>::infinity());
    if (negativeInfinity.contains(text))
        return QJsonValue(-std::numeric_limits<double>::infinity());
    if (notANumber.contains(text))
        return QJsonValue(std::nan(""));
    return QJsonValue(text);
}

QJsonValue YamlJson::toJson(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case YAML::NodeType::Null:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        const std::string& tag = node.Tag();
        // "?" marks a plain scalar; "!" a quoted one; anything else an explicit tag.
        if (tag == "?")
            return resolvePlainScalar(text);
        if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool"
            || tag == "tag:yaml.org,2002:null")
            return resolvePlainScalar(text);
        return QJsonValue(text);
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto& item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node)
            object.insert(QString::fromStdString(entry.first.Scalar()), toJson(entry.second));
        return object;
    }
    }
    return QJsonValue(QJsonValue::Undefined);
}

QList<QJsonValue> YamlJson::loadAllFile(const QString& path)
{
    QList<QJsonValue> documents;
    for (const auto& document : YAML::LoadAllFromFile(path.toStdString())) {
        const QJsonValue value = toJson(document);
        if (!value.isNull() && !value.isUndefined())
            documents.append(value);
    }
    return documents;
}

QJsonValue YamlJson::loadFile(const QString& path)
{
    return toJson(YAML::LoadFile(path.toStdString()));
}

QJsonValue YamlJson::at(const QJsonValue& root, const QString& dottedPath)
{
    return at(root, dottedPath.split(u'.', Qt::SkipEmptyParts));
}

QJsonValue YamlJson::at(const QJsonValue& root, const QStringList& path)
{
    QJsonValue current = root;
    for (const QString& key : path) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject object = current.toObject();
        if (!object.contains(key))
            return QJsonValue(QJsonValue::Undefined);
        current = object.value(key);
    }
    return current;
}

QStringList YamlJson::leafPaths(const QJsonValue& root, const QString& prefix)
{
    if (!root.isObject() || root.toObject().isEmpty())
        return prefix.isEmpty() ? QStringList() : QStringList { prefix };
    QStringList paths;
    const QJsonObject object = root.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        paths += leafPaths(it.value(), path);
    }
    return paths;
}

} // namespace quayside
