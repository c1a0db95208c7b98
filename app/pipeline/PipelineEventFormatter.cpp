#include "pipeline/PipelineEventFormatter.h"

#include "pipeline/Pipeline.h"
#include "pipeline/PipelineStep.h"

#include <QJsonArray>

namespace quayside {

QString PipelineEventFormatter::text(const Pipeline& pipeline, int index)
{
    const PipelineStep* s = pipeline.steps().at(index);
    return QStringLiteral("[%1s] %2 %3 %4")
        .arg(pipeline.elapsedMs() / 1000.0, 6, 'f', 1)
        .arg(s->id(), -8)
        .arg(stepStateName(s->state()), -9)
        .arg(s->message())
        .trimmed();
}

QJsonObject PipelineEventFormatter::json(const Pipeline& pipeline, int index)
{
    const PipelineStep* s = pipeline.steps().at(index);
    QJsonObject o { { QStringLiteral("step"), s->id() },
                    { QStringLiteral("title"), s->title() },
                    { QStringLiteral("state"), stepStateName(s->state()) },
                    { QStringLiteral("elapsedMs"), pipeline.elapsedMs() },
                    { QStringLiteral("stepElapsedMs"), s->elapsedMs() },
                    { QStringLiteral("message"), s->message() } };
    if (s->state() == StepState::Failed && !s->detail().isEmpty())
        o.insert(QStringLiteral("detail"), QJsonArray::fromStringList(s->detail()));
    return o;
}

QJsonObject PipelineEventFormatter::summary(const Pipeline& pipeline, bool ok)
{
    const PipelineContext& c = pipeline.context();
    QJsonArray images;
    for (const ImageResult& r : c.images)
        images.append(r.toJson());
    QJsonObject o { { QStringLiteral("event"), QStringLiteral("finished") },
                    { QStringLiteral("ok"), ok },
                    { QStringLiteral("elapsedMs"), pipeline.elapsedMs() },
                    { QStringLiteral("toolBusyMs"), pipeline.toolBusyMs() },
                    { QStringLiteral("images"), images } };
    if (!c.accessUrl.isEmpty())
        o.insert(QStringLiteral("url"), c.accessUrl);
    if (c.helmRevision > 0)
        o.insert(QStringLiteral("revision"), c.helmRevision);
    if (!ok) {
        o.insert(QStringLiteral("error"), pipeline.failureMessage());
        if (!pipeline.preflightProblems().isEmpty())
            o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(pipeline.preflightProblems()));
    }
    if (!c.rolloutDiagnosis.isEmpty())
        o.insert(QStringLiteral("rollout"), c.rolloutDiagnosis.toJson());
    return o;
}

} // namespace quayside
