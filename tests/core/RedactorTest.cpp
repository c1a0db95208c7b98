#include "core/Redactor.h"

#include <QTest>

using namespace quayside;

class RedactorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Redactor::instance().forgetAll(); }

    void redacts_data()
    {
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QStringList{} << "plain text" << "plain text";
        QTest::newRow("one") << QStringList{"hunter2-long"} << "pw=hunter2-long!" << "pw=***!";
        QTest::newRow("repeated") << QStringList{"abcd1234"} << "abcd1234 and abcd1234" << "*** and ***";
        QTest::newRow("overlapping, longest first") << QStringList{"secret", "secret-extended"}
                                                    << "a secret-extended b secret" << "a *** b ***";
        QTest::newRow("too short to redact") << QStringList{"abc"} << "abc def" << "abc def";
        QTest::newRow("utf8") << QStringList{"pässwörd"} << "x pässwörd y" << "x *** y";
        QTest::newRow("inside url") << QStringList{"s3cr3tpass"}
                                    << "postgresql://u:s3cr3tpass@host/db?sslmode=require"
                                    << "postgresql://u:***@host/db?sslmode=require";
    }
    void redacts()
    {
        QFETCH(QStringList, secrets);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        for (const QString& s : secrets)
            Redactor::instance().registerSecret(s);
        QCOMPARE(Redactor::instance().redact(input), expected);
    }

    void forgetAllClears()
    {
        Redactor::instance().registerSecret(QStringLiteral("remember-me"));
        QCOMPARE(Redactor::instance().size(), std::size_t(1));
        Redactor::instance().forgetAll();
        QCOMPARE(Redactor::instance().redact(QStringLiteral("remember-me")), QStringLiteral("remember-me"));
    }
};

QTEST_GUILESS_MAIN(RedactorTest)
#include "RedactorTest.moc"
