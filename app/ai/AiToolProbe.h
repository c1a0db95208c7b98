#pragma once

#include "ai/AiTool.h"
#include "ai/KagentCli.h"
#include "process/ToolResult.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace quayside {
class ToolRunner;
}

namespace quayside::ai {

// Which AI tools are installed, their versions, and the shape of kagent's CLI. Runs `kubectl-ai
// version`, `docker ai version` (the doctor's tests: `docker ai --help` exits 0 without the plugin) and
// `kagent --help` plus its invoke command's --help — all asynchronously, each with a timeout.
class AiToolProbe : public QObject
{
    Q_OBJECT
public:
    struct Status
    {
        bool probed = false;
        bool installed = false;
        QString version; // when the tool says it
        QString problem; // installed but unusable (it hung, crashed, printed nonsense)
        KagentCli kagent; // kagent only
    };

    AiToolProbe(ToolRunner* runner, QObject* parent = nullptr);

    void probeAll();
    void probe(AiToolKind kind);
    Status status(AiToolKind kind) const { return m_status.value(kind); }
    bool isProbing() const { return m_pending > 0; }

Q_SIGNALS:
    void statusChanged(quayside::ai::AiToolKind kind);
    void finished();

private:
    void run(const QString& program, const QStringList& arguments, std::function<void(const ToolResult&)> done);
    void done(AiToolKind kind, const Status& status);

    ToolRunner* m_runner;
    QHash<AiToolKind, Status> m_status;
    int m_pending = 0;
};

} // namespace quayside::ai
