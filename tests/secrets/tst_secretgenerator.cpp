#include "secrets/SecretGenerator.h"
#include "secrets/SecretSpecs.h"
#include "secrets/SecretValidator.h"

#include <QSet>
#include <QTest>

using namespace quayside;

class TestSecretGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatesAValidJwtSecret()
    {
        const QString value = SecretGenerator::generate();
        QCOMPARE(value.size(), 64);
        for (const QChar c : value)
            QVERIFY(SecretGenerator::alphabet().contains(c));
        const SecretSpecs specs = SecretSpecs::todoChatbot();
        QCOMPARE(SecretValidator::validate(*specs.find(QStringLiteral("JWT_SECRET")), value).severity,
                 SecretValidation::Severity::Ok);
    }

    void lengths_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("32") << 32;
        QTest::newRow("64") << 64;
        QTest::newRow("128") << 128;
    }
    void lengths()
    {
        QFETCH(int, length);
        QCOMPARE(SecretGenerator::generate(length).size(), length);
    }

    void neverRepeatsAndUsesTheWholeAlphabet()
    {
        QSet<QString> seen;
        QHash<QChar, int> counts;
        for (int i = 0; i < 1000; ++i) {
            const QString value = SecretGenerator::generate();
            QVERIFY(!seen.contains(value));
            seen.insert(value);
            for (const QChar c : value)
                ++counts[c];
        }
        // 64 000 draws over 62 symbols: ~1032 each. A stuck or biased generator misses this by far.
        QCOMPARE(counts.size(), SecretGenerator::alphabet().size());
        for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
            QVERIFY2(it.value() > 800 && it.value() < 1300,
                     qPrintable(QStringLiteral("%1: %2").arg(it.key()).arg(it.value())));
    }
};

QTEST_GUILESS_MAIN(TestSecretGenerator)
#include "tst_secretgenerator.moc"
