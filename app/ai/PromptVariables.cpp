#include "ai/PromptVariables.h"

#include "ai/Prompt.h"
#include "core/Redactor.h"
#include "diagnosis/Finding.h"
#include "kube/PodSummary.h"
#include "profile/Profile.h"
#include "workspace/ClusterTarget.h"

#include <QRegularExpression>

namespace quayside::ai {

namespace {

// "a", "a and b", "a, b and c": how the names read inside a sentence.
QString sentenceList(const QStringList& items)
{
    if (items.size() <= 1)
        return items.value(0);
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + items.last();
}

// A long value (a log, many events) keeps its last lines: the end is where a crash explains itself.
QString bounded(const QString& value)
{
    if (value.size() <= PromptVariables::kMaxValueChars)
        return value;
    QString tail = value.right(PromptVariables::kMaxValueChars);
    const qsizetype newline = tail.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        tail = tail.mid(newline + 1);
    return QStringLiteral("[… earlier lines left out]\n") + tail;
}

const QRegularExpression& variablePattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([a-z_][a-z0-9_]*)\\s*\\}\\}"));
    return pattern;
}

} // namespace

QStringList Prompt::variables() const
{
    QStringList names;
    auto it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

PromptVariables PromptVariables::fromWorkspace(const Profile* profile, const ClusterTarget& target)
{
    PromptVariables v;
    v.set(QStringLiteral("namespace"), target.nameSpace.isEmpty() && profile ? profile->nameSpace : target.nameSpace);
    v.set(QStringLiteral("context"), target.context);
    v.set(QStringLiteral("minikube_profile"),
          !target.minikubeProfile.isEmpty() || !profile ? target.minikubeProfile : profile->minikube.profile);
    if (!profile)
        return v;
    v.set(QStringLiteral("release"), profile->chart.release);
    v.set(QStringLiteral("deployment"), profile->chart.deployments.value(0));
    v.set(QStringLiteral("deployments"), sentenceList(profile->chart.deployments));
    v.set(QStringLiteral("service"), profile->access.service);
    if (profile->access.nodePort > 0)
        v.set(QStringLiteral("node_port"), QString::number(profile->access.nodePort));
    v.set(QStringLiteral("secret"), profile->secrets.secretName);
    v.set(QStringLiteral("secret_keys"), sentenceList(profile->secrets.names()));
    QStringList images;
    QStringList dockerfiles;
    for (const Profile::Image& image : profile->images) {
        images << image.repository;
        dockerfiles << image.dockerfile;
    }
    v.set(QStringLiteral("images"), sentenceList(images));
    v.set(QStringLiteral("dockerfiles"), sentenceList(dockerfiles));
    return v;
}

void PromptVariables::addFinding(const diagnosis::Finding& finding)
{
    if (!finding.deployment.isEmpty())
        set(QStringLiteral("deployment"), finding.deployment);
    else if (finding.objectKind == QLatin1String("Deployment"))
        set(QStringLiteral("deployment"), finding.objectName);
    if (finding.objectKind == QLatin1String("Pod"))
        set(QStringLiteral("pod"), finding.objectName);
    set(QStringLiteral("object"), finding.objectKind.toLower() + QLatin1Char(' ') + finding.objectName);
    set(QStringLiteral("finding"), finding.summary);
    set(QStringLiteral("status"), finding.summary);
    set(QStringLiteral("explanation"), finding.explanation);
    QStringList all;
    QStringList events;
    QStringList logs;
    for (const diagnosis::Evidence& e : finding.evidence) {
        all << QStringLiteral("- %1: %2").arg(diagnosis::Evidence::kindName(e.kind), e.text);
        if (e.kind == diagnosis::Evidence::Kind::Event)
            events << e.text;
        else if (e.kind == diagnosis::Evidence::Kind::LogLine)
            logs << e.text;
    }
    set(QStringLiteral("evidence"), all.isEmpty() ? QStringLiteral("(none recorded)") : all.join(QLatin1Char('\n')));
    if (!events.isEmpty())
        set(QStringLiteral("events"), events.join(QLatin1Char('\n')));
    if (!logs.isEmpty())
        set(QStringLiteral("logs"), logs.join(QLatin1Char('\n')));
}

void PromptVariables::addPod(const kube::PodSummary& pod, const QStringList& events, const QStringList& logLines,
                             const QDateTime& now)
{
    set(QStringLiteral("pod"), pod.name);
    set(QStringLiteral("deployment"),
        !pod.deployment.isEmpty()      ? pod.deployment
            : !pod.ownerName.isEmpty() ? QString(pod.ownerKind + QLatin1Char(' ') + pod.ownerName)
                                       : QStringLiteral("none"));
    set(QStringLiteral("object"), QStringLiteral("pod ") + pod.name);
    set(QStringLiteral("status"),
        QStringLiteral("%1, %2/%3 ready, restarts %4")
            .arg(pod.status)
            .arg(pod.readyContainers)
            .arg(pod.totalContainers)
            .arg(pod.restartsText(now)));
    // Said when there is nothing, so the prompt never shows a bare <events> or <logs>.
    set(QStringLiteral("events"),
        events.isEmpty() ? QStringLiteral("(none that Quayside still holds)") : events.join(QLatin1Char('\n')));
    set(QStringLiteral("logs"),
        logLines.isEmpty() ? QStringLiteral("(the log view holds none of this pod's lines)")
                           : logLines.join(QLatin1Char('\n')));
}

void PromptVariables::set(const QString& name, const QString& value)
{
    if (value.isEmpty())
        m_values.remove(name);
    else
        m_values.insert(name, value);
}

bool PromptVariables::setAssignments(const QStringList& assignments, QString* error)
{
    for (const QString& assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            if (error)
                *error = QStringLiteral("--var needs NAME=VALUE, got \"%1\"").arg(assignment);
            return false;
        }
        set(assignment.left(equals).trimmed(), assignment.mid(equals + 1));
    }
    return true;
}

void PromptVariables::merge(const PromptVariables& other)
{
    for (auto it = other.m_values.cbegin(); it != other.m_values.cend(); ++it)
        m_values.insert(it.key(), it.value());
}

PromptVariables::Filled PromptVariables::fill(const QString& text) const
{
    Filled filled;
    QString out;
    qsizetype last = 0;
    auto it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        const auto found = m_values.constFind(name);
        if (found == m_values.cend()) {
            out += QLatin1Char('<') + name + QLatin1Char('>');
            if (!filled.missing.contains(name))
                filled.missing << name;
        } else {
            out += bounded(found.value());
        }
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    // After filling, not per value: a secret split across two values is still caught whole.
    filled.text = Redactor::instance().redact(out.trimmed());
    return filled;
}

PromptVariables::Filled PromptVariables::fill(const Prompt& prompt, const PromptVariables& base,
                                              const PromptVariables& specific)
{
    PromptVariables all = base;
    for (auto it = prompt.defaults.cbegin(); it != prompt.defaults.cend(); ++it)
        all.set(it.key(), it.value());
    all.merge(specific);
    return all.fill(prompt.text);
}

} // namespace quayside::ai
