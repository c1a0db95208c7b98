#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <deque>

namespace quayside {

// Reads `docker build` output line by line and tells how far the build is, for a progress bar, and
// which step failed, for the error. Three formats reach us:
//   legacy builder (dockerd)   "Step 3/12 : RUN pip install -r requirements.txt" (counted over all stages)
//   legacy API served by podman (buildah)  "STEP 3/12: RUN ...", and for multi-stage Dockerfiles
//                              "[2/3] STEP 5/7: COPY . ." (stage 2 of 3, step 5 of that stage's 7)
//   BuildKit, --progress=plain "#5 [backend 3/7] RUN pip install ...", "#5 CACHED", "#5 DONE 12.3s",
//                              "#5 ERROR: process \"/bin/sh -c ...\" did not complete successfully"
// BuildKit numbers steps per stage and runs stages in parallel, so the totals of all stages seen so
// far are added up.
class BuildProgressParser
{
public:
    static constexpr int kKeepLines = 50;

    // Returns true when current()/total() changed.
    bool feed(const QString& line);

    int current() const { return m_current; }
    int total() const { return m_total; }
    // The instruction running now, "RUN npm ci" (for the progress bar's text).
    const QString& currentStep() const { return m_currentStep; }
    // Where the build is, as a person counts it: "step 3/12", "step 5/7 of stage 2/3".
    const QString& position() const { return m_position; }
    // The step the build failed in ("5/9 RUN npm ci"), or the last step started when no error line
    // named one.
    QString failingStep() const;
    // An error line the builder printed ("The command '/bin/sh -c npm ci' returned a non-zero code: 1").
    const QString& errorLine() const { return m_errorLine; }
    // The last kKeepLines lines, for a failed build's report.
    QStringList lastLines() const;

private:
    void setCurrent(int current, int total, const QString& step);

    int m_current = 0;
    int m_total = 0;
    QString m_currentStep;
    QString m_currentStepNumber; // "5/9"
    QString m_position;
    QString m_errorLine;
    QString m_errorStep;
    QMap<QString, QPair<int, int>> m_stages; // BuildKit stage -> (highest step started, steps)
    QHash<QString, QString> m_vertices; // BuildKit "#5" -> "[backend 3/7] RUN ..."
    std::deque<QString> m_lines;
};

} // namespace quayside
