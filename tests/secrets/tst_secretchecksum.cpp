#include "secrets/SecretChecksum.h"

#include <QTest>

using quayside::SecretChecksum;
using Data = QMap<QString, QByteArray>;

class TestSecretChecksum : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownValues_data()
    {
        QTest::addColumn<Data>("data");
        QTest::addColumn<QString>("checksum");
        // Computed independently: sha256 of "<key>=<base64(value)>\n" for the keys in order (Python hashlib).
        QTest::newRow("empty") << Data {}
                               << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("two keys") << Data { { QStringLiteral("JWT_SECRET"), QByteArray(32, 'k') },
                                            { QStringLiteral("DATABASE_URL"),
                                              QByteArray("postgresql://u:p@h/db?sslmode=require") } }
                                  << QStringLiteral("5daf2ce33e3ea1cd0e559670a3292ff62133d7bbdc42cede5687241225a3c026");
    }
    void knownValues()
    {
        QFETCH(Data, data);
        QFETCH(QString, checksum);
        QCOMPARE(SecretChecksum::compute(data), checksum);
    }

    void changesWhenAValueIsRotated()
    {
        const Data before { { QStringLiteral("JWT_SECRET"), "old-old-old-old" }, { QStringLiteral("A"), "x" } };
        Data after = before;
        after[QStringLiteral("JWT_SECRET")] = "new-new-new-new";
        QVERIFY(SecretChecksum::compute(before) != SecretChecksum::compute(after));
        QCOMPARE(SecretChecksum::compute(before), SecretChecksum::compute(Data(before)));
    }

    void unambiguous()
    {
        // Without an encoding these two would hash the same input ("A=x\nB=y\n").
        const Data one { { QStringLiteral("A"), "x\nB=y" } };
        const Data two { { QStringLiteral("A"), "x" }, { QStringLiteral("B"), "y" } };
        QVERIFY(SecretChecksum::compute(one) != SecretChecksum::compute(two));
    }

    void neverContainsTheData()
    {
        const QString checksum = SecretChecksum::compute({ { QStringLiteral("K"), "abcdef" } });
        QCOMPARE(checksum.size(), 64);
        QVERIFY(!checksum.contains(QStringLiteral("abcdef")));
    }

    void names()
    {
        QCOMPARE(SecretChecksum::annotationKey(), QStringLiteral("checksum/secret"));
        QCOMPARE(SecretChecksum::helmChecksumKey(), QStringLiteral("secrets.checksum"));
        QCOMPARE(SecretChecksum::helmExistingSecretKey(), QStringLiteral("secrets.existingSecret"));
    }
};

QTEST_GUILESS_MAIN(TestSecretChecksum)
#include "tst_secretchecksum.moc"
