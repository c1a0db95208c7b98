#pragma once

#include "diagnosis/Diagnoser.h"
#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"
#include "diagnosis/ObjectCache.h"
#include "diagnosis/SnapshotCache.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <optional>

namespace quayside::diagnosis::testing {

// The time the fixtures were recorded at: their ages ("30s ago") are measured from it.
inline QDateTime fixtureNow()
{
    return QDateTime(QDate(2025, 6, 18), QTime(14, 20, 0), Qt::UTC);
}

// An ObjectCache over a fixture: tests/diagnosis/fixtures/GROUP/NAME.json holds the list bodies the API
// server returned for one namespace ({"pods": PodList, "events": EventList, ...}), the previous logs
// (`kubectl logs --previous`) and a PodMetricsList. It counts the reads so tests can see what an
// evaluation touched.
class FakeObjectCache : public ObjectCache
{
public:
    // The fixture's document: {"pods": PodList, "deployments": DeploymentList, ...}.
    static QJsonObject read(const QString& fixture)
    {
        QFile file(QStringLiteral(QUAYSIDE_TESTS_DIR "/diagnosis/fixtures/%1.json").arg(fixture));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read fixture %s", qPrintable(file.fileName()));
        QJsonParseError error {};
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError)
            qFatal("bad fixture %s: %s", qPrintable(file.fileName()), qPrintable(error.errorString()));
        return doc;
    }

    explicit FakeObjectCache(const QString& fixture)
        : m_doc(read(fixture))
    {
        const QJsonObject logs = m_doc.value(QLatin1String("previousLogs")).toObject();
        for (auto it = logs.begin(); it != logs.end(); ++it) {
            QStringList lines;
            for (const QJsonValue& line : it.value().toArray())
                lines.append(line.toString());
            m_logs.insert(it.key(), lines);
        }
        if (m_doc.contains(QLatin1String("metrics"))) {
            SnapshotCache parsed;
            parsed.setPodMetricsList(QJsonDocument(m_doc.value(QLatin1String("metrics")).toObject()).toJson());
            m_usage = parsed.podUsage();
            m_hasMetrics = true;
        }
    }

    QString nameSpace() const override { return QStringLiteral("todo-app"); }
    QList<QJsonObject> pods() const override { return list("pods", &podReads); }
    QList<QJsonObject> deployments() const override { return list("deployments"); }
    QList<QJsonObject> replicaSets() const override { return list("replicasets"); }
    QList<QJsonObject> services() const override { return list("services"); }
    QList<QJsonObject> endpoints() const override { return list("endpoints"); }
    QList<QJsonObject> events() const override { return list("events", &eventReads); }
    QList<QJsonObject> nodes() const override { return list("nodes"); }
    bool hasMetrics() const override { return m_hasMetrics; }
    QHash<QString, QHash<QString, ContainerUsage>> podUsage() const override { return m_usage; }
    QString metricsProblem() const override { return m_metricsProblem; }
    QStringList previousLog(const QString& pod, const QString& container) const override
    {
        return m_logs.value(pod + QLatin1Char('/') + container);
    }

    void setMetricsProblem(const QString& problem) { m_metricsProblem = problem; }
    void setPreviousLog(const QString& pod, const QString& container, const QStringList& lines)
    {
        m_logs.insert(pod + QLatin1Char('/') + container, lines);
    }

    mutable int podReads = 0;
    mutable int eventReads = 0;

private:
    QList<QJsonObject> list(const char* key, int* reads = nullptr) const
    {
        if (reads)
            ++*reads;
        return SnapshotCache::items(m_doc.value(QLatin1String(key)).toObject());
    }

    QJsonObject m_doc;
    QHash<QString, QStringList> m_logs;
    QHash<QString, QHash<QString, ContainerUsage>> m_usage;
    bool m_hasMetrics = false;
    QString m_metricsProblem;
};

// The workspace a newcomer has: the todo-app profile on a minikube profile named "quayside".
inline DiagnosisContext todoContext()
{
    DiagnosisContext c;
    c.minikubeProfile = QStringLiteral("quayside");
    c.secretName = QStringLiteral("todo-secrets");
    c.secretKeys = { QStringLiteral("DATABASE_URL"), QStringLiteral("JWT_SECRET") };
    c.localRepositories = { QStringLiteral("todo-backend"), QStringLiteral("todo-frontend") };
    c.memoryLimitValuesKeys.insert(QStringLiteral("backend"), QStringLiteral("backend.resources.limits.memory"));
    c.helmRelease = QStringLiteral("todo");
    c.helmChart = QStringLiteral("./k8s-templates/helm/todo");
    return c;
}

inline DiagnosisContext contextNamed(const QString& name)
{
    return name == QLatin1String("todo") ? todoContext() : DiagnosisContext();
}

