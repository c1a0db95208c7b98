#include "diagnosis/rules/LogAnalyzer.h"

#include <QTest>

using namespace quayside::diagnosis;

Q_DECLARE_METATYPE(quayside::diagnosis::LogCause::Kind)

// The causes recognised in the last lines of a crashed container, as real apps print them.
class LogAnalyzerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstCause_data()
    {
        QTest::addColumn<QStringList>("log");
        QTest::addColumn<LogCause::Kind>("kind");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("neon");
        using K = LogCause::Kind;
        QTest::newRow("os.environ KeyError")
            << QStringList { "Traceback (most recent call last):", "  File \"/app/main.py\", line 9, in <module>",
                             "KeyError: 'DATABASE_URL'" }
            << K::MissingVariable << "DATABASE_URL" << 0 << false;
        QTest::newRow("is not set") << QStringList { "Error: JWT_SECRET is not set" } << K::MissingVariable
                                    << "JWT_SECRET" << 0 << false;
        QTest::newRow("environment variable ... is required")
            << QStringList { "FATAL: DATABASE_URL environment variable is required" } << K::MissingVariable
            << "DATABASE_URL" << 0 << false;
        QTest::newRow("must be set") << QStringList { "panic: STRIPE_KEY must be set" } << K::MissingVariable
                                     << "STRIPE_KEY" << 0 << false;
        QTest::newRow("Missing environment variable:")
            << QStringList { "Error: Missing environment variable: REDIS_URL" } << K::MissingVariable << "REDIS_URL"
            << 0 << false;
        QTest::newRow("envconfig") << QStringList { "required key API_TOKEN missing value" } << K::MissingVariable
                                   << "API_TOKEN" << 0 << false;
        QTest::newRow("pydantic-settings Field required")
            << QStringList { "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings",
                             "database_url", "  Field required [type=missing, input_value={}, input_type=dict]" }
            << K::MissingVariable << "DATABASE_URL" << 0 << false;
        QTest::newRow("Neon: insecure connection") << QStringList {
            "psycopg2.OperationalError: connection to server at \"ep-x-1.us-east-2.aws.neon.tech\" "
            "(3.18.62.2), port 5432 failed: ERROR:  connection is insecure (try using `sslmode=require`)"
        } << K::DatabaseTls << "" << 0 << true;
        QTest::newRow("pg_hba without SSL") << QStringList {
            "FATAL:  no pg_hba.conf entry for host \"10.244.0.7\", user \"app\", database \"app\", SSL off"
        } << K::DatabaseTls << "" << 0 << false;
        QTest::newRow("connection refused on 5432") << QStringList { "Error: connect ECONNREFUSED 10.96.0.12:5432" }
                                                    << K::DatabaseConnection << "" << 0 << false;
        QTest::newRow("password authentication failed") << QStringList {
            "asyncpg.exceptions.InvalidPasswordError: password authentication failed for user \"app\""
        } << K::DatabaseConnection << "" << 0 << false;
        QTest::newRow("Prisma P1001") << QStringList { "Error: P1001: Can't reach database server at `db:5432`" }
                                      << K::DatabaseConnection << "" << 0 << false;
        QTest::newRow("uvicorn address in use") << QStringList {
            "ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address "
            "already in use"
        } << K::AddressInUse << "" << 8000 << false;
        QTest::newRow("Node EADDRINUSE") << QStringList { "Error: listen EADDRINUSE: address already in use :::3000" }
                                         << K::AddressInUse << "" << 3000 << false;
        QTest::newRow("Go bind") << QStringList { "listen tcp :8080: bind: address already in use" } << K::AddressInUse
                                 << "" << 8080 << false;
        QTest::newRow("a traceback's last line")
            << QStringList { "Traceback (most recent call last):", "  File \"/app/main.py\", line 3, in <module>",
                             "    import flask", "ModuleNotFoundError: No module named 'flask'", "" }
            << K::PythonException << "" << 0 << false;
    }
    void firstCause()
    {
        QFETCH(QStringList, log);
        QFETCH(LogCause::Kind, kind);
        QFETCH(QString, variable);
        QFETCH(int, port);
        QFETCH(bool, neon);
        const QList<LogCause> causes = LogAnalyzer::analyze(log);
        QVERIFY(!causes.isEmpty());
        QCOMPARE(causes.first().kind, kind);
        QCOMPARE(causes.first().variable, variable);
        QCOMPARE(causes.first().port, port);
        QCOMPARE(causes.first().neon, neon);
        QVERIFY(log.contains(causes.first().line) || causes.first().kind == LogCause::Kind::MissingVariable);
    }

    void nothing_data()
    {
        QTest::addColumn<QStringList>("log");
        QTest::newRow("a healthy start") << QStringList { "INFO:     Started server process [1]",
                                                          "INFO:     Application startup complete." };
        QTest::newRow("a variable that is set") << QStringList { "DATABASE_URL is set, connecting" };
        QTest::newRow("a log level is not a variable") << QStringList { "ERROR missing file /etc/app.conf" };
        QTest::newRow("lower case words") << QStringList { "the value is not set yet" };
    }
    void nothing()
    {
        QFETCH(QStringList, log);
        QVERIFY(LogAnalyzer::analyze(log).isEmpty());
    }

    void tlsExplainsTheConnectionError()
    {
        const QList<LogCause> causes = LogAnalyzer::analyze(
            { QStringLiteral("sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "
                             "\"ep-a.neon.tech\", port 5432 failed: ERROR:  connection is insecure (try using "
                             "`sslmode=require`)") });
        QCOMPARE(causes.size(), 1);
        QCOMPARE(causes.first().kind, LogCause::Kind::DatabaseTls);
    }

    void pythonExceptionLine()
    {
        // The last traceback counts, and chained tracebacks end on the last exception.
        QCOMPARE(LogAnalyzer::pythonExceptionLine(
                     { QStringLiteral("Traceback (most recent call last):"), QStringLiteral("  File \"a.py\", line 1"),
                       QStringLiteral("ValueError: first"),
                       QStringLiteral("During handling of the above exception, another exception occurred:"),
                       QStringLiteral("Traceback (most recent call last):"), QStringLiteral("  File \"a.py\", line 2"),
                       QStringLiteral("RuntimeError: second") }),
                 QStringLiteral("RuntimeError: second"));
        QVERIFY(LogAnalyzer::pythonExceptionLine({ QStringLiteral("no traceback here") }).isEmpty());
    }
};

QTEST_GUILESS_MAIN(LogAnalyzerTest)
#include "LogAnalyzerTest.moc"
