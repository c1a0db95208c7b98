#include "pipeline/DockerIgnore.h"

#include <QTest>

using namespace quayside;

// Docker's rules, row by row (moby/patternmatcher's own test cases where they apply).
class DockerIgnoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matching_data()
    {
        QTest::addColumn<QString>("ignore");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("excluded");
        QTest::newRow("exact file") << ".env"
                                    << ".env" << true;
        QTest::newRow("exact is root only") << ".env"
                                            << "src/.env" << false;
        QTest::newRow("double star any depth") << "**/.env"
                                               << "src/deep/.env" << true;
        QTest::newRow("double star zero depth") << "**/.env"
                                                << ".env" << true;
        QTest::newRow("star one component") << "*.log"
                                            << "build.log" << true;
        QTest::newRow("star not across slash") << "*.log"
                                               << "logs/build.log" << false;
        QTest::newRow("dir excludes children") << "node_modules"
                                               << "node_modules/react/index.js" << true;
        QTest::newRow("dir pattern nested") << "**/node_modules"
                                            << "packages/a/node_modules/x.js" << true;
        QTest::newRow("middle double star") << "a/**/b"
                                            << "a/x/y/b" << true;
        QTest::newRow("middle double star zero") << "a/**/b"
                                                 << "a/b" << true;
        QTest::newRow("trailing double star") << "docs/**"
                                              << "docs/a/b.md" << true;
        QTest::newRow("leading slash is root") << "/build"
                                               << "build/out.o" << true;
        QTest::newRow("question mark") << "file?.txt"
                                       << "file1.txt" << true;
        QTest::newRow("question not slash") << "a?b"
                                            << "a/b" << false;
        QTest::newRow("char class") << "[abc].txt"
                                    << "b.txt" << true;
        QTest::newRow("char class miss") << "[abc].txt"
                                         << "d.txt" << false;
        QTest::newRow("cleaned pattern") << "./src/../dist"
                                         << "dist/app.js" << true;
        QTest::newRow("escaped star") << "a\\*b"
                                      << "a*b" << true;
        QTest::newRow("escaped star literal") << "a\\*b"
                                              << "axb" << false;
        QTest::newRow("dots are literal") << "*.py[co]"
                                          << "x.pyc" << true;
        QTest::newRow("comment") << "# .env"
                                 << ".env" << false;
        QTest::newRow("spaces trimmed") << "   .env   "
                                        << ".env" << true;
        QTest::newRow("exception") << "*.md\n!README.md"
                                   << "README.md" << false;
        QTest::newRow("exception other") << "*.md\n!README.md"
                                         << "CHANGES.md" << true;
        QTest::newRow("last match wins") << "!README.md\n*.md"
                                         << "README.md" << true;
        QTest::newRow("exception inside excluded dir") << "docs\n!docs/keep.md"
                                                       << "docs/keep.md" << false;
        QTest::newRow("excluded dir sibling") << "docs\n!docs/keep.md"
                                              << "docs/drop.md" << true;
        QTest::newRow("env star") << ".env.*"
                                  << ".env.local" << true;
        QTest::newRow("crlf") << ".env\r\n"
                              << ".env" << true;
        QTest::newRow("nothing") << ""
                                 << "anything" << false;
    }

    void matching()
    {
        QFETCH(QString, ignore);
        QFETCH(QString, path);
        QFETCH(bool, excluded);
        const DockerIgnore patterns = DockerIgnore::parse(ignore.toUtf8());
        QVERIFY(patterns.errors().isEmpty());
        QCOMPARE(patterns.isExcluded(path), excluded);
    }

    void clean_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("dot") << "./a"
                             << "a";
        QTest::newRow("dotdot") << "a/b/../c"
                                << "a/c";
        QTest::newRow("double slash") << "a//b/"
                                      << "a/b";
        QTest::newRow("root dotdot") << "/../a"
                                     << "/a";
        QTest::newRow("relative dotdot") << "../a"
                                         << "../a";
        QTest::newRow("empty") << ""
                               << ".";
    }
    void clean()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(DockerIgnore::cleanPath(in), out);
    }

    void lonelyBangIsAnError() { QCOMPARE(DockerIgnore::parse("!\n").errors().size(), 1); }
};

QTEST_GUILESS_MAIN(DockerIgnoreTest)
#include "DockerIgnoreTest.moc"
