// Label selectors as the real server parses them: kubectl and client-go send all of these forms.
#include "LabelSelector.h"

#include <QJsonDocument>
#include <QTest>

using quayside::test::LabelSelector;

class LabelSelectorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<bool>("matches");
        const QByteArray backend = R"({"app":"backend","pod-template-hash":"abc","tier":"api"})";
        QTest::newRow("empty matches all") << QString() << backend << true;
        QTest::newRow("equality") << QStringLiteral("app=backend") << backend << true;
        QTest::newRow("double equals") << QStringLiteral("app==backend") << backend << true;
        QTest::newRow("equality, other value") << QStringLiteral("app=frontend") << backend << false;
        QTest::newRow("inequality") << QStringLiteral("app!=frontend") << backend << true;
        QTest::newRow("inequality of a missing label") << QStringLiteral("zone!=x") << backend << true;
        QTest::newRow("conjunction") << QStringLiteral("app=backend,tier=api") << backend << true;
        QTest::newRow("conjunction, one fails") << QStringLiteral("app=backend,tier=web") << backend << false;
        QTest::newRow("in") << QStringLiteral("app in (frontend, backend)") << backend << true;
        QTest::newRow("notin") << QStringLiteral("app notin (frontend,backend)") << backend << false;
        QTest::newRow("exists") << QStringLiteral("pod-template-hash") << backend << true;
        QTest::newRow("does not exist") << QStringLiteral("!pod-template-hash") << backend << false;
        QTest::newRow("set and equality") << QStringLiteral("app in (backend),tier=api") << backend << true;
    }

    void matches()
    {
        QFETCH(QString, selector);
        QFETCH(QByteArray, labels);
        QFETCH(bool, matches);
        bool ok = false;
        const LabelSelector parsed = LabelSelector::parse(selector, &ok);
        QVERIFY(ok);
        QCOMPARE(parsed.matches(QJsonDocument::fromJson(labels).object()), matches);
    }

    void invalid()
    {
        bool ok = true;
        QString error;
        LabelSelector::parse(QStringLiteral("app=(x"), &ok, &error);
        QVERIFY(!ok);
        QVERIFY(!error.isEmpty());
    }

    void fromSpecSelector()
    {
        const auto selector = LabelSelector::fromJson(
            QJsonDocument::fromJson(
                R"({"matchLabels":{"app":"backend"},"matchExpressions":[{"key":"tier","operator":"In","values":["api","web"]}]})")
                .object());
        QCOMPARE(selector.toString(), QStringLiteral("app=backend,tier in (api,web)"));
        QVERIFY(selector.matches(QJsonDocument::fromJson(R"({"app":"backend","tier":"web"})").object()));
    }
};

QTEST_GUILESS_MAIN(LabelSelectorTest)
#include "LabelSelectorTest.moc"
