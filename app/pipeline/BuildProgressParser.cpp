#include "pipeline/BuildProgressParser.h"

#include <QRegularExpression>

#include <algorithm>

namespace quayside {

void BuildProgressParser::setCurrent(int current, int total, const QString& step)
{
    m_current = current;
    m_total = total;
    m_currentStep = step;
}

bool BuildProgressParser::feed(const QString& rawLine)
{
    QString line = rawLine;
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    m_lines.push_back(line);
    while (m_lines.size() > static_cast<std::size_t>(kKeepLines))
        m_lines.pop_front();

    static const QRegularExpression legacy(
        QStringLiteral("^(?:\\[(\\d+)/(\\d+)\\] )?(?:Step|STEP) (\\d+)/(\\d+) ?: ?(.*)$"));
    static const QRegularExpression buildkitStep(QStringLiteral("^#(\\d+) \\[(?:([^\\]]+) )?(\\d+)/(\\d+)\\] (.*)$"));
    static const QRegularExpression buildkitVertex(QStringLiteral("^#(\\d+) \\[([^\\]]+)\\] (.*)$"));
    static const QRegularExpression buildkitError(QStringLiteral("^#(\\d+) ERROR:? ?(.*)$"));

    const int oldCurrent = m_current;
    const int oldTotal = m_total;

    if (const auto m = legacy.match(line); m.hasMatch()) {
        const int n = m.captured(3).toInt();
        const int total = m.captured(4).toInt();
        m_currentStepNumber = m.captured(3) + QLatin1Char('/') + m.captured(4);
        if (m.hasCaptured(1) && !m.captured(1).isEmpty() && m.captured(2).toInt() > 1) {
            // buildah builds the stages one after the other: each stage is an equal share of the bar.
            const int stage = m.captured(1).toInt();
            const int stages = m.captured(2).toInt();
            m_currentStepNumber += QStringLiteral(" of stage %1/%2").arg(stage).arg(stages);
            setCurrent((stage - 1) * 100 + (total > 0 ? n * 100 / total : 0), stages * 100, m.captured(5).trimmed());
        } else {
            setCurrent(n, total, m.captured(5).trimmed());
        }
        m_position = QStringLiteral("step ") + m_currentStepNumber;
    } else if (const auto s = buildkitStep.match(line); s.hasMatch()) {
        const QString stage = s.captured(2);
        const int n = s.captured(3).toInt();
        const int total = s.captured(4).toInt();
        m_vertices.insert(s.captured(1),
                          QStringLiteral("%1%2/%3 %4")
                              .arg(stage.isEmpty() ? QString() : stage + QLatin1Char(' '))
                              .arg(n)
                              .arg(total)
                              .arg(s.captured(5).trimmed()));
        QPair<int, int>& entry = m_stages[stage];
        entry.first = std::max(entry.first, n);
        entry.second = total;
        int current = 0;
        int sum = 0;
        for (const auto& stageEntry : std::as_const(m_stages)) {
            current += stageEntry.first;
            sum += stageEntry.second;
        }
        m_currentStepNumber = QStringLiteral("%1/%2").arg(n).arg(total);
        setCurrent(current, sum, s.captured(5).trimmed());
        m_position = QStringLiteral("step %1/%2").arg(current).arg(sum);
    } else if (const auto v = buildkitVertex.match(line); v.hasMatch()) {
        m_vertices.insert(v.captured(1), QStringLiteral("[%1] %2").arg(v.captured(2), v.captured(3).trimmed()));
    }

    if (const auto e = buildkitError.match(line); e.hasMatch()) {
        m_errorLine = e.captured(2);
        m_errorStep = m_vertices.value(e.captured(1));
    } else if (line.startsWith(QLatin1String("The command '"))
               && line.contains(QLatin1String("returned a non-zero code"))) {
        m_errorLine = line; // dockerd's legacy builder
    } else if (line.startsWith(QLatin1String("building at STEP"))
               || line.startsWith(QLatin1String("Error: building at STEP"))
               || line.startsWith(QLatin1String("error building at STEP"))) {
        m_errorLine = line; // buildah (podman): 'building at STEP "RUN ...": while running runtime: exit status 3'
    } else if (m_errorLine.isEmpty() && line.startsWith(QLatin1String("ERROR: failed to solve:"))) {
        m_errorLine = line;
    }
    return m_current != oldCurrent || m_total != oldTotal;
}

QString BuildProgressParser::failingStep() const
{
    if (!m_errorStep.isEmpty())
        return m_errorStep;
    if (m_currentStepNumber.isEmpty())
        return {};
    return m_currentStepNumber + QLatin1Char(' ') + m_currentStep;
}

QStringList BuildProgressParser::lastLines() const
{
    QStringList lines;
    for (const QString& line : m_lines)
        lines << line;
    return lines;
}

} // namespace quayside
