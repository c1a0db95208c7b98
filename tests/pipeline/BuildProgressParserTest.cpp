#include "pipeline/BuildProgressParser.h"

#include <QFile>
#include <QTest>

using namespace quayside;

namespace {
QStringList fixture(const char* name)
{
    QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/pipeline/fixtures/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    QString text = QString::fromUtf8(f.readAll());
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text.split(QLatin1Char('\n'));
}
} // namespace

class BuildProgressParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("current");
        QTest::addColumn<int>("total");
        QTest::addColumn<QString>("step");
        QTest::newRow("dockerd legacy") << "Step 3/12 : RUN pip install -r requirements.txt" << 3 << 12
                                        << "RUN pip install -r requirements.txt";
        QTest::newRow("buildah via podman") << "STEP 2/9: WORKDIR /build" << 2 << 9 << "WORKDIR /build";
        // Real podman 4.3 output for a three-stage Dockerfile: stage 2 of 3, step 5 of 7 -> 171 of 300.
        QTest::newRow("buildah stage") << "[2/3] STEP 5/7: COPY --from=deps /app/node_modules ./node_modules" << 171
                                       << 300 << "COPY --from=deps /app/node_modules ./node_modules";
        QTest::newRow("buildkit stage") << "#5 [backend 3/7] RUN pip install -r requirements.txt" << 3 << 7
                                        << "RUN pip install -r requirements.txt";
        QTest::newRow("buildkit no stage") << "#7 [2/3] COPY . ." << 2 << 3 << "COPY . .";
        QTest::newRow("buildkit internal") << "#1 [internal] load build definition from Dockerfile" << 0 << 0 << "";
        QTest::newRow("buildkit done") << "#5 DONE 12.3s" << 0 << 0 << "";
        QTest::newRow("plain output") << "Collecting fastapi==0.109.0" << 0 << 0 << "";
    }

    void lines()
    {
        QFETCH(QString, line);
        QFETCH(int, current);
        QFETCH(int, total);
        QFETCH(QString, step);
        BuildProgressParser parser;
        QCOMPARE(parser.feed(line), total > 0);
        QCOMPARE(parser.current(), current);
        QCOMPARE(parser.total(), total);
        QCOMPARE(parser.currentStep(), step);
    }

    // BuildKit counts per stage and runs stages side by side: progress adds them up.
    void buildkitStagesAddUp()
    {
        BuildProgressParser parser;
        parser.feed(QStringLiteral("#4 [deps 1/3] FROM localhost/base"));
        parser.feed(QStringLiteral("#6 [runner 2/6] WORKDIR /app"));
        parser.feed(QStringLiteral("#7 [deps 3/3] RUN npm ci"));
        QCOMPARE(parser.current(), 5);
        QCOMPARE(parser.total(), 9);
        // An earlier step of a stage printed late does not go backwards.
        parser.feed(QStringLiteral("#5 [deps 2/3] COPY package.json ./"));
        QCOMPARE(parser.current(), 5);
    }

    void buildkitFailure()
    {
        BuildProgressParser parser;
        const QStringList lines = fixture("buildkit-failed.txt");
        for (const QString& line : lines)
            parser.feed(line);
        QCOMPARE(parser.failingStep(),
                 QStringLiteral("builder 5/5 RUN /opt/venv/bin/pip wheel --wheel-dir /wheels -r requirements.txt"));
        QVERIFY(parser.errorLine().startsWith(QStringLiteral("process \"/bin/sh -c /opt/venv/bin/pip wheel")));
        QCOMPARE(parser.current(), 7); // builder 5 of 5, stage-1 2 of 7
        QCOMPARE(parser.total(), 12);
        QCOMPARE(parser.lastLines().size(), std::min<qsizetype>(lines.size(), BuildProgressParser::kKeepLines));
        QVERIFY(parser.lastLines().last().startsWith(QStringLiteral("ERROR: failed to solve")));
    }

    void legacyFailure()
    {
        BuildProgressParser parser;
        const QStringList lines = fixture("dockerd-legacy-failed.txt");
        for (const QString& line : lines)
            parser.feed(line);
        QCOMPARE(parser.failingStep(), QStringLiteral("6/12 RUN python3 -m venv ${VENV_OPTIONS} /opt/venv"));
        QCOMPARE(parser.errorLine(),
                 QStringLiteral("The command '/bin/sh -c python3 -m venv ${VENV_OPTIONS} /opt/venv' returned a "
                                "non-zero code: 127"));
        QCOMPARE(parser.current(), 6);
        QCOMPARE(parser.lastLines().size(), lines.size()); // fewer than 50: all of them
    }

    // Real output of `docker build` (legacy client) against podman 4.3, multi-stage.
    void buildahStages()
    {
        BuildProgressParser parser;
        parser.feed(QStringLiteral("[1/3] STEP 4/4: RUN npm ci --no-audit --no-fund"));
        QCOMPARE(parser.position(), QStringLiteral("step 4/4 of stage 1/3"));
        parser.feed(QStringLiteral("[2/3] STEP 7/7: RUN npm run build"));
        QCOMPARE(parser.current(), 200);
        QCOMPARE(parser.total(), 300);
        QCOMPARE(parser.failingStep(), QStringLiteral("7/7 of stage 2/3 RUN npm run build"));
        parser.feed(QStringLiteral("building at STEP \"RUN npm run build\": while running runtime: exit status 3"));
        QCOMPARE(parser.errorLine(),
                 QStringLiteral("building at STEP \"RUN npm run build\": while running runtime: exit status 3"));
        parser.feed(QStringLiteral("[3/3] STEP 12/12: CMD [\"node\", \"server.js\"]"));
        QCOMPARE(parser.current(), 300);
    }

    void keepsOnlyTheLastFifty()
    {
        BuildProgressParser parser;
        for (int i = 0; i < 120; ++i)
            parser.feed(QStringLiteral("line %1").arg(i));
        const QStringList last = parser.lastLines();
        QCOMPARE(last.size(), 50);
        QCOMPARE(last.first(), QStringLiteral("line 70"));
        QCOMPARE(last.last(), QStringLiteral("line 119"));
    }
};

QTEST_GUILESS_MAIN(BuildProgressParserTest)
#include "BuildProgressParserTest.moc"