inline const Finding* findingOf(const QList<Finding>& findings, const QString& rule, const QString& objectName)
{
    for (const Finding& f : findings) {
        if (f.rule == rule && f.objectName == objectName)
            return &f;
    }
    return nullptr;
}

// The finding of that rule about that object, diagnosed from the cache (a copy: the list is gone).
inline std::optional<Finding> diagnosed(const ObjectCache& cache, const DiagnosisContext& context, const QString& rule,
                                        const QString& objectName)
{
    const QList<Finding> findings = Diagnoser::diagnose(cache, context, fixtureNow());
    const Finding* f = findingOf(findings, rule, objectName);
    return f ? std::optional<Finding>(*f) : std::nullopt;
}

inline QString describe(const QList<Finding>& findings)
{
    QStringList lines;
    for (const Finding& f : findings)
        lines.append(QString::fromUtf8(QJsonDocument(f.toJson()).toJson(QJsonDocument::Indented)));
    return lines.join(QLatin1Char('\n'));
}

// "open-secrets:key=DATABASE_URL" -> is there such an action with that parameter?
inline bool hasActionParameter(const Finding& f, const QString& spec)
{
    const QString kind = spec.section(QLatin1Char(':'), 0, 0);
    const QString assignment = spec.section(QLatin1Char(':'), 1);
    const QString key = assignment.section(QLatin1Char('='), 0, 0);
    const QString value = assignment.section(QLatin1Char('='), 1);
    for (const Action& a : f.actions) {
        if (Action::kindName(a.kind) == kind && a.parameters.value(key) == value)
            return true;
    }
    return false;
}

inline QStringList actionKinds(const Finding& f)
{
    QStringList kinds;
    for (const Action& a : f.actions)
        kinds.append(Action::kindName(a.kind));
    return kinds;
}

inline QStringList evidenceTexts(const Finding& f)
{
    QStringList texts;
    for (const Evidence& e : f.evidence)
        texts.append(e.text);
    return texts;
}

// The columns of a rule group's table: a fixture and a context in, one finding out.
inline void addFindingColumns()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("context"); // "todo" (todoContext()) or "none"
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QStringList>("explains"); // phrases the explanation must contain
    QTest::addColumn<QStringList>("evidence"); // lines that must be among the evidence, exactly
    QTest::addColumn<QStringList>("actions"); // the action kinds, in order
    QTest::addColumn<QStringList>("parameters"); // "open-secrets:key=DATABASE_URL"
}

// Diagnoses the row's fixture and checks its finding against the row.
inline void verifyFindingRow()
{
    QFETCH(QString, fixture);
    QFETCH(QString, context);
    QFETCH(QString, rule);
    QFETCH(QString, object);
    QFETCH(QString, severity);
    QFETCH(QString, summary);
    QFETCH(QStringList, explains);
    QFETCH(QStringList, evidence);
    QFETCH(QStringList, actions);
    QFETCH(QStringList, parameters);
    const FakeObjectCache cache(fixture);
    const QList<Finding> findings = Diagnoser::diagnose(cache, contextNamed(context), fixtureNow());
    const Finding* f = findingOf(findings, rule, object);
    QVERIFY2(f, qPrintable(describe(findings)));
    const QString shown = describe({ *f });
    QCOMPARE(Finding::severityName(f->severity), severity);
    QCOMPARE(f->summary, summary);
    for (const QString& phrase : explains)
        QVERIFY2(f->explanation.contains(phrase), qPrintable(phrase + QStringLiteral("\nnot in: ") + f->explanation));
    for (const QString& line : evidence)
        QVERIFY2(evidenceTexts(*f).contains(line), qPrintable(line + QStringLiteral("\nnot in:\n") + shown));
    QCOMPARE(actionKinds(*f), actions);
    for (const QString& spec : parameters)
        QVERIFY2(hasActionParameter(*f, spec), qPrintable(spec + QStringLiteral("\nnot in:\n") + shown));
    for (const Action& a : f->actions) {
        QVERIFY2(!a.command.isEmpty() && !a.title.isEmpty(), qPrintable(shown));
        // One-click actions always say what will happen before they run.
        QVERIFY2(!a.isOneClick() || !a.confirmText.isEmpty(), qPrintable(shown));
    }
    // One finding per rule and object: the key identifies it.
    QSet<QString> keys;
    for (const Finding& each : findings)
        QVERIFY2(!keys.contains(each.key()) && (keys.insert(each.key()), true), qPrintable(each.key()));
}

// The fixture gives no finding of these rules.
inline void verifyAbsent(const QString& fixture, const QString& context, const QStringList& rules)
{
    const FakeObjectCache cache(fixture);
    const QList<Finding> findings = Diagnoser::diagnose(cache, contextNamed(context), fixtureNow());
    for (const Finding& f : findings)
        QVERIFY2(!rules.contains(f.rule), qPrintable(describe({ f })));
}

} // namespace quayside::diagnosis::testing
