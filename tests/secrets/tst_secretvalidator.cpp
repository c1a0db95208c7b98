#include "secrets/SecretSpecs.h"
#include "secrets/SecretValidator.h"

#include <QTest>

using namespace quayside;
using Severity = SecretValidation::Severity;

class TestSecretValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<QString>("messageStart");

        const QString jwt32 = QString(32, QLatin1Char('k'));
        QTest::newRow("jwt: empty") << QStringLiteral("JWT_SECRET") << QString() << Severity::Error
                                    << QStringLiteral("Enter a value.");
        QTest::newRow("jwt: blanks only") << QStringLiteral("JWT_SECRET") << QStringLiteral("   ") << Severity::Error
                                          << QStringLiteral("Enter a value.");
        QTest::newRow("jwt: 31 characters")
            << QStringLiteral("JWT_SECRET") << QString(31, QLatin1Char('k')) << Severity::Error
            << QStringLiteral("Too short: at least 32 characters are needed, this has 31.");
        QTest::newRow("jwt: 32 characters")
            << QStringLiteral("JWT_SECRET") << jwt32 << Severity::Ok << QStringLiteral("32 characters.");
        QTest::newRow("jwt: 64 characters") << QStringLiteral("JWT_SECRET") << QString(64, QLatin1Char('x'))
                                            << Severity::Ok << QStringLiteral("64 characters.");
        QTest::newRow("jwt: emoji count once")
            << QStringLiteral("JWT_SECRET") << (QString(30, QLatin1Char('k')) + QStringLiteral("\U0001F511\U0001F511"))
            << Severity::Ok << QStringLiteral("32 characters.");
        QTest::newRow("jwt: 16 emoji are 16 characters")
            << QStringLiteral("JWT_SECRET") << QString(16, QChar(0x2713)) << Severity::Error
            << QStringLiteral("Too short: at least 32 characters are needed, this has 16.");
        QTest::newRow("jwt: line break") << QStringLiteral("JWT_SECRET") << (jwt32 + QStringLiteral("\nmore"))
                                         << Severity::Error << QStringLiteral("Must be a single line.");
        QTest::newRow("jwt: trailing space") << QStringLiteral("JWT_SECRET") << (jwt32 + QStringLiteral(" "))
                                             << Severity::Warning << QStringLiteral("Starts or ends with a space");

        QTest::newRow("db: postgresql with ssl")
            << QStringLiteral("DATABASE_URL")
            << QStringLiteral(
                   "postgresql://neondb_owner:pw@ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require")
            << Severity::Ok << QStringLiteral("PostgreSQL URL with SSL required.");
        QTest::newRow("db: postgres scheme")
            << QStringLiteral("DATABASE_URL") << QStringLiteral("postgres://u:p@localhost:5432/db?sslmode=verify-full")
            << Severity::Ok << QStringLiteral("PostgreSQL URL");
        QTest::newRow("db: no sslmode") << QStringLiteral("DATABASE_URL") << QStringLiteral("postgresql://u:p@host/db")
                                        << Severity::Warning
                                        << QStringLiteral("No sslmode=require: Neon only accepts SSL connections");
        QTest::newRow("db: sslmode=prefer")
            << QStringLiteral("DATABASE_URL") << QStringLiteral("postgresql://u:p@host/db?sslmode=prefer")
            << Severity::Warning << QStringLiteral("sslmode=prefer may connect without SSL");
        QTest::newRow("db: other params only")
            << QStringLiteral("DATABASE_URL") << QStringLiteral("postgresql://u:p@host/db?channel_binding=require")
            << Severity::Warning << QStringLiteral("No sslmode=require");
        QTest::newRow("db: no database") << QStringLiteral("DATABASE_URL")
                                         << QStringLiteral("postgresql://u:p@host?sslmode=require") << Severity::Warning
                                         << QStringLiteral("No database name");
        QTest::newRow("db: mysql") << QStringLiteral("DATABASE_URL") << QStringLiteral("mysql://u:p@host/db")
                                   << Severity::Error << QStringLiteral("Must be a postgres:// or postgresql:// URL");
        QTest::newRow("db: no scheme") << QStringLiteral("DATABASE_URL") << QStringLiteral("host/db") << Severity::Error
                                       << QStringLiteral("Must be a postgres:// or postgresql:// URL");
        QTest::newRow("db: password-looking scheme")
            << QStringLiteral("DATABASE_URL") << QStringLiteral("hunter2:rest") << Severity::Error
            << QStringLiteral("Must be a postgres:// or postgresql:// URL");
        QTest::newRow("db: no host") << QStringLiteral("DATABASE_URL")
                                     << QStringLiteral("postgresql:///db?sslmode=require") << Severity::Error
                                     << QStringLiteral("The URL has no host");
        QTest::newRow("db: spaces") << QStringLiteral("DATABASE_URL") << QStringLiteral("postgresql://u:p w@host/db")
                                    << Severity::Error << QStringLiteral("A database URL has no spaces");
        QTest::newRow("db: empty") << QStringLiteral("DATABASE_URL") << QString() << Severity::Error
                                   << QStringLiteral("Enter a value.");

        QTest::newRow("api key: ok") << QStringLiteral("OPENAI_API_KEY") << QStringLiteral("sk-proj-abc123")
                                     << Severity::Ok << QStringLiteral("");
        QTest::newRow("api key: empty") << QStringLiteral("OPENAI_API_KEY") << QString() << Severity::Error
                                        << QStringLiteral("Enter a value.");
        QTest::newRow("api key: inner space") << QStringLiteral("GEMINI_API_KEY") << QStringLiteral("AIza abc")
                                              << Severity::Error << QStringLiteral("An API key has no spaces");
        QTest::newRow("api key: pasted newline")
            << QStringLiteral("CLOUDINARY_API_SECRET") << QStringLiteral("abc\ndef") << Severity::Error
            << QStringLiteral("An API key has no spaces");
        QTest::newRow("api key: trailing newline")
            << QStringLiteral("OPENAI_API_KEY") << QStringLiteral("sk-abc\n") << Severity::Warning
            << QStringLiteral("Starts or ends with a space");
        QTest::newRow("text: anything non-empty") << QStringLiteral("CLOUDINARY_CLOUD_NAME")
                                                  << QStringLiteral("my cloud") << Severity::Ok << QStringLiteral("");
    }
    void validates()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(Severity, severity);
        QFETCH(QString, messageStart);
        const SecretSpecs specs = SecretSpecs::todoChatbot();
        const SecretSpec* spec = specs.find(name);
        QVERIFY(spec);
        const SecretValidation result = SecretValidator::validate(*spec, value);
        QCOMPARE(result.severity, severity);
        QVERIFY2(messageStart.isEmpty() || result.message.startsWith(messageStart), qPrintable(result.message));
        QCOMPARE(result.acceptable(), severity != Severity::Error);
        // Messages are shown in labels and printed: never any part of the value.
        if (value.size() >= 4) {
            QVERIFY2(!result.message.contains(value.trimmed()), qPrintable(result.message));
            for (const QString& piece : { QStringLiteral("hunter2"), QStringLiteral("neondb_owner"),
                                          QStringLiteral(":pw@"), QStringLiteral("sk-proj") })
                QVERIFY2(!result.message.contains(piece), qPrintable(result.message));
        }
        // The byte overload agrees.
        QCOMPARE(SecretValidator::validate(*spec, value.toUtf8()).severity, severity);
    }

    void todoChatbotProfile()
    {
        const SecretSpecs specs = SecretSpecs::todoChatbot();
        QCOMPARE(specs.profile, QStringLiteral("todo-chatbot"));
        QCOMPARE(specs.nameSpace, QStringLiteral("todo-app"));
        QCOMPARE(specs.secretName, QStringLiteral("todo-app-secrets"));
        QCOMPARE(specs.names(),
                 QStringList({ "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY", "GEMINI_API_KEY",
                               "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET" }));
        for (const SecretSpec& spec : specs.specs) {
            QCOMPARE(spec.kubernetesSecret, QStringLiteral("todo-app-secrets"));
            QCOMPARE(spec.kubernetesKey, spec.name);
            QVERIFY(!spec.description.isEmpty());
            QCOMPARE(spec.required,
                     spec.name == QLatin1String("DATABASE_URL") || spec.name == QLatin1String("JWT_SECRET"));
            QCOMPARE(spec.canGenerate(), spec.name == QLatin1String("JWT_SECRET"));
        }
        QCOMPARE(specs.find(QStringLiteral("JWT_SECRET"))->minimumLength, 32);
        QVERIFY(!specs.find(QStringLiteral("NOPE")));
    }
};

QTEST_GUILESS_MAIN(TestSecretValidator)
#include "tst_secretvalidator.moc"
