#include "pipeline/BuildContextHasher.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

namespace {
void write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
}
} // namespace

// The tag must change exactly when what docker would build changes.
class BuildContextHasherTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString ctx() const { return m_dir.filePath(QStringLiteral("ctx")); }
    QString dockerfile() const { return m_dir.filePath(QStringLiteral("docker/Dockerfile")); }
    QString hash(const QMap<QString, QString>& args = {}) const
    {
        const auto r = BuildContextHasher::hash({ ctx(), dockerfile(), args, {} });
        if (!r.ok())
            qFatal("hash failed: %s", qPrintable(r.error));
        return r.hash;
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        write(dockerfile(), "FROM scratch\nCOPY . .\n");
        write(ctx() + QStringLiteral("/.dockerignore"),
              "# secrets and junk\n.env\n**/__pycache__\nnode_modules\n*.md\n!README.md\n");
        write(ctx() + QStringLiteral("/src/main.py"), "print('hi')\n");
        write(ctx() + QStringLiteral("/requirements.txt"), "fastapi\n");
        write(ctx() + QStringLiteral("/.env"), "JWT_SECRET=one\n");
        write(ctx() + QStringLiteral("/src/__pycache__/main.cpython-311.pyc"), "x");
        write(ctx() + QStringLiteral("/node_modules/a/index.js"), "x");
        write(ctx() + QStringLiteral("/README.md"), "readme");
        write(ctx() + QStringLiteral("/NOTES.md"), "notes");
    }

    void stable()
    {
        const QString first = hash();
        QCOMPARE(first.size(), 64);
        QCOMPARE(hash(), first);
    }

    void changes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("changes");
        QTest::newRow("source file") << "src/main.py" << QByteArray("print('bye')\n") << true;
        QTest::newRow("new source file") << "src/util.py" << QByteArray("") << true;
        QTest::newRow("ignored .env") << ".env" << QByteArray("JWT_SECRET=two\n") << false;
        QTest::newRow("ignored pycache") << "src/__pycache__/x.pyc" << QByteArray("y") << false;
        QTest::newRow("ignored node_modules") << "node_modules/b/index.js" << QByteArray("y") << false;
        QTest::newRow("ignored markdown") << "NOTES.md" << QByteArray("more notes") << false;
        QTest::newRow("re-included README") << "README.md" << QByteArray("new readme") << true;
        QTest::newRow("dockerignore is in the context")
            << ".dockerignore"
            << QByteArray("# changed comment\n.env\n**/__pycache__\nnode_modules\n*.md\n!README.md\n")
            << true; // .dockerignore itself is part of the context
    }

    void changes()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(bool, changes);
        const QString before = hash();
        write(ctx() + QLatin1Char('/') + file, content);
        QCOMPARE(hash() != before, changes);
    }

    void dockerfileAndArgsCount()
    {
        const QString before = hash();
        QVERIFY(hash({ { QStringLiteral("NEXT_PUBLIC_API_URL"), QStringLiteral("http://x") } }) != before);
        write(dockerfile(), "FROM scratch\nCOPY . /app\n");
        QVERIFY(hash() != before);
    }

    void executableBitCounts()
    {
        const QString before = hash();
        QFile::setPermissions(ctx() + QStringLiteral("/src/main.py"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(hash() != before);
    }

    void renameCounts()
    {
        const QString before = hash();
        QVERIFY(QFile::rename(ctx() + QStringLiteral("/requirements.txt"), ctx() + QStringLiteral("/requirements.in")));
        QVERIFY(hash() != before);
    }

    // BuildKit reads <Dockerfile>.dockerignore before the context's .dockerignore.
    void dockerfileSpecificIgnoreWins()
    {
        QCOMPARE(BuildContextHasher::ignoreFileFor(ctx(), dockerfile()), ctx() + QStringLiteral("/.dockerignore"));
        write(dockerfile() + QStringLiteral(".dockerignore"), "src\n");
        QCOMPARE(BuildContextHasher::ignoreFileFor(ctx(), dockerfile()),
                 dockerfile() + QStringLiteral(".dockerignore"));
        const QString before = hash();
        write(ctx() + QStringLiteral("/src/main.py"), "changed but ignored now");
        QCOMPARE(hash(), before);
    }

    void errors()
    {
        auto r = BuildContextHasher::hash({ m_dir.filePath(QStringLiteral("nope")), dockerfile(), {}, {} });
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QStringLiteral("not a directory")));
        r = BuildContextHasher::hash({ ctx(), m_dir.filePath(QStringLiteral("Nofile")), {}, {} });
        QVERIFY(r.error.contains(QStringLiteral("Dockerfile")));
    }

    void countsWhatIsSent()
    {
        const auto r = BuildContextHasher::hash({ ctx(), dockerfile(), {}, {} });
        // .dockerignore, README.md, requirements.txt, src/main.py
        QCOMPARE(r.files, 4);
        QCOMPARE(r.tag().size(), 12);
    }
};

QTEST_GUILESS_MAIN(BuildContextHasherTest)
#include "BuildContextHasherTest.moc"
