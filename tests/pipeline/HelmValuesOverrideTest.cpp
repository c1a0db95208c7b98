#include "pipeline/HelmValuesOverride.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

using namespace quayside;

namespace {
int mode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}
} // namespace

class HelmValuesOverrideTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nestedAndQuoted()
    {
        HelmValuesOverride values;
        values.set(QStringLiteral("backend.image.repository"), QStringLiteral("todo-backend"));
        values.set(QStringLiteral("backend.image.tag"), QStringLiteral("123456789012"));
        values.set(QStringLiteral("secrets.existingSecret"), QStringLiteral("todo-app-secrets"));
        values.set(QStringLiteral("secrets.checksum"), QStringLiteral("ab12"));
        const YAML::Node root = YAML::Load(values.yaml().toStdString());
        QCOMPARE(QString::fromStdString(root["backend"]["image"]["repository"].as<std::string>()),
                 QStringLiteral("todo-backend"));
        // A tag of digits only stays a string (Helm would otherwise render 1.23456789012e+11).
        QCOMPARE(root["backend"]["image"]["tag"].Tag(), std::string("!"));
        QCOMPARE(QString::fromStdString(root["backend"]["image"]["tag"].as<std::string>()),
                 QStringLiteral("123456789012"));
        QCOMPARE(QString::fromStdString(root["secrets"]["existingSecret"].as<std::string>()),
                 QStringLiteral("todo-app-secrets"));
    }

    void privateFileRemovedAfterwards()
    {
        QString path;
        QString dir;
        {
            HelmValuesOverride values;
            values.set(QStringLiteral("a.b"), QStringLiteral("c"));
            QString error;
            QVERIFY2(values.write(&error), qPrintable(error));
            path = values.path();
            dir = QFileInfo(path).absolutePath();
            QVERIFY(values.exists());
            QCOMPARE(mode(path), 0600);
            QCOMPARE(mode(dir), 0700);
            values.remove();
            QVERIFY(!QFileInfo::exists(path));
            QVERIFY(!QFileInfo::exists(dir));
            QVERIFY(values.write(&error)); // written again, then left to the destructor
            path = values.path();
        }
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(HelmValuesOverrideTest)
#include "HelmValuesOverrideTest.moc"
