#include "secrets/DotEnvParser.h"
#include "secrets/SecretImportPlan.h"

#include <QTest>

using namespace quayside;

class TestSecretImportPlan : public QObject
{
    Q_OBJECT
private:
    static SecretImportPlan plan(const QByteArray& content)
    {
        DotEnvResult parsed = DotEnvParser::parse(content);
        return SecretImportPlan::fromDotEnv(parsed, SecretSpecs::todoChatbot());
    }

private Q_SLOTS:
    void importsKnownListsUnknown()
    {
        const SecretImportPlan p = plan("# backend/.env\n"
                                        "DATABASE_URL=postgresql://u:p@ep-x.neon.tech/neondb?sslmode=require\n"
                                        "JWT_SECRET=0123456789abcdef0123456789abcdef\n"
                                        "LOG_LEVEL=INFO\n"
                                        "export OPENAI_API_KEY='sk-test-123'\n"
                                        "CORS_ORIGINS=http://localhost:30000\n");
        QVERIFY(p.canImport());
        QCOMPARE(p.values.names(), QStringList({ "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY" }));
        QCOMPARE(p.values.value(QStringLiteral("OPENAI_API_KEY")), QByteArray("sk-test-123"));
        QCOMPARE(p.unknown, QStringList({ "LOG_LEVEL", "CORS_ORIGINS" }));
        QVERIFY(p.describe()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("not imported (not secrets of this profile): LOG_LEVEL, CORS_ORIGINS")));
    }

    void emptyValuesAreSkippedWithAWarning()
    {
        const SecretImportPlan p = plan("JWT_SECRET=0123456789abcdef0123456789abcdef\nGEMINI_API_KEY=\n");
        QVERIFY(p.canImport());
        QCOMPARE(p.values.names(), QStringList({ "JWT_SECRET" }));
        QCOMPARE(p.warnings.size(), 1);
        QVERIFY(p.warnings.first().message.contains(QStringLiteral("GEMINI_API_KEY is empty; skipped")));
    }

    void anInvalidValueBlocksTheImport()
    {
        const SecretImportPlan p = plan("JWT_SECRET=short-secret\nOPENAI_API_KEY=sk-ok\n");
        QVERIFY(!p.canImport());
        QCOMPARE(p.refused.size(), 1);
        QCOMPARE(p.refused.first().line, 1);
        QVERIFY(p.refused.first().message.startsWith(QStringLiteral("line 1: JWT_SECRET: Too short")));
        QVERIFY(!p.refused.first().message.contains(QStringLiteral("short-secret")));
    }

    void warningsAreCarriedOver()
    {
        const SecretImportPlan p
            = plan("DATABASE_URL=postgresql://u:p@h/db\nJWT_SECRET=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
                   "JWT_SECRET=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n");
        QVERIFY(p.canImport());
        QCOMPARE(p.values.value(QStringLiteral("JWT_SECRET")), QByteArray(40, 'b'));
        QStringList messages;
        for (const auto& w : p.warnings)
            messages << w.message;
        QVERIFY2(messages.join(QLatin1Char('|')).contains(QStringLiteral("JWT_SECRET is set again")),
                 qPrintable(messages.join(QLatin1Char('|'))));
        QVERIFY(messages.join(QLatin1Char('|')).contains(QStringLiteral("DATABASE_URL: No sslmode=require")));
    }

    void aParseErrorImportsNothing()
    {
        const SecretImportPlan p = plan("JWT_SECRET=0123456789abcdef0123456789abcdef\nthis is not an assignment\n");
        QVERIFY(!p.canImport());
        QVERIFY(p.values.isEmpty());
        QCOMPARE(p.errors.first().line, 2);
        QCOMPARE(p.describe().last(), QStringLiteral("Nothing was imported."));
    }
};

QTEST_GUILESS_MAIN(TestSecretImportPlan)
#include "tst_secretimportplan.moc"
