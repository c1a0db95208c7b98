#include "secrets/DotEnvParser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using quayside::DotEnvParser;
using quayside::DotEnvResult;

using Pairs = QList<QPair<QString, QString>>;

class TestDotEnvParser : public QObject
{
    Q_OBJECT
private:
    static Pairs pairs(const DotEnvResult& result)
    {
        Pairs out;
        for (const auto& entry : result.entries)
            out.append({ entry.name, entry.value });
        return out;
    }
    static QPair<QString, QString> kv(const char* name, const QString& value)
    {
        return { QString::fromLatin1(name), value };
    }

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<Pairs>("expected");
        QTest::addColumn<int>("warnings");

        QTest::newRow("empty file") << QByteArray() << Pairs {} << 0;
        QTest::newRow("simple") << QByteArray("A=1\nB=two\n")
                                << Pairs { kv("A", QStringLiteral("1")), kv("B", QStringLiteral("two")) } << 0;
        QTest::newRow("no final newline") << QByteArray("A=1") << Pairs { kv("A", QStringLiteral("1")) } << 0;
        QTest::newRow("spaces around =") << QByteArray("  A = spaced value  \n")
                                         << Pairs { kv("A", QStringLiteral("spaced value")) } << 0;
        QTest::newRow("export prefix") << QByteArray("export A=1\nexport\tB=2\n")
                                       << Pairs { kv("A", QStringLiteral("1")), kv("B", QStringLiteral("2")) } << 0;
        QTest::newRow("a name starting with export")
            << QByteArray("EXPORTED=1\nexporter=2\n")
            << Pairs { kv("EXPORTED", QStringLiteral("1")), kv("exporter", QStringLiteral("2")) } << 0;
        QTest::newRow("comments and blank lines") << QByteArray("# a comment\n\n   # indented comment\nA=1\n\n")
                                                  << Pairs { kv("A", QStringLiteral("1")) } << 0;
        QTest::newRow("inline comment") << QByteArray("A=value # comment\n")
                                        << Pairs { kv("A", QStringLiteral("value")) } << 0;
        QTest::newRow("hash without a space is data")
            << QByteArray("A=pa#ss\n") << Pairs { kv("A", QStringLiteral("pa#ss")) } << 0;
        QTest::newRow("equals in the value")
            << QByteArray("A=b=c==\n") << Pairs { kv("A", QStringLiteral("b=c==")) } << 0;
        QTest::newRow("url value") << QByteArray("DATABASE_URL=postgresql://u:p@h/db?sslmode=require&x=1\n")
                                   << Pairs { kv("DATABASE_URL",
                                                 QStringLiteral("postgresql://u:p@h/db?sslmode=require&x=1")) }
                                   << 0;
        QTest::newRow("empty value") << QByteArray("A=\nB=''\nC=\"\"\n")
                                     << Pairs { kv("A", QString()), kv("B", QString()), kv("C", QString()) } << 0;
        QTest::newRow("single quotes are literal")
            << QByteArray("A='  x # not a comment \\n $HOME '\n")
            << Pairs { kv("A", QStringLiteral("  x # not a comment \\n $HOME ")) } << 0;
        QTest::newRow("double quotes with escapes")
            << QByteArray("A=\"line1\\nline2\\t\\\"q\\\" \\\\ \\$X \\q\"\n")
            << Pairs { kv("A", QStringLiteral("line1\nline2\t\"q\" \\ $X \\q")) } << 0;
        QTest::newRow("quote then comment")
            << QByteArray("A=\"v\" # comment\nB='w'   \n")
            << Pairs { kv("A", QStringLiteral("v")), kv("B", QStringLiteral("w")) } << 0;
        QTest::newRow("multi-line double quotes")
            << QByteArray("KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\n")
            << Pairs { kv("KEY", QStringLiteral("-----BEGIN-----\nabc\n-----END-----")),
                       kv("NEXT", QStringLiteral("1")) }
            << 0;
        QTest::newRow("multi-line single quotes")
            << QByteArray("KEY='a\nb'\n") << Pairs { kv("KEY", QStringLiteral("a\nb")) } << 0;
        QTest::newRow("CRLF") << QByteArray("A=1\r\nB=\"two\"\r\n# c\r\nC='3'\r\n")
                              << Pairs { kv("A", QStringLiteral("1")), kv("B", QStringLiteral("two")),
                                         kv("C", QStringLiteral("3")) }
                              << 0;
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf"
                                                       "A=1\n")
                                         << Pairs { kv("A", QStringLiteral("1")) } << 0;
        QTest::newRow("utf-8 value") << QByteArray("A=p\xc3\xa4ss\n") << Pairs { kv("A", QStringLiteral("p\u00e4ss")) }
                                     << 0;
        QTest::newRow("duplicate: the last wins, first position kept")
            << QByteArray("A=first\nB=b\nA=second\n")
            << Pairs { kv("A", QStringLiteral("second")), kv("B", QStringLiteral("b")) } << 1;
        QTest::newRow("three times") << QByteArray("A=1\nA=2\nA=3\n") << Pairs { kv("A", QStringLiteral("3")) } << 2;
    }
    void parses()
    {
        QFETCH(QByteArray, content);
        QFETCH(Pairs, expected);
        QFETCH(int, warnings);
        DotEnvResult result = DotEnvParser::parse(content);
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).message));
        QCOMPARE(pairs(result), expected);
        QCOMPARE(result.warnings.size(), warnings);
    }

    void duplicateWarningNamesLinesNotValues()
    {
        const DotEnvResult result = DotEnvParser::parse("JWT_SECRET=aaaaaaaa-first\n# x\nJWT_SECRET=bbbbbbbb-second\n");
        QCOMPARE(result.warnings.size(), 1);
        const QString message = result.warnings.first().message;
        QCOMPARE(result.warnings.first().line, 3);
        QVERIFY2(message.startsWith(QStringLiteral("line 3: JWT_SECRET is set again (before on line 1)")),
                 qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("first")) || !message.contains(QStringLiteral("aaaa")));
        QVERIFY(!message.contains(QStringLiteral("bbbb")));
        QCOMPARE(result.entries.first().line, 3);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");

        QTest::newRow("no equals sign") << QByteArray("A=1\nsk-live-0123456789abcdef\nB=2\n") << 2
                                        << QStringLiteral("line 2: expected NAME=VALUE");
        QTest::newRow("export without assignment")
            << QByteArray("export A\n") << 1 << QStringLiteral("line 1: expected NAME=VALUE");
        QTest::newRow("name starts with a digit")
            << QByteArray("A=1\n\n1BAD=secret-value\n") << 3
            << QStringLiteral("line 3: the name before \"=\" is not a valid variable name");
        QTest::newRow("name with a dash")
            << QByteArray("MY-KEY=secret-value\n") << 1
            << QStringLiteral("line 1: the name before \"=\" is not a valid variable name");
        QTest::newRow("empty name") << QByteArray("=secret-value\n") << 1
                                    << QStringLiteral("line 1: the name before \"=\" is not a valid variable name");
        QTest::newRow("unterminated double quote")
            << QByteArray("A=1\nB=\"secret-value\nC=3\n") << 2
            << QStringLiteral("line 2: the quoted value that starts here is never closed");
        QTest::newRow("unterminated single quote")
            << QByteArray("B='secret-value\n") << 1
            << QStringLiteral("line 1: the quoted value that starts here is never closed");
        QTest::newRow("text after the closing quote")
            << QByteArray("A=\"secret\"-value\n") << 1
            << QStringLiteral("line 1: unexpected text after the closing quote");
        QTest::newRow("not utf-8") << QByteArray("A=\xff\xfe\n") << 0 << QStringLiteral("the file is not UTF-8 text");
    }
    void rejects()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, message);
        const DotEnvResult result = DotEnvParser::parse(content);
        QVERIFY(!result.ok());
        // Nothing at all is returned from a file with an error: no half imports.
        QVERIFY(result.entries.isEmpty());
        QCOMPARE(result.errors.first().line, line);
        QVERIFY2(result.errors.first().message.startsWith(message), qPrintable(result.errors.first().message));
        for (const auto& error : result.errors) {
            QVERIFY2(!error.message.contains(QStringLiteral("secret-value")), qPrintable(error.message));
            QVERIFY2(!error.message.contains(QStringLiteral("sk-live")), qPrintable(error.message));
        }
    }

    void reportsEveryBadLine()
    {
        const DotEnvResult result = DotEnvParser::parse("A=1\nbad line\nB=2\nalso bad\n");
        QCOMPARE(result.errors.size(), 2);
        QCOMPARE(result.errors.at(0).line, 2);
        QCOMPARE(result.errors.at(1).line, 4);
    }

    // Issue 14: a .env from a FIFO bypasses the size limit (a FIFO's size() is 0; readAll never ends).
    void readFileRefusesAFifoWithAWriter()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fifo = dir.filePath(QStringLiteral("dot.env"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        // More than the limit: 2 MiB of "A=1\n"-ish bytes.
        QProcess writer;
        writer.start(QStringLiteral("/bin/sh"),
                     { QStringLiteral("-c"), QStringLiteral("head -c 2097152 /dev/zero | tr '\\0' 'A' > \"$1\""),
                       QStringLiteral("sh"), fifo });
        QVERIFY(writer.waitForStarted(5000));
        QTest::qWait(100); // let the writer reach open()
        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto content = DotEnvParser::readFile(fifo, &error);
        QVERIFY2(!content, content ? qPrintable(QStringLiteral("read %1 bytes").arg(content->size())) : "");
        QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
        QVERIFY(error.contains(fifo));
        QVERIFY(timer.elapsed() < 5000);
        writer.kill();
        writer.waitForFinished(5000);
    }

    void readFileRefusesAFifoWithoutAWriterWithoutHanging()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("dot.env"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QString error;
        QVERIFY(!DotEnvParser::readFile(fifo, &error)); // a blocking open() would never return
        QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
    }

    void readFileRefusesDirectoriesAndDevices()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!DotEnvParser::readFile(dir.path(), &error));
        QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
        error.clear();
        QVERIFY(!DotEnvParser::readFile(QStringLiteral("/dev/zero"), &error));
        QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
        error.clear();
        QVERIFY(!DotEnvParser::readFile(dir.filePath(QStringLiteral("missing.env")), &error));
        QVERIFY2(error.contains(QLatin1String("cannot read")), qPrintable(error));
    }

    void readFileReadsAtMostTheLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dot.env"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("A=1\nB=2\n");
        file.close();
        QString error;
        const auto small = DotEnvParser::readFile(path, &error);
        QVERIFY2(small, qPrintable(error));
        QCOMPARE(*small, QByteArray("A=1\nB=2\n"));
        QVERIFY(DotEnvParser::readFile(path, &error, 8)); // exactly the limit
        QVERIFY(!DotEnvParser::readFile(path, &error, 7));
        QVERIFY2(error.contains(QLatin1String("larger than 7 bytes")), qPrintable(error));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(DotEnvParser::kMaximumFileSize + 1, 'A'));
        file.close();
        QVERIFY(!DotEnvParser::readFile(path, &error));
        QVERIFY2(error.contains(QLatin1String("larger than 1 MiB")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDotEnvParser)
#include "tst_dotenvparser.moc"
