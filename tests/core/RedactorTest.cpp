#include "core/Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
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
        QTest::newRow("none") << QStringList {} << "plain text"
                              << "plain text";
        QTest::newRow("one") << QStringList { "hunter2-long" } << "pw=hunter2-long!"
                             << "pw=***!";
        QTest::newRow("repeated") << QStringList { "abcd1234" } << "abcd1234 and abcd1234"
                                  << "*** and ***";
        QTest::newRow("overlapping, longest first")
            << QStringList { "secret", "secret-extended" } << "a secret-extended b secret"
            << "a *** b ***";
        QTest::newRow("too short to redact") << QStringList { "abc" } << "abc def"
                                             << "abc def";
        QTest::newRow("utf8") << QStringList { "pässwörd" } << "x pässwörd y"
                              << "x *** y";
        QTest::newRow("inside url") << QStringList { "s3cr3tpass" }
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

    // The same secret as it appears inside a Kubernetes Secret's data, a JSON body or a URL.
    void redactsEncodedForms_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("form");
        const QString plain = QStringLiteral("s3cr3t?pass");
        const QByteArray plainUtf8 = plain.toUtf8();
        QTest::newRow("base64") << plain << QString::fromLatin1(plainUtf8.toBase64());
        QTest::newRow("base64 unpadded") << plain
                                         << QString::fromLatin1(plainUtf8.toBase64(QByteArray::OmitTrailingEquals));
        const QString url = QStringLiteral("ab>?~~cd"); // '>' and '?' differ between the alphabets
        QTest::newRow("base64url") << url << QString::fromLatin1(url.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
        QTest::newRow("base64url unpadded") << url
                                            << QString::fromLatin1(url.toUtf8().toBase64(
                                                   QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QTest::newRow("percent-encoded") << QStringLiteral("p@ss w/rd&x=1")
                                         << QStringLiteral("p%40ss%20w%2Frd%26x%3D1");
        QTest::newRow("form-encoded") << QStringLiteral("p@ss w/rd&x=1") << QStringLiteral("p%40ss+w%2Frd%26x%3D1");
        QTest::newRow("json quotes and backslash") << QStringLiteral("a\"b\\c") << QStringLiteral("a\\\"b\\\\c");
        QTest::newRow("json control characters")
            << QStringLiteral("line1\nline2\t\x01") << QStringLiteral("line1\\nline2\\t\\u0001");
        QTest::newRow("json non-ascii escaped") << QStringLiteral("pässwörd") << QStringLiteral("p\\u00e4ssw\\u00f6rd");
        QTest::newRow("json html-safe (Go)")
            << QStringLiteral("<tok&en>") << QStringLiteral("\\u003ctok\\u0026en\\u003e");
    }
    void redactsEncodedForms()
    {
        QFETCH(QString, secret);
        QFETCH(QString, form);
        QVERIFY(form != secret);
        Redactor::instance().registerSecret(secret);
        QCOMPARE(Redactor::instance().redact(QStringLiteral("x ") + form + QStringLiteral(" y")),
                 QStringLiteral("x *** y"));
    }

    // Whatever QJsonDocument writes for a value holding the secret is redacted.
    void redactsQtJson()
    {
        const QString secret = QStringLiteral("tok\"en\\with\nnewline-ä-\x7f-\U0001F600");
        Redactor::instance().registerSecret(secret);
        const QByteArray json
            = QJsonDocument(QJsonObject { { QStringLiteral("token"), secret } }).toJson(QJsonDocument::Compact);
        QCOMPARE(Redactor::instance().redact(std::string_view(json.constData(), std::size_t(json.size()))),
                 std::string(R"({"token":"***"})"));
    }

    void shortFormsIgnored()
    {
        Redactor::instance().registerSecret(QStringLiteral("abcd"));
        // "abcd" has no percent or JSON form that differs; only the base64 forms are added.
        QCOMPARE(Redactor::instance().redact(QStringLiteral("abcd YWJjZA== YWJjZA")), QStringLiteral("*** *** ***"));
        QCOMPARE(Redactor::instance().size(), std::size_t(3));
    }

    void forgetAllClears()
    {
        Redactor::instance().registerSecret(QStringLiteral("remember-me"));
        QVERIFY(Redactor::instance().size() >= std::size_t(1));
        Redactor::instance().forgetAll();
        QCOMPARE(Redactor::instance().redact(QStringLiteral("remember-me")), QStringLiteral("remember-me"));
    }
};

QTEST_GUILESS_MAIN(RedactorTest)
#include "RedactorTest.moc"
